import DAVXML
import ICalendar
import ICalendarRecurrence
import WebDAV

/// CALDAV:comp-filter: a test on the components of one name in the enclosing scope (the calendar object for the
/// top VCALENDAR filter, else the enclosing component).
///
/// Spec: RFC 4791 §9.7.1 — `(is-not-defined | (time-range?, prop-filter*, comp-filter*))`. A component matches when
/// one component of that name passes all tests (any, with `test="anyof"`); a time-range passes when one recurrence
/// instance the component describes overlaps it (§9.9). Nesting must make sense (§7.8 CALDAV:valid-filter: no VEVENT
/// inside a VTODO); unknown and X- components may appear anywhere below VCALENDAR.
public struct CompFilter: Sendable, Hashable {
    public var name: ComponentName
    public var isNotDefined: Bool
    public var timeRange: TimeRange?
    public var propFilters: [PropFilter]
    public var compFilters: [CompFilter]
    public var test: FilterTest

    public init(name: ComponentName, isNotDefined: Bool = false, timeRange: TimeRange? = nil,
                propFilters: [PropFilter] = [], compFilters: [CompFilter] = [], test: FilterTest = .allOf) {
        self.name = name
        self.isNotDefined = isNotDefined
        self.timeRange = timeRange
        self.propFilters = propFilters
        self.compFilters = compFilters
        self.test = test
    }

    /// The parents each known component may have in a filter.
    static let parents: [ComponentName: Set<ComponentName>] = [
        .vevent: [.vcalendar], .vtodo: [.vcalendar], .vjournal: [.vcalendar], .vfreebusy: [.vcalendar],
        .vtimezone: [.vcalendar], .vavailability: [.vcalendar], .valarm: [.vevent, .vtodo],
        .standard: [.vtimezone], .daylight: [.vtimezone], .available: [.vavailability],
    ]

    /// Components without time-range semantics (RFC 4791 §9.9 defines none for them).
    static let timeless: Set<ComponentName> = [.vcalendar, .vtimezone, .standard, .daylight]

    static func parse(_ element: XMLElement, parent: ComponentName?) throws(DAVError) -> CompFilter {
        let name = ComponentName(try CalendarFilter.nameAttribute(of: element))
        if let parent {
            guard name != .vcalendar, Self.parents[name].map({ $0.contains(parent) }) ?? true else {
                throw CalendarFilter.invalid("a \(name.rawValue) comp-filter cannot be nested in \(parent.rawValue)")
            }
        } else if name != .vcalendar {
            throw CalendarFilter.invalid("the filter's comp-filter must name VCALENDAR, not \(name.rawValue)")
        }
        let isNotDefined = element.first(XMLName.calDAV.isNotDefined) != nil
        let timeRanges = element.all(XMLName.calDAV.timeRange)
        let propElements = element.all(XMLName.calDAV.propFilter)
        let compElements = element.all(XMLName.calDAV.compFilter)
        guard timeRanges.count <= 1 else { throw CalendarFilter.invalid("comp-filter \(name.rawValue) holds more than one time-range") }
        guard !isNotDefined || timeRanges.count + propElements.count + compElements.count == 0 else {
            throw CalendarFilter.invalid("comp-filter \(name.rawValue) with is-not-defined takes no other test")
        }
        var timeRange: TimeRange?
        if let element = timeRanges.first {
            guard !Self.timeless.contains(name) else {
                throw CalendarFilter.invalid("a time-range cannot apply to \(name.rawValue)")
            }
            timeRange = try TimeRangeElement.parse(element, bothRequired: false, error: CalendarFilter.invalid)
        }
        var props: [PropFilter] = []
        for element in propElements { props.append(try PropFilter.parse(element)) }
        var comps: [CompFilter] = []
        for element in compElements { comps.append(try CompFilter.parse(element, parent: name)) }
        return CompFilter(name: name, isNotDefined: isNotDefined, timeRange: timeRange, propFilters: props,
                          compFilters: comps, test: FilterTest(attribute: element.attribute("test")))
    }
}
