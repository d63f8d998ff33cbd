import DAVXML
import ICalendar
import WebDAV

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

    static func parse(_ element: XMLElement) throws(DAVError) -> ParamFilter {
        let name = try CalendarFilter.nameAttribute(of: element)
        let isNotDefined = element.first(XMLName.calDAV.isNotDefined) != nil
        let textMatches = element.all(XMLName.calDAV.textMatch)
        guard textMatches.count <= 1, !(isNotDefined && !textMatches.isEmpty) else {
            throw CalendarFilter.invalid("param-filter \(name) holds is-not-defined or one text-match, not both or several")
        }
        return ParamFilter(name: ParameterName(name), isNotDefined: isNotDefined, textMatch: try textMatches.first.map(TextMatch.parse))
    }

    func matches(_ property: Property) -> Bool {
        let parameters = property.parameters.filter { $0.name == name }
        if isNotDefined { return parameters.isEmpty }
        guard !parameters.isEmpty else { return false }
        guard let textMatch else { return true }
        return textMatch.matches(anyOf: parameters.flatMap(\.values))
    }
}
