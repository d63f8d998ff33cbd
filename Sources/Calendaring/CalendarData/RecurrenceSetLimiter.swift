import ICalendar
import ICalendarRecurrence

/// CALDAV:limit-recurrence-set: the master components, plus only the overrides that affect a range.
///
/// Spec: RFC 4791 §9.6.6 — an override is kept when its current start and end, or the start and end its instance
/// would have had without it (its RECURRENCE-ID read as a start of the master), overlap the range by the
/// CALDAV:time-range logic; an override with RANGE=THISANDFUTURE is kept when its RECURRENCE-ID is before the range
/// end, since it changes the instances from there on. Everything else (masters, VTIMEZONEs) is kept.
struct RecurrenceSetLimiter {
    let range: TimeRange
    let context: TimeContext

    func limit(_ calendar: Component) -> Component {
        var result = calendar
        let filter = TimeRangeFilter(range: range, context: context)
        result.components = calendar.components.filter { component in
            guard let recurrenceID = component.property(.recurrenceID), let original = try? recurrenceID.dateTime() else { return true }
            let originalStart = context.instant(original)
            if recurrenceID[parameter: .range]?.uppercased() == "THISANDFUTURE" {
                return range.end.map { originalStart < $0 } ?? true
            }
            if (try? filter.matches(component)) ?? false { return true }
            let uid = component.property(.uid)?.value
            let master = calendar.components.first {
                $0.name == component.name && $0.property(.recurrenceID) == nil && $0.property(.uid)?.value == uid
            }
            return (try? filter.matches(master ?? component, instanceStart: originalStart)) ?? false
        }
        return result
    }
}
