/// What scheduling answers for one recipient of a message or busy-time lookup: the address as the request wrote
/// it, the iTIP request status, and for a lookup the VFREEBUSY reply. A door writes one per recipient (CalDAV: a
/// CALDAV:response of the schedule-response).
///
/// Spec: RFC 6638 §10.2–10.5 (response, recipient, request-status, calendar-data), RFC 5546 §3.6 (status codes).
package struct RecipientResponse: Sendable, Hashable {
    package var recipient: String
    package var requestStatus: String
    package var calendarData: String?
    package var description: String?

    package init(recipient: String, requestStatus: String, calendarData: String? = nil, description: String? = nil) {
        self.recipient = recipient; self.requestStatus = requestStatus
        self.calendarData = calendarData; self.description = description
    }
}
