/// One property parameter with its (possibly several) values, unquoted and with RFC 6868 caret escapes decoded.
///
/// Spec: RFC 5545 §3.2, RFC 6868.
public struct Parameter: Hashable, Sendable {
    public var name: ParameterName
    public var values: [String]

    public init(name: ParameterName, values: [String]) {
        self.name = name
        self.values = values
    }

    public init(_ name: ParameterName, _ value: String) {
        self.init(name: name, values: [value])
    }

    /// The first value; most parameters have exactly one.
    public var value: String { values.first ?? "" }
}
