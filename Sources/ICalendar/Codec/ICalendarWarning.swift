/// A quirk that lenient parsing accepted; strict parsing refuses the ones marked in `ParseOptions`.
public struct ICalendarWarning: Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        case byteOrderMark
        case bareLineFeed
        case lowercaseName
        case trailingWhitespace
        case missingVersion
        case missingProdID
        case invalidUTF8Replaced
        case emptyLineSkipped
        case invalidContentLineSkipped
        /// A property name held characters other than letters, digits and '-'; it was kept as written.
        case invalidNameAccepted
        case unclosedComponentClosed
        case mismatchedEndAccepted
        case invalidValue
        /// A TZID was a Windows zone name (`Eastern Standard Time`) and was read as the IANA zone it maps to.
        case windowsTimeZoneName
        /// Floating times are read in the zone X-WR-TIMEZONE names.
        case calendarTimeZoneFromXWR
        /// A TZID was another spelling of an IANA zone (a Mozilla/libical prefix, other letter case, a UTC alias).
        case timeZoneAlias
        /// A TZID is not an IANA zone and was read from the calendar's own VTIMEZONE.
        case embeddedTimeZone
        /// A VTIMEZONE could not be interpreted (missing TZID or offsets, unreadable or hostile rules).
        case invalidTimeZone
        /// Two VTIMEZONEs have the same TZID; the first is used.
        case duplicateTimeZone
        /// A TZID (or X-WR-TIMEZONE) matches no IANA zone and no VTIMEZONE.
        case unknownTimeZone
    }

    public var code: Code
    public var line: Int?
    public var property: String?
    public var message: String

    public init(_ code: Code, line: Int? = nil, property: String? = nil, message: String) {
        self.code = code
        self.line = line
        self.property = property
        self.message = message
    }

    public var description: String {
        line.map { "line \($0): \(message)" } ?? message
    }
}
