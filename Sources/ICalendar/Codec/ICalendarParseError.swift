/// Why input could not be read as iCalendar, where, and what to change.
///
/// `line` is the 1-based physical line where the offending content line starts; `property` names the property whose
/// value or syntax is wrong. The message is written for the person who has to fix the file.
public struct ICalendarParseError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        case empty
        case invalidUTF8
        case invalidContentLine
        case invalidName
        case invalidParameter
        case unterminatedQuote
        case missingColon
        case propertyOutsideComponent
        case unexpectedEnd
        case mismatchedEnd
        case unclosedComponent
        case notVCalendar
        case missingRequiredProperty
        case invalidValue
        case tooLarge
        case tooDeep
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

    /// The same error, placed at a line and property (value parsers do not know where they are).
    func located(line: Int?, property: String?) -> ICalendarParseError {
        var copy = self
        copy.line = copy.line ?? line
        copy.property = copy.property ?? property
        return copy
    }

    public var description: String {
        var where_ = ""
        if let line { where_ += "line \(line)" }
        if let property { where_ += (where_.isEmpty ? "" : ", ") + property }
        return where_.isEmpty ? message : "\(where_): \(message)"
    }
}
