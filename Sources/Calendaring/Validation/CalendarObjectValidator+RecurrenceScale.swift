import ICalendar
import ICalendarRecurrence

extension CalendarObjectValidator {
    /// Refuses a rule counted in a calendar scale Almanac cannot iterate, naming the scale.
    ///
    /// Spec: RFC 7529 §5.3 — the CALDAV:supported-rscale precondition of PUT, COPY and MOVE (403). Runs after the
    /// values were checked, so every RRULE here parses.
    static func checkRecurrenceScales(of calendar: Component) throws(CalendaringError) {
        for component in calendar.components where component.name != .vtimezone {
            for property in component.properties(.rrule) {
                guard let rule = try? property.recurrenceRule(tzid: component.property(.dtstart)?.tzid) else { continue }
                do {
                    _ = try RecurrenceCalendarScale.of(rule)
                } catch {
                    throw .refused(.supportedRscale, reason: "\(component.name.rawValue) RRULE: \(error.description)")
                }
            }
        }
    }
}
