import ICalendar
import ICalendarRecurrence

/// The checks on a CALDAV:calendar-timezone value set by PROPPATCH or MKCALENDAR.
///
/// Spec: RFC 4791 §5.2.2 ("MUST be a valid iCalendar object containing a single valid VTIMEZONE component"),
/// §5.3.1.1 and §5.3.2 (a violation is the CALDAV:valid-calendar-data precondition, 403 per §1.3). Parsing is lenient
/// (bare LF, missing PRODID), and other components beside the VTIMEZONE are tolerated; blank text is accepted and
/// means "no zone" (UTC), as `CalendarZone` reads it.
public enum CalendarTimezoneProperty {
    /// Refuses with valid-calendar-data unless `text` is blank or a VCALENDAR with exactly one VTIMEZONE that has
    /// a TZID and usable rules (or a TZID the tz database knows, when `database` is given).
    public static func validate(_ text: String, database: TimeZoneDatabase? = nil) throws(CalendaringError) {
        guard text.contains(where: { !$0.isWhitespace }) else { return }
        let calendar: Component
        do {
            calendar = try ICalendarParser(options: .lenient).parseCalendar(text)
        } catch {
            throw invalid("the calendar-timezone is not iCalendar data: \(error.description)")
        }
        let zones = calendar.components(.vtimezone)
        guard zones.count == 1, let vtimezone = zones.first else {
            throw invalid("the calendar-timezone must hold exactly one VTIMEZONE, found \(zones.count)")
        }
        guard let tzid = vtimezone.property(.tzid)?.text, !tzid.isEmpty else {
            throw invalid("the VTIMEZONE of the calendar-timezone has no TZID")
        }
        if database?.zone(for: tzid) != nil { return }
        do {
            _ = try VTimeZoneRules(vtimezone)
        } catch {
            throw invalid("the VTIMEZONE '\(tzid)' cannot be used: \(error.message)")
        }
    }

    private static func invalid(_ message: String) -> CalendaringError {
        .refused(.validCalendarData, reason: message)
    }
}
