/// Why a component could not be written as jCal, or jCal input could not be read, where, and what to change.
///
/// `path` names the place in the calendar, e.g. `vcalendar/vevent[0]/dtstart`: components are counted among siblings
/// of the same name from 0, and a property gets an index only when its component has several of that name
/// (`attendee[1]`). It is empty when the input is not JSON at all; then `offset` is the byte where reading stopped.
///
/// Spec: RFC 7265 §3 (iCalendar → jCal), §4 (jCal → iCalendar).
public struct JCalError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// The input is not well-formed JSON (RFC 8259) or not valid UTF-8.
        case invalidJSON
        /// Well-formed JSON, but not shaped like jCal (a component is `[name, [properties], [components]]`).
        case invalidStructure
        /// A component, property, parameter or value type name that is not an iana-token or x-name.
        case invalidName
        /// A parameter value that is not a string or an array of strings, or VALUE given as a parameter.
        case invalidParameter
        /// A value whose JSON type does not fit its value type, or several values where one is allowed.
        case invalidType
        /// A value that has the right JSON type but not the right form (a date that is not `2013-02-14`, ...).
        case invalidValue
        /// A VCALENDAR without VERSION or PRODID (RFC 5545 §3.6), refused as the strict iCalendar parser refuses it.
        case missingRequiredProperty
        /// The input holds something other than the VCALENDAR that was asked for.
        case notVCalendar
        /// Components nested deeper than the decoder allows.
        case tooDeep
    }

    public var code: Code
    /// Where the problem is, as `vcalendar/vevent[0]/dtstart`; empty for JSON syntax errors.
    public var path: String
    /// The byte offset into the input, for JSON syntax errors.
    public var offset: Int?
    public var message: String

    public init(_ code: Code, path: String = "", offset: Int? = nil, message: String) {
        self.code = code
        self.path = path
        self.offset = offset
        self.message = message
    }

    /// The same error placed at `path`, unless a deeper step already placed it.
    func located(_ path: @autoclosure () -> String) -> JCalError {
        guard self.path.isEmpty, offset == nil else { return self }
        var copy = self
        copy.path = path()
        return copy
    }

    public var description: String {
        if !path.isEmpty { return "\(path): \(message)" }
        if let offset { return "byte \(offset): \(message)" }
        return message
    }
}
