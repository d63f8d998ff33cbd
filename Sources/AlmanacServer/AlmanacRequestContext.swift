import Hummingbird
import Logging
import NIOCore
import Synchronization

/// The per-request context: Hummingbird's core storage plus what Almanac's middleware learns about the request.
public struct AlmanacRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer address of the TCP connection (nil for test channels without one).
    public let peerAddress: String?
    /// Set by `RequestLogMiddleware`: the id echoed in `X-Request-ID` and written in every log line.
    public var requestID: String = ""
    /// Filled by authentication so the access log, which wraps it, can name the user.
    public let authenticatedUser = RequestSlot<String>()
    /// Filled from the DAV response's `logNote`, so the access log says why a request was refused or what was
    /// repaired.
    public let logNote = RequestSlot<String>()
    /// Tells the connection when the body is about to be read (answers `Expect: 100-continue`).
    public let continueSignal: ContinueSignal

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = CoreRequestContextStorage(source: source)
        self.peerAddress = source.channel.remoteAddress?.ipAddress
        self.continueSignal = ContinueSignal(channel: source.channel)
    }
}

/// A write-once-per-request cell: the access log is the outer layer and contexts are values, so inner steps
/// (authentication, the DAV layer) report what the log line needs through this shared reference.
public final class RequestSlot<Value: Sendable>: Sendable {
    private let storage = Mutex<Value?>(nil)

    public init() {}

    public var value: Value? {
        get { storage.withLock { $0 } }
        set { storage.withLock { $0 = newValue } }
    }
}
