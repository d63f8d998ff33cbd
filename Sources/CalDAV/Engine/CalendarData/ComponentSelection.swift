import DAVXML
import ICalendar
import WebDAV

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

    static func parse(_ element: XMLElement) throws(DAVError) -> ComponentSelection {
        guard let name = element.attribute("name")?.trimmingSpaces, !name.isEmpty else {
            throw DAVError.badRequest("CALDAV:comp needs a name attribute")
        }
        let props = element.all(XMLName.calDAV.prop)
        let comps = element.all(XMLName.calDAV.comp)
        let allprop = element.first(XMLName.calDAV.allprop) != nil
        let allcomp = element.first(XMLName.calDAV.allcomp) != nil
        guard !(allprop && !props.isEmpty), !(allcomp && !comps.isEmpty) else {
            throw DAVError.badRequest("CALDAV:comp \(name) holds allprop or prop, allcomp or comp, not both")
        }
        let isEmpty = props.isEmpty && comps.isEmpty && !allprop && !allcomp
        var properties = Properties.all
        if !allprop && !isEmpty {
            var selected: [PropertySelection] = []
            for prop in props {
                guard let propName = prop.attribute("name")?.trimmingSpaces, !propName.isEmpty else {
                    throw DAVError.badRequest("CALDAV:prop needs a name attribute")
                }
                selected.append(PropertySelection(name: PropertyName(propName), noValue: prop.attribute("novalue")?.lowercased() == "yes"))
            }
            properties = .some(selected)
        }
        var components = Components.all
        if !allcomp && !isEmpty {
            var selected: [ComponentSelection] = []
            for comp in comps { selected.append(try parse(comp)) }
            components = .some(selected)
        }
        return ComponentSelection(name: ComponentName(name), properties: properties, components: components)
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
