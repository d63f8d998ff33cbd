import ICalendar

/// RFC 5546 iTIP and RFC 6638 implicit scheduling as pure functions over iCalendar objects. No I/O: the CalDAV
/// layer reads and writes the objects and delivers the messages.
/// Spec: RFC 5546, RFC 6638 §3.
public enum ITIP {
    /// The role `user` has for `calendar` (a VCALENDAR with one UID). Spec: RFC 6638 §3.1.
    public static func role(of calendar: Component, for user: CalendarUser) -> SchedulingRole {
        .none  // INTERIM until the ITIP helper's implementation is merged
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
        fatalError("ITIP.messages is implemented by the ITIP helper")
    }

    /// Applies an incoming message to the recipient's copy (`existing`, nil when they have none).
    /// REQUEST/ADD create or update the attendee's copy (their PARTSTAT kept when only others' changed, NEEDS-ACTION
    /// on a new copy), CANCEL removes the copy or the cancelled instances, REPLY updates the replying attendee's
    /// PARTSTAT in the organizer's copy (creating an override for a reply to one instance, adding a delegate on
    /// DELEGATED-TO); COUNTER, REFRESH and DECLINECOUNTER do not change the copy. A stale SEQUENCE is `.unchanged`.
    /// Spec: RFC 5546 §3.2.2–§3.2.7, RFC 6638 §3.2.
    public static func apply(_ message: ITIPMessage, to existing: Component?, recipient: CalendarUser)
        throws(ITIPError) -> ITIPApplication {
        fatalError("ITIP.apply is implemented by the ITIP helper")
    }
}
