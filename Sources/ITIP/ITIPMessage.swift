import ICalendar

/// One iTIP scheduling message: what the server delivers to a recipient's inbox or mails by iMIP.
/// Spec: RFC 5546 §2.1, §3; RFC 6638 §3.2 (the server generates these from changes to scheduling objects).
public struct ITIPMessage: Sendable, Hashable {
    public var method: ITIPMethod
    /// The UID of the calendar object the message is about.
    public var uid: String
    /// Who sends it: the organizer for REQUEST, CANCEL, ADD, DECLINECOUNTER; the attendee for REPLY, REFRESH, COUNTER.
    public var originator: CalendarUserAddress
    /// Who receives it.
    public var recipients: [CalendarUserAddress]
    /// A complete VCALENDAR with `METHOD`, the VTIMEZONEs its components use, and the components (master and/or
    /// overridden instances) as RFC 5546 §3 requires for the method. SCHEDULE-STATUS and SCHEDULE-FORCE-SEND are
    /// not in it (RFC 6638 §7.3, §7.2).
    public var calendar: Component

    public init(method: ITIPMethod, uid: String, originator: CalendarUserAddress, recipients: [CalendarUserAddress],
                calendar: Component) {
        self.method = method; self.uid = uid; self.originator = originator; self.recipients = recipients
        self.calendar = calendar
    }
}
