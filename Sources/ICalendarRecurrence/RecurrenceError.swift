import ICalendar

/// Why a component's recurrence could not be read: which property, and what to change.
///
/// Spec: RFC 5545 §3.8.5 (RRULE, RDATE, EXDATE), §3.8.2.4 (DTSTART), §3.8.4.4 (RECURRENCE-ID); RFC 7529 §5.3 (RSCALE).
public struct RecurrenceError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Hashable, Sendable {
        /// A property's value could not be parsed.
        case invalidValue
        /// The component has neither DTSTART nor (for a VTODO) DUE, so it has no time to recur from.
        case missingStart
        /// An RRULE or EXRULE names an RSCALE that cannot be iterated (RFC 7529 §5.3).
        case unsupportedCalendarScale
    }

    public var code: Code
    public var property: PropertyName?
    public var message: String

    public init(_ code: Code, property: PropertyName? = nil, message: String) {
        self.code = code
        self.property = property
        self.message = message
    }

    init(_ error: ICalendarParseError, property: PropertyName) {
        self.init(.invalidValue, property: property, message: error.message)
    }

    public var description: String {
        property.map { "\($0.rawValue): \(message)" } ?? message
    }
}
