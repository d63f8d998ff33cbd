/// Abuse limits on scheduling: how many attendees one event may invite and how many scheduling messages a user may
/// cause per hour.
public struct SchedulingLimits: Sendable, Hashable {
    /// The most ATTENDEE properties one component may carry (CALDAV:max-attendees-per-instance, RFC 4791 §5.2.9).
    public var maxAttendeesPerInstance: Int
    /// The most messages (one per recipient) a user's changes may send in a rolling hour; more gets 429.
    public var messagesPerHour: Int

    public init(maxAttendeesPerInstance: Int = 100, messagesPerHour: Int = 500) {
        self.maxAttendeesPerInstance = maxAttendeesPerInstance
        self.messagesPerHour = messagesPerHour
    }
}
