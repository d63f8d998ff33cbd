import CalendarStore
import DAVXML
import ICalendar
import ICalendarRecurrence
import WebDAV

/// CALDAV:calendar-query: the index picks candidates (cost grows with the answer), the full filter decides.
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

        let user: User, calendar: CalendarRecord, candidates: [CalendarObjectRecord]
        switch resource {
        case .calendar(let u, let c):
            (user, calendar) = (u, c)
            if depth == .zero { return Multistatus(responses: []).response() }
            let prefilter = filter.prefilter
            if let window = prefilter.window {
                candidates = try await context.store { store throws(StoreError) in
                    try await store.objects(calendarID: c.id, componentType: prefilter.componentType, overlapping: window)
                }
            } else {
                candidates = try await context.store { store throws(StoreError) in try await store.objects(calendarID: c.id) }
            }
        case .object(let u, let c, let object):
            (user, calendar, candidates) = (u, c, [object])
        default:
            throw DAVError.forbidden("calendar-query applies to a calendar collection or object.")
        }

        let timeContext = try queryTimeContext(calendar: calendar)
        let renderer = PropertyRenderer(context: context, selection: selection, timeContext: timeContext)
        var responses: [MultistatusResponse] = []
        for object in candidates {
            guard let parsed = try? ICalendarParser(options: .lenient).parse(object.data).components.first,
                  filter.matches(parsed, context: timeContext) else { continue }
            responses.append(await renderer.response(for: .object(user, calendar, object.summary, data: object.data)))
        }
        return Multistatus(responses: responses).response()
    }

    /// Floating times are read in the query's CALDAV:timezone when given, else the calendar's time zone (§7.3).
    private func queryTimeContext(calendar: CalendarRecord) throws(DAVError) -> TimeContext {
        if let timezone = body.first(.calDAV.timezone) {
            try CalendarTimezoneProperty.validate(timezone.text, database: context.timeZones)
            return CalendarZone(calendarTimeZone: timezone.text, database: context.timeZones).timeContext
        }
        return context.zone(of: calendar).timeContext
    }
}
