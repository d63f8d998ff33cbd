import Calendaring
import DAVXML
import ICalendar
import WebDAV

/// Reads the CALDAV:comp tree of a calendar-data element; a malformed one is a 400 Bad Request (no precondition
/// covers it).
///
/// Spec: RFC 4791 §9.6.1 (`<!ELEMENT comp ((allprop | prop*), (allcomp | comp*))>`), §9.6.2–9.6.4 (allcomp, allprop,
/// prop with `novalue`).
extension ComponentSelection {
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
}
