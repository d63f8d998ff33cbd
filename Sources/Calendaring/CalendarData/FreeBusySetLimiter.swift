import ICalendar
import ICalendarRecurrence

/// CALDAV:limit-freebusy-set: VFREEBUSY components with only the FREEBUSY periods that overlap a range.
///
/// Spec: RFC 4791 §9.6.7, with the CALDAV:time-range logic for FREEBUSY periods of §9.9 (`start < period end AND
/// end > period start`). A FREEBUSY property keeps the periods that pass and is dropped when none does; other
/// properties and components are untouched.
struct FreeBusySetLimiter {
    let range: TimeRange
    let context: TimeContext

    func limit(_ calendar: Component) -> Component {
        var result = calendar
        result.components = calendar.components.map { component in
            guard component.name == .vfreebusy else { return component }
            var limited = component
            limited.properties = component.properties.compactMap { property in
                guard property.name == .freebusy, let periods = try? property.periods() else { return property }
                let kept = periods.filter(overlaps)
                guard !kept.isEmpty else { return nil }
                guard kept.count < periods.count else { return property }
                var copy = property
                copy.value = kept.map(\.icalValue).joined(separator: ",")
                return copy
            }
            return limited
        }
        return result
    }

    private func overlaps(_ period: Period) -> Bool {
        let start = context.instant(period.start)
        let end: Instant = switch period.end {
        case .dateTime(let value): context.instant(value)
        case .duration(let duration): context.adding(duration, to: start, in: context.zone(of: period.start))
        }
        return (range.start.map { $0 < end } ?? true) && (range.end.map { $0 > start } ?? true)
    }
}
