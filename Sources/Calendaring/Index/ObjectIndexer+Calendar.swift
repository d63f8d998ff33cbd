import CalendarStore
import Foundation
import ICalendar
import ICalendarRecurrence

extension ObjectIndexer {
    /// The indexer for objects of `calendar` indexed at `now` (a write: the present): the calendar's time zone for floating times, recurring
    /// series materialised up to `now + indexHorizon` (seconds). Index maintenance passes its own `now`, so the
    /// horizon it writes is the one it was asked for.
    package static func forCalendar(_ calendar: CalendarRecord, indexHorizon: Int64, timeZones: TimeZoneDatabase,
                                    now: Date = .now) -> ObjectIndexer {
        let horizon = Instant(now).secondsSinceEpoch + indexHorizon
        return ObjectIndexer(horizon: horizon, zone: CalendarZone(calendarTimeZone: calendar.timeZone, database: timeZones))
    }
}
