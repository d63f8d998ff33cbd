import Calendaring
import DAVXML
import ICalendar
import ICalendarRecurrence
import WebDAV

/// Reads the body of a CALDAV:free-busy-query REPORT.
///
/// Spec: RFC 4791 §7.10 — the body holds one CALDAV:time-range with both start and end; a missing or malformed one
/// is a 400 Bad Request (no precondition covers it).
extension FreeBusyQuery {
    public static func parse(_ root: XMLElement) throws(DAVError) -> FreeBusyQuery {
        guard root.name == XMLName.calDAV.freeBusyQuery else {
            throw DAVError.badRequest("expected a CALDAV:free-busy-query element, found \(root.name.local)")
        }
        let ranges = root.all(XMLName.calDAV.timeRange)
        guard ranges.count == 1, let element = ranges.first else {
            throw DAVError.badRequest("a free-busy-query holds exactly one CALDAV:time-range")
        }
        let range = try TimeRangeElement.parse(element, bothRequired: true) { DAVError.badRequest($0) }
        guard let start = range.start, let end = range.end else { throw DAVError.badRequest("the time-range needs start and end") }
        return FreeBusyQuery(start: start, end: end)
    }
}
