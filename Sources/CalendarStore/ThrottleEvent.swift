/// One event a throttle counts (`CalendarStore.recordThrottleEvent`): what happened, to whom, how much, when.
public struct ThrottleEvent: Sendable, Hashable {
    /// What the event is about, e.g. the user name a failed login tried; empty when nothing.
    public var subject: String
    public var weight: Int
    /// Milliseconds since 1970, as the caller's clock gave it.
    public var at: Int64

    public init(subject: String, weight: Int, at: Int64) {
        self.subject = subject; self.weight = weight; self.at = at
    }
}
