/// A component (`BEGIN:NAME` ... `END:NAME`) with its properties and sub-components in their original order.
///
/// Spec: RFC 5545 §3.4 (VCALENDAR), §3.6 (components). Unknown components and properties are kept untouched.
public struct Component: Hashable, Sendable {
    public var name: ComponentName
    public var properties: [Property]
    public var components: [Component]

    public init(name: ComponentName, properties: [Property] = [], components: [Component] = []) {
        self.name = name
        self.properties = properties
        self.components = components
    }

    /// The first property with that name.
    public func property(_ name: PropertyName) -> Property? {
        properties.first { $0.name == name }
    }

    /// Every property with that name, in order.
    public func properties(_ name: PropertyName) -> [Property] {
        properties.filter { $0.name == name }
    }

    /// Sub-components with that name, in order.
    public func components(_ name: ComponentName) -> [Component] {
        components.filter { $0.name == name }
    }

    /// Replaces every property of that name with one property (or removes them when `property` is nil).
    public mutating func setProperty(_ name: PropertyName, _ property: Property?) {
        if let index = properties.firstIndex(where: { $0.name == name }) {
            properties.removeAll { $0.name == name }
            if let property { properties.insert(property, at: min(index, properties.count)) }
        } else if let property {
            properties.append(property)
        }
    }

    public mutating func removeProperties(_ name: PropertyName) {
        properties.removeAll { $0.name == name }
    }
}
