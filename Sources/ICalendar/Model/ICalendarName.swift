/// The shape shared by component, property and parameter names: iCalendar names are case-insensitive, so each is
/// stored uppercased and compared as plain strings, while X- and unknown IANA names are kept as written.
///
/// Spec: RFC 5545 §2.1 ("all names of properties, property parameters, enumerated property values and property
/// parameter values are case-insensitive").
public protocol ICalendarName: RawRepresentable<String>, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// For names the caller has already uppercased (the parser's fast path).
    init(uppercased: String)
}

extension ICalendarName {
    public init(rawValue: String) { self.init(uppercased: ASCIIBytes.uppercased(rawValue)) }
    public init(_ name: String) { self.init(uppercased: ASCIIBytes.uppercased(name)) }
    public init(stringLiteral value: String) { self.init(uppercased: ASCIIBytes.uppercased(value)) }
    public var description: String { rawValue }
    /// X- names are vendor extensions (RFC 5545 §3.1, x-name).
    public var isExtension: Bool { rawValue.hasPrefix("X-") }
}
