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

    /// What the store's index can answer: the component type the filter requires and the window its time-range
    /// spans, taken from the single comp-filter below VCALENDAR (nil where the filter does not pin them down).
    /// Candidates still go through `matches`.
    public var prefilter: (componentType: String?, window: TimeWindow?) {
        guard !root.isNotDefined else { return (nil, nil) }
        let required = root.compFilters.filter { !$0.isNotDefined }
        // With "anyof" at the top a sibling test can match without the component; with several required
        // components, none of them is the object's one type for certain.
        guard root.test == .allOf || root.propFilters.count + root.compFilters.count == 1, required.count == 1,
            let child = required.first
        else { return (nil, nil) }
        let type = child.name.rawValue
        guard let range = child.timeRange, child.test == .allOf || child.propFilters.count + child.compFilters.count == 0 else {
            return (type, nil)
        }
        return (type, TimeWindow(start: range.start?.secondsSinceEpoch, end: range.end?.secondsSinceEpoch))
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
