import ICalendar
import ICalendarRecurrence

/// CALDAV:prop-filter: a test on the properties of one name in the enclosing component.
///
/// Spec: RFC 4791 §9.7.2 — `(is-not-defined | ((time-range | text-match)?, param-filter*))`. The filter matches when
/// one property of that name passes all its tests (or any of them with `test="anyof"`). A time-range only makes
/// sense on a property holding dates (§7.8 valid-filter: "cannot nest a time-range in a prop SUMMARY"); on other
/// properties it is refused as an invalid filter.
public struct PropFilter: Sendable, Hashable {
    public var name: PropertyName
    public var isNotDefined: Bool
    public var timeRange: TimeRange?
    public var textMatch: TextMatch?
    public var paramFilters: [ParamFilter]
    public var test: FilterTest

    public init(name: PropertyName, isNotDefined: Bool = false, timeRange: TimeRange? = nil, textMatch: TextMatch? = nil,
                paramFilters: [ParamFilter] = [], test: FilterTest = .allOf) {
        self.name = name
        self.isNotDefined = isNotDefined
        self.timeRange = timeRange
        self.textMatch = textMatch
        self.paramFilters = paramFilters
        self.test = test
    }

    /// Properties whose values are DATE, DATE-TIME or PERIOD, where a time-range has a meaning.
    package static let datedProperties: Set<PropertyName> = [
        .dtstart, .dtend, .due, .completed, .created, .dtstamp, .lastModified, .recurrenceID, .exdate, .rdate, .trigger,
        .freebusy, "ACKNOWLEDGED",
    ]

    func matches(_ component: Component, context: TimeContext) -> Bool {
        matches(component.properties(name), context: context)
    }

    /// A prop-filter directly below the VCALENDAR comp-filter, as python-caldav sends a search with no component
    /// type: RFC 4791 §9.7 defines none there, so, as with a time-range in that place, it tests the properties of
    /// the calendar and of each of its components (VTIMEZONEs aside): one match is enough, and is-not-defined means
    /// that none of them has the property.
    func matches(calendar: Component, context: TimeContext) -> Bool {
        var properties = calendar.properties(name)
        for member in calendar.components where member.name != .vtimezone {
            properties += member.properties(name)
        }
        return matches(properties, context: context)
    }

    private func matches(_ properties: [Property], context: TimeContext) -> Bool {
        if isNotDefined { return properties.isEmpty }
        return properties.contains { matches(property: $0, context: context) }
    }

    private func matches(property: Property, context: TimeContext) -> Bool {
        var tests: [() -> Bool] = []
        if let timeRange { tests.append { Self.overlaps(property, timeRange, context) } }
        if let textMatch { tests.append { textMatch.matches(property.valueType == .text ? property.text : property.value) } }
        tests += paramFilters.map { filter in { filter.matches(property) } }
        return test.combine(tests)
    }

    /// Whether a DATE (a whole day), DATE-TIME (an instant) or PERIOD value of the property lies in the range.
    static func overlaps(_ property: Property, _ range: TimeRange, _ context: TimeContext) -> Bool {
        if property.valueType == .period {
            guard let periods = try? property.periods() else { return false }
            return periods.contains { period in
                let start = context.instant(period.start)
                let end: Instant = switch period.end {
                case .dateTime(let value): context.instant(value)
                case .duration(let duration): context.adding(duration, to: start, in: context.zone(of: period.start))
                }
                return range.overlaps(start: start, end: max(start, end))
            }
        }
        guard let values = try? property.dateTimes() else { return false }
        return values.contains { value in
            let start = context.instant(value)
            let end = value.isDate ? context.adding(CalendarDuration(days: 1), to: start, in: context.zone(of: value)) : start
            return range.overlaps(start: start, end: end)
        }
    }
}
