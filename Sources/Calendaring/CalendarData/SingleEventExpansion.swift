import ICalendar
import ICalendarRecurrence

/// CALDAV:expand of the commonest stored object, one VEVENT that does not recur, written line by line from the
/// stored bytes instead of through a parsed tree: the answer `RecurrenceExpansionRenderer` gives for it (the
/// VCALENDAR's properties, no VTIMEZONE, every date-time with a TZID in UTC, and the event only when it overlaps
/// the range), at a fraction of the cost. It is `StoredObjectExpansion` without the series.
///
/// Anything else answers nil and goes the tree's way: recurrence (RRULE, RDATE, RECURRENCE-ID), another component
/// or an event with another UID, a TZID only the object's own VTIMEZONE defines, a name not written in uppercase
/// (data stored before PUT repaired those), or a line that does not read.
///
/// Spec: RFC 4791 §9.6.5, §9.9 (the overlap is `TimeRangeFilter`'s, on the event's DTSTART, DTEND and DURATION).
struct SingleEventExpansion {
    let range: TimeRange
    let context: TimeContext

    func expand(_ data: [UInt8]) -> [UInt8]? {
        StoredObjectExpansion(range: range, context: context, expandsRecurrence: false).expand(data)
    }
}
