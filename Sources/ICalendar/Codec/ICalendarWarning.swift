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
        case unclosedComponentClosed
        case mismatchedEndAccepted
        case invalidValue
        case windowsTimeZoneName
        case calendarTimeZoneFromXWR
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
