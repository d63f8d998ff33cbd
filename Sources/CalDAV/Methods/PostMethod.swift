import CalendarStore
import Calendaring
import DAVXML
import ICalendar
import ITIP
import WebDAV

/// POST of an iTIP message: to the scheduling outbox (RFC 6638 §5: VFREEBUSY requests; also the attendee's COUNTER
/// and REFRESH and the organizer's DECLINECOUNTER, which implicit scheduling cannot express), or to a user's inbox by
/// the user or a mail hook acting for them (an iTIP REPLY, COUNTER or REFRESH that arrived by e-mail, RFC 6047).
/// A POST to a calendar or a calendar home is sharing (`SharingPost`).
/// Spec: RFC 6638 §5–6, RFC 5546 §3.2.
struct PostMethod {
    let context: MethodContext

    func run() async throws(DAVError) -> DAVResponse {
        let resource = try await context.resolve()
        switch resource {
        case .outbox(let user):
            let calendar = try parseBody()
            if calendar.components.contains(where: { $0.name == .vfreebusy }) {
                return try await scheduleResponse { () async throws(CalendaringError) in
                    try await OutboxFreeBusy(context: context.scheduling, sender: user).respond(to: calendar)
                }
            }
            let actor = CalendarUserDirectory(store: context.store, urls: context.hrefs).calendarUser(user)
            let sent = try message(calendar, from: actor)
            return try await scheduleResponse { () async throws(CalendaringError) in
                try await ExplicitScheduling(context: context.scheduling, user: user).outbox(sent)
            }
        case .calendar(let user, let calendar) where calendar.isScheduleInbox:
            let received = try message(try parseBody(), from: nil)
            return try await scheduleResponse { () async throws(CalendaringError) in
                try await ExplicitScheduling(context: context.scheduling, user: user).inbox(received)
            }
        case .calendar(_, let calendar):
            guard let body = try context.xmlBody(), CalendarShareRequest.isShareRequest(body) else {
                throw DAVError.unsupportedMediaType("POST to a calendar takes a CS:share (calendarserver-sharing) or "
                                                    + "DAV:share-resource (WebDAV resource sharing) document.")
            }
            return try await SharingPost(context: context).share(calendar, body: body)
        case .calendarHome(let user):
            guard let body = try context.xmlBody(), body.name == .calendarServer.inviteReply else {
                throw DAVError.unsupportedMediaType("POST to a calendar home takes a CS:invite-reply document "
                               + "(calendarserver-sharing).")
            }
            return try await SharingPost(context: context).reply(home: user, body: body)
        case .notification(let user, let notice):
            guard let body = try context.xmlBody(), body.name == .dav.inviteReply else {
                throw DAVError.unsupportedMediaType("POST to a notice takes a DAV:invite-reply document (WebDAV "
                                                    + "resource sharing).")
            }
            return try await SharingPost(context: context).reply(to: notice, of: user, body: body)
        default:
            if !resource.exists { throw DAVError.notFound() }
            throw resource.methodNotAllowed("POST is accepted by the scheduling outbox and inbox, calendars "
                                            + "(sharing) and calendar homes (answers to shares).")
        }
    }

    /// The schedule-response of the recipients' answers, or the DAV error of the calendar's refusal.
    private func scheduleResponse(_ answers: () async throws(CalendaringError) -> [RecipientResponse])
        async throws(DAVError) -> DAVResponse {
        do {
            return ScheduleResponse(entries: try await answers()).response()
        } catch {
            throw error.davError
        }
    }

    private func parseBody() throws(DAVError) -> Component {
        do throws(CalendaringError) {
            try CalendarMediaType.check(context.request.headers["Content-Type"])
        } catch {
            throw error.davError
        }
        do {
            let calendar = try ICalendarParser(options: .lenient).parseCalendar(context.request.body)
            guard calendar.name == .vcalendar else { throw DAVError.badRequest("The body must be one VCALENDAR.") }
            return calendar
        } catch let error as DAVError {
            throw error
        } catch {
            throw DAVError.badRequest("The body is not iCalendar data: \(error)")
        }
    }

    /// The message, with the sender's own ATTENDEE as originator of an attendee's message when `sender` is known
    /// (a COUNTER carries every attendee, so the body alone does not say who sent it).
    private func message(_ calendar: Component, from sender: CalendarUser?) throws(DAVError) -> ITIPMessage {
        let method = calendar.property(.method).flatMap { ITIPMethod(value: $0.value) }
        var originator: CalendarUserAddress?
        if let sender, method?.isFromAttendee == true {
            originator = calendar.components.lazy.flatMap { $0.properties(.attendee) }
                .map { CalendarUserAddress($0.value) }.first(where: sender.owns)
        }
        do {
            return try ITIP.message(parsing: calendar, originator: originator)
        } catch {
            throw error.davError
        }
    }
}
