import Calendaring
import DAVXML
import ICalendar
import ICalendarRecurrence
import WebDAV

/// Reads a CALDAV:calendar-data element in the DAV:prop of a calendaring REPORT into a `CalendarDataRequest`.
///
/// Spec: RFC 4791 §9.6 (`<!ELEMENT calendar-data (comp?, (expand | limit-recurrence-set)?, limit-freebusy-set?)>`,
/// attributes content-type "text/calendar" and version "2.0"), §7.8 precondition CALDAV:supported-calendar-data
/// (403, §1.3) for another media type or version. A missing or malformed start/end is a 400 Bad Request: no
/// precondition covers it.
extension CalendarDataRequest {
    public static func parse(_ element: XMLElement) throws(DAVError) -> CalendarDataRequest {
        let contentType = element.attribute("content-type").map(CalendarMediaType.essence) ?? CalendarMediaType.iCalendar
        let version = element.attribute("version")?.trimmingSpaces ?? "2.0"
        guard contentType == CalendarMediaType.iCalendar, version == "2.0" else {
            throw DAVError.forbidden("calendar data is available as text/calendar version 2.0 only",
                                     condition: XMLName.calDAV.supportedCalendarDataCondition)
        }
        var request = CalendarDataRequest()
        let comps = element.all(XMLName.calDAV.comp)
        guard comps.count <= 1 else { throw DAVError.badRequest("calendar-data holds at most one CALDAV:comp") }
        if let comp = comps.first {
            let selection = try ComponentSelection.parse(comp)
            guard selection.name == .vcalendar else {
                throw DAVError.badRequest("the CALDAV:comp of calendar-data names VCALENDAR, not \(selection.name.rawValue)")
            }
            request.selection = selection
        }
        let expand = element.first(XMLName.calDAV.expand)
        let limit = element.first(XMLName.calDAV.limitRecurrenceSet)
        guard expand == nil || limit == nil else {
            throw DAVError.badRequest("calendar-data holds expand or limit-recurrence-set, not both")
        }
        if let expand { request.recurrence = .expand(try range(expand)) }
        if let limit { request.recurrence = .limitRecurrenceSet(try range(limit)) }
        if let freeBusy = element.first(XMLName.calDAV.limitFreebusySet) { request.freeBusyLimit = try range(freeBusy) }
        return request
    }

    private static func range(_ element: XMLElement) throws(DAVError) -> TimeRange {
        try TimeRangeElement.parse(element, bothRequired: true) { DAVError.badRequest($0) }
    }
}
