import Calendaring
import DAVXML
import ICalendar
import WebDAV

/// Reads a CALDAV:param-filter element.
///
/// Spec: RFC 4791 §9.7.3 — `(is-not-defined | text-match?)`; anything else is 403 CALDAV:valid-filter (§7.8).
extension ParamFilter {
    static func parse(_ element: XMLElement) throws(DAVError) -> ParamFilter {
        let name = try CalendarFilter.nameAttribute(of: element)
        let isNotDefined = element.first(XMLName.calDAV.isNotDefined) != nil
        let textMatches = element.all(XMLName.calDAV.textMatch)
        guard textMatches.count <= 1, !(isNotDefined && !textMatches.isEmpty) else {
            throw CalendarFilter.invalid("param-filter \(name) holds is-not-defined or one text-match, not both or several")
        }
        return ParamFilter(name: ParameterName(name), isNotDefined: isNotDefined, textMatch: try textMatches.first.map(TextMatch.parse))
    }
}
