import Calendaring
import DAVXML
import ICalendar
import WebDAV

/// Reads the CALDAV:filter of a calendar-query REPORT into Calendaring's filter (`CalendarFilter`), once per request.
///
/// Spec: RFC 4791 §9.7 (`<!ELEMENT filter (comp-filter)>`, the comp-filter naming VCALENDAR), §9.7.1–9.7.5, §7.8
/// preconditions: a malformed filter is 403 CALDAV:valid-filter, an unknown collation 403 CALDAV:supported-collation
/// (§1.3). Unknown child elements are ignored (RFC 4918 §17: extensibility).
extension CalendarFilter {
    public static func parse(_ filter: XMLElement) throws(DAVError) -> CalendarFilter {
        guard filter.name == XMLName.calDAV.filter else {
            throw invalid("expected a CALDAV:filter element, found \(filter.name.local)")
        }
        let comps = filter.all(XMLName.calDAV.compFilter)
        guard comps.count == 1, let root = comps.first else {
            throw invalid("a filter holds exactly one comp-filter (for VCALENDAR), found \(comps.count)")
        }
        return CalendarFilter(root: try CompFilter.parse(root, parent: nil))
    }

    static func invalid(_ message: String) -> DAVError {
        .forbidden(message, condition: XMLName.calDAV.validFilter)
    }

    static func nameAttribute(of element: XMLElement) throws(DAVError) -> String {
        guard let name = element.attribute("name")?.trimmingSpaces, !name.isEmpty else {
            throw invalid("\(element.name.local) needs a name attribute")
        }
        return name
    }
}
