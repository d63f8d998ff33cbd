import DAVXML
import ICalendar
import ICalendarRecurrence
import WebDAV

/// Reads the `start` and `end` attributes of CALDAV:time-range, expand, limit-recurrence-set and limit-freebusy-set.
///
/// Spec: RFC 4791 §9.9 (time-range: either bound may be absent, at least one is given), §9.6.5–9.6.7 and §7.10 (both
/// REQUIRED), all "date with UTC time" with `end` after `start`. Each caller names the error a bad value is: 403
/// CALDAV:valid-filter inside a filter, 400 elsewhere (no precondition is defined there).
enum TimeRangeElement {
    static func parse(_ element: XMLElement, bothRequired: Bool, error: (String) -> DAVError) throws(DAVError) -> TimeRange {
        let name = element.name.local
        let startText = element.attribute("start")
        let endText = element.attribute("end")
        if bothRequired {
            guard startText != nil, endText != nil else { throw error("\(name) needs both a start and an end attribute") }
        } else {
            guard startText != nil || endText != nil else { throw error("\(name) needs a start or an end attribute") }
        }
        var start: Instant?
        var end: Instant?
        if let startText {
            guard let value = UTCTimeAttribute.instant(startText) else { throw error("\(name) start '\(startText)' is not a UTC date-time like 20060104T000000Z") }
            start = value
        }
        if let endText {
            guard let value = UTCTimeAttribute.instant(endText) else { throw error("\(name) end '\(endText)' is not a UTC date-time like 20060105T000000Z") }
            end = value
        }
        if let start, let end, end <= start { throw error("\(name) must end after it starts") }
        return TimeRange(start: start, end: end)
    }
}
