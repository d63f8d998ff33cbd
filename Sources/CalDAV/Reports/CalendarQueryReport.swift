import CalendarStore
import Calendaring
import DAVXML
import ICalendar
import ICalendarRecurrence
import WebDAV

/// CALDAV:calendar-query: the index picks candidates page by page (cost grows with the answer), the filter decides
/// (from the index alone for a pure time-range on exactly indexed objects, else on the parsed object), and the
/// multistatus streams, so memory is bounded by a page, not by the calendar.
/// Spec: RFC 4791 §7.8 (the report), §9.7 (filters), §9.9 (time ranges incl. recurrence), §7.3 (CALDAV:timezone).
struct CalendarQueryReport {
    let context: MethodContext
    let body: XMLElement

    func run(on resource: Resource) async throws(DAVError) -> DAVResponse {
        guard let filterElement = body.first(.calDAV.filter) else {
            throw DAVError.forbidden("calendar-query needs a CALDAV:filter.", condition: .calDAV.validFilter)
        }
        let filter = try CalendarFilter.parse(filterElement)
        let selection = try PropertySelection(prop: body.first(.dav.prop))
        let depth = try context.depth(absent: .one)

        switch resource {
        case .calendar(let user, let calendar):
            if depth == .zero { return Multistatus(responses: []).response() }
            let timeContext = try queryTimeContext(calendar: calendar)
            let renderer = PropertyRenderer(context: context, selection: selection, timeContext: timeContext)
            let classified = !(await context.seesEveryDetail(ownerID: calendar.ownerID))
            let pages = CalendarQueryPages(store: context.store, calendarID: calendar.id, filter: filter,
                                           timeContext: timeContext, classified: classified) { object in
                await renderer.response(for: .object(user, calendar, object.summary, data: object.data))
            }
            return try await context.streamedMultistatus(from: pages)
        case .object(let user, let calendar, let object):
            let timeContext = try queryTimeContext(calendar: calendar)
            let classified = !(await context.seesEveryDetail(ownerID: calendar.ownerID))
            guard filter.matches(object, context: timeContext, classified: classified)
            else { return Multistatus(responses: []).response() }
            let renderer = PropertyRenderer(context: context, selection: selection, timeContext: timeContext)
            let response = await renderer.response(for: .object(user, calendar, object.summary, data: object.data))
            return Multistatus(responses: [response]).response()
        case .sharedWithMe(let user):
            // A handful of entries from several calendars: each is filtered in its own calendar's time context.
            if depth == .zero { return Multistatus(responses: []).response() }
            let entries = try await context.store { store throws(StoreError) in
                try await SharedWithMe.entries(of: user, store: store)
            }
            var responses: [MultistatusResponse] = []
            for (calendar, object) in entries {
                let timeContext = try queryTimeContext(calendar: calendar)
                let classified = !(await context.seesEveryDetail(ownerID: calendar.ownerID))
                guard filter.matches(object, context: timeContext, classified: classified) else { continue }
                let renderer = PropertyRenderer(context: context, selection: selection, timeContext: timeContext)
                responses.append(await renderer.response(for: .object(user, calendar, object.summary, data: object.data)))
            }
            return Multistatus(responses: responses).response()
        default:
            throw DAVError.forbidden("calendar-query applies to a calendar collection or object.")
        }
    }

    /// Floating times are read in the query's CALDAV:timezone when given, else the calendar's time zone (§7.3).
    private func queryTimeContext(calendar: CalendarRecord) throws(DAVError) -> TimeContext {
        if let timezone = body.first(.calDAV.timezone) {
            do throws(CalendaringError) {
                try CalendarTimezoneProperty.validate(timezone.text, database: context.timeZones)
            } catch {
                throw error.davError
            }
            return CalendarZone(calendarTimeZone: timezone.text, database: context.timeZones).timeContext
        }
        return context.zone(of: calendar).timeContext
    }
}
