import ICalendar

/// The CALDAV:comp tree of a calendar-data request: which components and properties to return.
///
/// Spec: RFC 4791 §9.6.1 (`<!ELEMENT comp ((allprop | prop*), (allcomp | comp*))>`), §9.6.2–9.6.4 (allcomp, allprop,
/// prop with `novalue`). An empty comp element returns the component whole, as the VTIMEZONE of the §7.8.1 example
/// is returned; a comp with only prop children returns no sub-components, and one with only comp children returns
/// no properties (§9.6: such data "MAY be invalid" iCalendar, by the client's choice).
public struct ComponentSelection: Sendable, Hashable {
    public enum Properties: Sendable, Hashable {
        case all
        case some([PropertySelection])
    }

    public enum Components: Sendable, Hashable {
        case all
        case some([ComponentSelection])
    }

    /// A CALDAV:prop: a property name, and whether only its name and parameters are wanted.
    public struct PropertySelection: Sendable, Hashable {
        public var name: PropertyName
        public var noValue: Bool

        public init(name: PropertyName, noValue: Bool = false) {
            self.name = name
            self.noValue = noValue
        }
    }

    public var name: ComponentName
    public var properties: Properties
    public var components: Components

    public init(name: ComponentName, properties: Properties = .all, components: Components = .all) {
        self.name = name
        self.properties = properties
        self.components = components
    }

    /// The component with only the selected properties and sub-components, in their original order.
    func apply(_ component: Component) -> Component {
        var result = component
        if case .some(let selected) = properties {
            result.properties = component.properties.compactMap { property in
                guard let selection = selected.first(where: { $0.name == property.name }) else { return nil }
                guard selection.noValue else { return property }
                // "just the iCalendar property name and any iCalendar parameters and a trailing ':'" (§9.6.4)
                return Property(name: property.name, parameters: property.parameters, value: "")
            }
        }
        if case .some(let selected) = components {
            result.components = component.components.compactMap { child in
                selected.first { $0.name == child.name }.map { $0.apply(child) }
            }
        }
        return result
    }
}
