import ICalendar

/// What a change to a scheduling object resource means: the messages to send and the object to store.
/// Spec: RFC 6638 §3.2.
public struct SchedulingOutcome: Sendable, Hashable {
    public var role: SchedulingRole
    /// One message per recipient (or per recipient and method), in a stable order: attendees in the order of the
    /// object, CANCEL after REQUEST.
    public var messages: [ITIPMessage]
    /// The object to store in the actor's calendar (nil for a delete): the new object with SCHEDULE-FORCE-SEND
    /// removed. The caller sets SCHEDULE-STATUS from the delivery results (`ITIP.settingScheduleStatus`).
    public var stored: Component?

    public init(role: SchedulingRole, messages: [ITIPMessage], stored: Component?) {
        self.role = role; self.messages = messages; self.stored = stored
    }
}

/// What processing an incoming message does to the recipient's copy of the object.
/// Spec: RFC 6638 §3.2 (server processing of inbound messages), RFC 5546 §3.2.
public enum ITIPApplication: Sendable, Hashable {
    /// Store this object. `significant` is false when only participation status (PARTSTAT and its companions)
    /// changed, so the Schedule-Tag stays (RFC 6638 §3.2.10).
    case store(Component, significant: Bool)
    /// Remove the recipient's copy (the whole meeting was cancelled).
    case remove
    /// Nothing to change (a stale SEQUENCE, a message for an object the recipient does not have, a DECLINECOUNTER).
    case unchanged
}
