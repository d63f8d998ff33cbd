import CalendarStore
import Calendaring
import DAVXML
import ICalendar
import WebDAV
import Foundation

/// CALDAV:free-busy-query on a calendar: a VFREEBUSY for the range, computed from the index candidates.
/// Spec: RFC 4791 §7.10 (200 with text/calendar; busy time from VEVENT and VFREEBUSY, TRANSP and STATUS honoured).
struct FreeBusyReport {
    let context: MethodContext
    let body: XMLElement

    func run(on resource: Resource) async throws(DAVError) -> DAVResponse {
        let query = try FreeBusyQuery.parse(body)
        guard case .calendar(_, let calendar) = resource else {
            throw DAVError.forbidden("free-busy-query applies to a calendar collection.")
        }
        let window = query.window
        let candidates = try await context.store { store throws(StoreError) in
            try await store.objects(calendarID: calendar.id, componentType: nil, overlapping: window)
        }
        let components = candidates.compactMap { try? ICalendarParser(options: .storedObject).parse($0.data).components.first }
        let text = query.response(for: components, context: context.zone(of: calendar).timeContext, now: Instant(Date.now))
        return DAVResponse(status: 200, headers: DAVHeaders([("Content-Type", "text/calendar; charset=utf-8")]),
                           body: Array(text.utf8))
    }
}
