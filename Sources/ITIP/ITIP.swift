import ICalendar

/// RFC 5546 iTIP and RFC 6638 implicit scheduling as pure functions over iCalendar objects. No I/O: the CalDAV
/// layer reads and writes the objects and delivers the messages.
/// Spec: RFC 5546, RFC 6638 §3.
public enum ITIP {
    /// The role `user` has for `calendar` (a VCALENDAR with one UID). Spec: RFC 6638 §3.1.
    ///
    /// Only VEVENT and VTODO are scheduled; an object of other components (VJOURNAL) has no role. The attendee
    /// address is the first ATTENDEE, in component order, that is one of the user's addresses.
    public static func role(of calendar: Component, for user: CalendarUser) -> SchedulingRole {
        let parts = calendar.components.filter { SchedulingObject.scheduledTypes.contains($0.name) }
        guard let organizer = parts.lazy.compactMap({ $0.property(.organizer)?.calendarUserAddress }).first else {
            return .none
        }
        if user.owns(organizer) { return .organizer(organizer) }
        for part in parts {
            if let own = part.attendeeAddresses.first(where: user.owns) { return .attendee(own, organizer: organizer) }
        }
        return .none
    }

    /// The messages the server sends when `actor` creates (`old` nil), changes, or deletes (`new` nil) a
    /// scheduling object resource in their calendar, and the object to store.
    ///
    /// Organizer: REQUEST to each attendee invited to a component that was created or changed significantly (or
    /// carries SCHEDULE-FORCE-SEND=REQUEST), with just the components they attend; CANCEL to attendees removed
    /// from all components, CANCEL with RECURRENCE-ID for instances removed (EXDATE, STATUS:CANCELLED, dropped
    /// from an override); CANCEL to all on delete. Attendee: REPLY to the organizer with the components whose
    /// PARTSTAT changed (and DECLINED for instances they EXDATE, and for the whole object on delete). Calendar users
    /// with SCHEDULE-AGENT=CLIENT or NONE get nothing. An unchanged or insignificant change sends nothing.
    /// Spec: RFC 6638 §3.2.1, §3.2.2; RFC 5546 §3.2.
    public static func messages(old: Component?, new: Component?, actor: CalendarUser) throws(ITIPError)
        -> SchedulingOutcome {
        let oldObject = try old.flatMap(schedulingObject)
        let newObject = try new.flatMap(schedulingObject)
        if let oldObject, let newObject {
            guard oldObject.uid == newObject.uid else {
                throw .organizerChangeNotAllowed("the UID of a scheduling object cannot change ('\(oldObject.uid)' became '\(newObject.uid)')")
            }
            if let before = oldObject.organizer, let after = newObject.organizer, before != after {
                throw .organizerChangeNotAllowed("the ORGANIZER of a scheduling object cannot change (\(before) became \(after))")
            }
        }
        let oldRole = old.map { role(of: $0, for: actor) } ?? SchedulingRole.none
        let newRole = new.map { role(of: $0, for: actor) } ?? oldRole
        switch (oldRole, newRole) {
        case (_, .organizer(let organizer)), (.organizer(let organizer), .none):
            // An organizer who takes ORGANIZER away (the last attendee removed) cancels everyone left.
            let target = newRole == .none ? newObject.map(withoutAttendees) : newObject
            var outcome = OrganizerScheduling(old: oldObject, new: target, organizer: organizer, actor: actor).outcome
            if newRole == .none { outcome.stored = new }
            return outcome
        case (_, .attendee(let attendee, let organizer)):
            return AttendeeReply(old: oldObject, new: newObject, attendee: attendee, organizer: organizer).outcome
        default:
            return SchedulingOutcome(role: .none, messages: [], stored: new)
        }
    }

    /// Applies an incoming message to the recipient's copy (`existing`, nil when they have none).
    /// REQUEST/ADD create or update the attendee's copy (their PARTSTAT kept when only others' changed, NEEDS-ACTION
    /// on a new copy), CANCEL removes the copy or the cancelled instances, REPLY updates the replying attendee's
    /// PARTSTAT in the organizer's copy (creating an override for a reply to one instance, adding a delegate on
    /// DELEGATED-TO); COUNTER, REFRESH and DECLINECOUNTER do not change the copy. A stale SEQUENCE is `.unchanged`.
    /// Spec: RFC 5546 §3.2.2–§3.2.7, RFC 6638 §3.2.
    public static func apply(_ message: ITIPMessage, to existing: Component?, recipient: CalendarUser)
        throws(ITIPError) -> ITIPApplication {
        let incoming = try SchedulingObject(message.calendar)
        let copy = try existing.flatMap(schedulingObject)
        switch message.method {
        case .request, .publish: return RequestApplication(message: incoming, existing: copy, recipient: recipient).result
        case .add: return AddApplication(message: incoming, existing: copy).result
        case .cancel: return CancelApplication(message: incoming, existing: copy).result
        case .reply: return ReplyApplication(message: incoming, replier: message.originator, existing: copy).result
        case .counter, .refresh, .declineCounter: return .unchanged
        }
    }

    /// The object view of a stored calendar; nil when it holds no component to schedule (only VTIMEZONEs).
    static func schedulingObject(_ calendar: Component) throws(ITIPError) -> SchedulingObject? {
        guard calendar.components.contains(where: { SchedulingObject.objectTypes.contains($0.name) }) else { return nil }
        return try SchedulingObject(calendar)
    }

    private static func withoutAttendees(_ object: SchedulingObject) -> SchedulingObject {
        var copy = object
        copy.mapComponents { _, component in
            var stripped = component
            stripped.removeProperties(.attendee)
            return stripped
        }
        return copy
    }
}
