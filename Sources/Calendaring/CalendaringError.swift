/// Why the calendar refused what was asked: the named condition that was violated, and a sentence that tells the
/// user what was wrong (never internals).
///
/// Protocol-neutral: no status, no XML. A door maps it in one place onto its own wire (CalDAV:
/// `CalendaringError+DAV.swift`, a status and the RFC precondition element each condition names).
public enum CalendaringError: Error, Sendable, Hashable {
    /// A rule of the calendar refused the request: which one, and why.
    case refused(Condition, reason: String)

    /// The conditions a rule of the calendar names when it refuses. Each is a precondition of the RFC cited.
    public enum Condition: Sendable, Hashable {
        /// The data is not iCalendar 2.0 as text/calendar (RFC 4791 §5.3.2.1 supported-calendar-data).
        case supportedCalendarData
        /// The data is not valid iCalendar, or a value the server has to interpret is not (RFC 4791 §5.3.2.1, §5.2.2
        /// valid-calendar-data).
        case validCalendarData
        /// The calendar object breaks the rules of RFC 4791 §4.1 (valid-calendar-object-resource).
        case validCalendarObjectResource
        /// The calendar does not store this component type (RFC 4791 §5.3.2.1 supported-calendar-component).
        case supportedCalendarComponent
        /// The object is larger than the calendar accepts (RFC 4791 §5.3.2.1 max-resource-size).
        case maxResourceSize
        /// A text match names a collation the server does not support (RFC 4791 §7.5 supported-collation).
        case supportedCollation
        /// A rule is counted in a calendar scale the server cannot iterate (RFC 7529 §5.3 supported-rscale).
        case supportedRscale
    }
}
