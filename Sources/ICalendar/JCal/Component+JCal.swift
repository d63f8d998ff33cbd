/// jCal conveniences on the component tree.
///
/// Spec: RFC 7265.
extension Component {
    /// Reads jCal that must hold one VCALENDAR, strictly (see `JCalDecoder`).
    public init(jCal text: String) throws(JCalError) {
        try self.init(jCal: Array(text.utf8))
    }

    /// Reads jCal bytes that must hold one VCALENDAR, strictly (see `JCalDecoder`).
    public init(jCal bytes: [UInt8]) throws(JCalError) {
        let component = try JCalDecoder().decode(bytes)
        guard component.name == .vcalendar else {
            throw JCalError(.notVCalendar, path: component.name.rawValue.lowercased(), message: "expected a vcalendar component, found \(component.name.rawValue.lowercased())")
        }
        self = component
    }

    /// This component as jCal text (RFC 7265), failing on values that cannot be read as their type.
    public func jCalString() throws(JCalError) -> String {
        try JCalEncoder().string(self)
    }
}
