import ICalendar

/// How a TZID was resolved: the rules, and where they came from.
///
/// Spec: RFC 5545 §3.2.19 (a TZID parameter names a VTIMEZONE in the same object), RFC 7809 (a server may use
/// its own definition for a TZID it knows instead of the one sent).
public struct TimeZoneResolution: Sendable {
    public enum Source: Hashable, Sendable {
        /// The system tz database, under this IANA identifier (which differs from the TZID for Windows names,
        /// vendor-prefixed names and other spellings).
        case database(identifier: String)
        /// The calendar's own VTIMEZONE with that TZID.
        case embedded
        /// A fixed offset written in the TZID itself (`UTC+05:30`), neither an IANA zone nor defined in the calendar.
        case fixedOffset
    }

    public var source: Source
    public var rules: any TimeZoneRules

    public init(source: Source, rules: any TimeZoneRules) {
        self.source = source
        self.rules = rules
    }
}
