import ICalendar

/// Why an embedded VTIMEZONE could not be interpreted, and what to fix.
///
/// Spec: RFC 5545 §3.6.5 (a VTIMEZONE has exactly one TZID and at least one STANDARD or DAYLIGHT sub-component; each
/// of those has exactly one DTSTART, TZOFFSETFROM and TZOFFSETTO). The message is written for the person who has to
/// fix the calendar data.
public struct VTimeZoneError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// The component is not a VTIMEZONE.
        case notATimeZone
        /// The VTIMEZONE has no TZID property (or an empty one).
        case missingTZID
        /// The VTIMEZONE has no STANDARD or DAYLIGHT sub-component.
        case noObservances
        /// An observance lacks DTSTART, TZOFFSETFROM or TZOFFSETTO.
        case missingProperty
        /// A DTSTART, RDATE, RRULE, TZOFFSETFROM or TZOFFSETTO value cannot be read.
        case invalidValue
        /// The observances produce more onsets than `ExpansionLimits` allows, or a rule searched too long without
        /// producing one (a hostile or broken RRULE).
        case limitExceeded
    }

    public var code: Code
    /// The VTIMEZONE's TZID, when it has one.
    public var tzid: String?
    /// The property concerned, when there is one.
    public var property: String?
    public var message: String

    public init(_ code: Code, tzid: String? = nil, property: String? = nil, message: String) {
        self.code = code
        self.tzid = tzid
        self.property = property
        self.message = message
    }

    public var description: String {
        var text = code.rawValue
        if let tzid { text += " '\(tzid)'" }
        if let property { text += " \(property)" }
        return text + ": " + message
    }
}
