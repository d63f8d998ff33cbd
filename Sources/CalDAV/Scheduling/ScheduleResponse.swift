import Calendaring
import DAVXML
import WebDAV

/// The body of a POST to the outbox: one CALDAV:response per recipient with its request status and, for free/busy,
/// the VFREEBUSY reply (the calendar's `RecipientResponse`s).
/// Spec: RFC 6638 §10.1–10.6 (schedule-response, response, recipient, request-status, calendar-data, error).
struct ScheduleResponse: Sendable {
    var entries: [RecipientResponse]

    func element() -> XMLElement {
        XMLElement(.calDAV.scheduleResponse, elements: entries.map { entry in
            var children = [
                XMLElement(.calDAV.recipient, elements: [XMLElement(.dav.href, text: entry.recipient)]),
                XMLElement(.calDAV.requestStatus, text: entry.requestStatus),
            ]
            if let data = entry.calendarData { children.append(XMLElement(.calDAV.calendarData, text: data)) }
            if let description = entry.description {
                children.append(XMLElement(.dav.responsedescription, text: description))
            }
            return XMLElement(.calDAV.response, elements: children)
        })
    }

    func response() -> DAVResponse {
        DAVResponse(status: 200, headers: DAVHeaders([("Content-Type", "application/xml; charset=utf-8")]),
                    body: XMLWriter.document(element()))
    }
}
