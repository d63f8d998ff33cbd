import CalendarStore

/// What the administrator sets for scheduling: the abuse limits (how many attendees one event may invite, how many
/// scheduling messages a user may cause per hour) and who may look up busy times of users who chose nothing.
public struct SchedulingLimits: Sendable, Hashable {
    /// The most ATTENDEE properties one component may carry (CALDAV:max-attendees-per-instance, RFC 4791 §5.2.9).
    public var maxAttendeesPerInstance: Int
    /// The most messages (one per recipient) a user's changes may send in a rolling hour; more gets 429.
    public var messagesPerHour: Int
    /// Who may see a user's busy times when the user made no choice (`CalendarStore.freeBusyVisibility`).
    public var defaultFreeBusyVisibility: FreeBusyVisibility

    public init(maxAttendeesPerInstance: Int = 100, messagesPerHour: Int = 500,
                defaultFreeBusyVisibility: FreeBusyVisibility = .everyone) {
        self.maxAttendeesPerInstance = maxAttendeesPerInstance
        self.messagesPerHour = messagesPerHour
        self.defaultFreeBusyVisibility = defaultFreeBusyVisibility
    }
}
