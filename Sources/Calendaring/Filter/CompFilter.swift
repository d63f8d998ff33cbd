import ICalendar
import ICalendarRecurrence

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
    package static let parents: [ComponentName: Set<ComponentName>] = [
        .vevent: [.vcalendar], .vtodo: [.vcalendar], .vjournal: [.vcalendar], .vfreebusy: [.vcalendar],
        .vtimezone: [.vcalendar], .vavailability: [.vcalendar], .valarm: [.vevent, .vtodo],
        .standard: [.vtimezone], .daylight: [.vtimezone], .available: [.vavailability],
    ]

    /// Components without time-range semantics (RFC 4791 §9.9 defines none for them). VCALENDAR is not among them:
    /// §9.7 has no time-range directly below it, but clients (python-caldav) send one for "anything in this window"
    /// and Radicale answers it, so it means "one of the object's components overlaps" here.
    package static let timeless: Set<ComponentName> = [.vtimezone, .standard, .daylight]

}
