/// One content line as a tree node: name, parameters in their original order, and the value text exactly as it was
/// written (still TEXT-escaped), so serializing gives back what was read. Typed readers live in `Property+Values.swift`.
///
/// Spec: RFC 5545 §3.1, §3.5.
public struct Property: Hashable, Sendable {
    public var name: PropertyName
    public var parameters: [Parameter]
    /// The value as written after unfolding: escapes are kept, nothing is normalised.
    public var value: String

    public init(name: PropertyName, parameters: [Parameter] = [], value: String) {
        self.name = name
        self.parameters = parameters
        self.value = value
    }

    /// The first parameter with that name.
    public func parameter(_ name: ParameterName) -> Parameter? {
        parameters.first { $0.name == name }
    }

    /// The first value of the first parameter with that name.
    public subscript(parameter name: ParameterName) -> String? {
        get { parameter(name)?.value }
        set {
            parameters.removeAll { $0.name == name }
            if let newValue { parameters.append(Parameter(name, newValue)) }
        }
    }
}
