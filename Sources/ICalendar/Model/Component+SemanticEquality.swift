/// Equality as iCalendar means it, for tests and round-trip checks: the order of properties and sub-components
/// does not matter, names and enumerated parameter values compare case-insensitively, TEXT compares after
/// unescaping (`\N` equals `\n`), and DATE/DATE-TIME values compare by what they name (`T` equals `t`).
extension Component {
    public func isSemanticallyEqual(to other: Component) -> Bool {
        canonicalForm == other.canonicalForm
    }

    /// A sorted, normalised rendering: equal exactly when the two components are semantically equal.
    public var canonicalForm: String {
        let props = properties.map(Self.canonical).sorted()
        let children = components.map(\.canonicalForm).sorted()
        return "BEGIN:\(name.rawValue)\n" + props.joined() + children.joined() + "END:\(name.rawValue)\n"
    }

    private static let caseInsensitiveParameters: Set<ParameterName> = [
        .value, .cutype, .role, .partstat, .rsvp, .fbtype, .related, .range, .encoding, .reltype, .scheduleAgent,
        .scheduleForceSend, .display, .feature,
    ]

    private static func canonical(_ property: Property) -> String {
        var line = property.name.rawValue
        let params = property.parameters
            .filter { !($0.name == .value && ValueType(name: $0.value) == ValueType.default(for: property.name)) }
            .map { p -> String in
                let values = caseInsensitiveParameters.contains(p.name) ? p.values.map { $0.uppercased() } : p.values
                return p.name.rawValue + "=" + values.joined(separator: ",")
            }
            .sorted()
        for p in params { line += ";" + p }
        return line + ":" + canonicalValue(property) + "\n"
    }

    private static func canonicalValue(_ property: Property) -> String {
        switch property.valueType {
        case .text:
            if ValueType.isList(property.name) { return property.texts.joined(separator: "\u{1F}") }
            return property.text
        case .date, .dateTime:
            if let values = try? property.dateTimes() { return values.map(\.icalValue).joined(separator: ",") }
            return property.value
        case .duration:
            return (try? property.duration().icalValue) ?? property.value
        case .recur:
            return (try? property.recurrenceRule().icalValue) ?? property.value
        case .boolean:
            return property.value.uppercased()
        default:
            return property.value
        }
    }
}
