import NIOCore

/// Starts the timer behind each SMTP reply deadline and returns how to cancel it. The real timer runs on the
/// connection's event loop; tests substitute one they control, so a timeout is asserted by what the client does
/// when its deadline passes, not by how long a loaded machine took to get there.
public struct SMTPDeadlineTimer: Sendable {
    /// Calls `expire` once `delay` has passed on `channel`, unless the returned cancel runs first.
    let start: @Sendable (_ delay: Duration, _ channel: any Channel, _ expire: @escaping @Sendable () -> Void)
        -> @Sendable () -> Void

    public init(start: @escaping @Sendable (_ delay: Duration, _ channel: any Channel,
                                           _ expire: @escaping @Sendable () -> Void) -> @Sendable () -> Void) {
        self.start = start
    }

    /// Wall time on the connection's event loop.
    public static let eventLoop = SMTPDeadlineTimer { delay, channel, expire in
        let scheduled = channel.eventLoop.scheduleTask(in: TimeAmount(delay), expire)
        return { scheduled.cancel() }
    }
}
