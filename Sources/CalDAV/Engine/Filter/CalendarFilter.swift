import CalendarStore
import DAVXML
import ICalendar
import ICalendarRecurrence
import WebDAV

/// The CALDAV:filter of a calendar-query REPORT: parsed once, then matched against each candidate object.
///
/// Spec: RFC 4791 §9.7 (`<!ELEMENT filter (comp-filter)>`, the comp-filter naming VCALENDAR), §9.7.1–9.7.5,
/// §9.9 (time ranges, recurrence instances one by one, overrides and EXDATE applied), §7.8 preconditions:
/// a malformed filter is 403 CALDAV:valid-filter, an unknown collation 403 CALDAV:supported-collation (§1.3).
/// Unknown child elements are ignored (RFC 4918 §17: extensibility).
public struct CalendarFilter: Sendable, Hashable {
    /// The comp-filter for VCALENDAR.
    public var root: CompFilter

    public init(root: CompFilter) {
        self.root = root
    }

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

    /// Whether a calendar object (its VCALENDAR) passes the filter. Floating times and DATEs are read in
    /// `context.floating`; TZIDs through `context.resolver`, then the object's own VTIMEZONEs.
    public func matches(_ calendar: Component, context: TimeContext) -> Bool {
        FilterEvaluator(calendar: calendar, context: context.resolving(embeddedZonesOf: calendar)).matches(root, scope: nil)
    }

    // MARK: Parsing support

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
