import ICalendar

/// CALDAV:param-filter: a test on one parameter of the property being examined.
///
/// Spec: RFC 4791 §9.7.3 — `(is-not-defined | text-match?)`: empty matches when the parameter exists, is-not-defined
/// when it does not, text-match when one of its values matches.
public struct ParamFilter: Sendable, Hashable {
    public var name: ParameterName
    public var isNotDefined: Bool
    public var textMatch: TextMatch?

    public init(name: ParameterName, isNotDefined: Bool = false, textMatch: TextMatch? = nil) {
        self.name = name
        self.isNotDefined = isNotDefined
        self.textMatch = textMatch
    }

    func matches(_ property: Property) -> Bool {
        let parameters = property.parameters.filter { $0.name == name }
        if isNotDefined { return parameters.isEmpty }
        guard !parameters.isEmpty else { return false }
        guard let textMatch else { return true }
        return textMatch.matches(anyOf: parameters.flatMap(\.values))
    }
}
