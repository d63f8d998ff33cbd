import ICalendar

/// Why free/busy time could not be computed.
///
/// Spec: RFC 4791 §7.10, RFC 7953 §4. Each case names the condition; the CalDAV layer maps them to responses.
public enum FreeBusyError: Error, Hashable, Sendable {
    /// A candidate or VAVAILABILITY holds a value that does not parse (the wrapped error says which and where).
    case invalidData(ICalendarParseError)
    /// A recurring AVAILABLE was met by an expander that only handles single occurrences: wire in the recurrence
    /// expander (`AvailableExpanding`) before offering VAVAILABILITY with RRULE or RDATE.
    case recurrenceNotExpanded(uid: String?)
    /// The expander stopped at its `ExpansionLimits` before covering the requested range.
    case expansionLimitReached(uid: String?)
}
