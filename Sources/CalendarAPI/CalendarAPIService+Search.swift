import CalendarStore
import Calendaring
import ICalendar
import ICalendarRecurrence

/// Search by keyword or participant across the calendars the user may read, from the store's text index: the
/// index names candidates (a superset), and each is checked against the event as the user may see it, so a
/// sharee never finds a private event by words only its owner can read.
extension CalendarAPIService {
    package func searchEvents(_ input: Operations.SearchEvents.Input) async throws -> Operations.SearchEvents.Output {
        let caller = try APICaller.required()
        let query = input.query
        let keyword = query.q.map { $0.trimmingSpaces }.flatMap { $0.isEmpty ? nil : $0 }
        let participant = query.participant.map { $0.trimmingSpaces }.flatMap { $0.isEmpty ? nil : $0 }
        guard keyword != nil || participant != nil else {
            throw APIError.invalid("Give 'q' (a word of the title, description or location) or 'participant'.")
        }
        let limit = query.maxResults ?? 250
        guard (1...2_500).contains(limit) else { throw APIError.invalid("'maxResults' must be between 1 and 2500.") }
        let window = try Self.window(min: query.timeMin, max: query.timeMax)
        var after: (calendar: Int64, name: String)?
        if let text = query.pageToken {
            guard case .search(let calendar, let name) = try PageToken(text) else {
                throw APIError.invalid("'pageToken' is not one for this listing.")
            }
            after = (calendar, name)
        }
        var calendars = try await searchedCalendars(query.calendarId, caller: caller)
        calendars.sort { $0.record.id < $1.record.id }
        var items: [Components.Schemas.Event] = []
        var last: (calendar: Int64, name: String)?
        var more = false
        for reached in calendars {
            if let after, reached.record.id < after.calendar { continue }
            let times = try times(for: reached.record, display: query.timeZone)
            let renderer = renderer(for: reached.record, owner: reached.owner, times: times)
            let cursor = after.flatMap { $0.calendar == reached.record.id ? $0.name : nil }
            let found = try await matchingEvents(in: reached, keyword: keyword, participant: participant,
                                                 status: query.status, window: window, after: cursor,
                                                 limit: limit - items.count) {
                (object: CalendarObjectRecord, document: EventDocument) throws(APIError) -> Components.Schemas.Event? in
                if let window, try instances(of: document, in: window, context: times.context).isEmpty { return nil }
                return renderer.event(object, document: document)
            }
            items += found.items.map(\.item)
            if let name = found.items.last?.name { last = (reached.record.id, name) }
            if found.more {
                more = true
                break
            }
        }
        var list = Components.Schemas.EventList(items: items)
        if more, let last { list.nextPageToken = PageToken.search(afterCalendar: last.calendar, afterName: last.name).text }
        return .ok(.init(body: .json(list)))
    }

    /// The calendar asked for, or every calendar the user reads: their own and the accepted shares that let them.
    private func searchedCalendars(_ id: String?, caller: APICaller) async throws(APIError) -> [ReachedCalendar] {
        if let id {
            let reached = try await reach(id, caller: caller)
            try reached.require(.read, "You may see only the free/busy time of this calendar, not its events.")
            return [reached]
        }
        let me = try await currentUser()
        var calendars = try await store { store throws(StoreError) in
            try await SchedulingMailboxes(store: store).calendars(of: me)
        }.map { ReachedCalendar(record: $0, access: .owner, owner: me, presentation: nil) }
        let shared = try await store { store throws(StoreError) in try await store.sharedCalendars(userID: caller.userID) }
        for share in shared where share.state == .accepted && CalendarAccess.shared(share.role).allows(.read) {
            calendars.append(ReachedCalendar(record: share.calendar, access: .shared(share.role),
                                             owner: try await user(id: share.calendar.ownerID), presentation: nil))
        }
        return calendars
    }

    /// The events of one calendar that match as the user sees them (the keyword, the participant, the status) and
    /// that `item` makes an item of, in name order after `after`: at most `limit` (every one when nil), and whether
    /// more follow. The text index names the candidates a batch at a time; listings (`q`) and search share this.
    func matchingEvents<Item>(in reached: ReachedCalendar, keyword: String?, participant: String?,
                              status: Components.Schemas.EventStatus?, window: TimeRange?, after: String?,
                              limit: Int?, item: (CalendarObjectRecord, EventDocument) throws(APIError) -> Item?)
        async throws(APIError) -> (items: [(name: String, item: Item)], more: Bool) {
        var found: [(name: String, item: Item)] = []
        var cursor = after
        while true {
            let batch = try await candidates(in: reached.record.id, keyword: keyword, participant: participant,
                                             window: window, after: cursor, limit: limit.map { $0 + 1 })
            for object in batch.objects {
                let document = try document(object, seesEveryDetail: reached.access.seesEveryDetail)
                guard Self.matches(document, keyword: keyword, participant: participant, status: status),
                      let made = try item(object, document) else { continue }
                if let limit, found.count == limit { return (found, true) }
                found.append((object.name, made))
            }
            guard !batch.exhausted, let next = batch.objects.last?.name else { return (found, false) }
            cursor = next
        }
    }

    /// The index's candidates in one calendar, in name order: an object whose title, description or location may
    /// hold the keyword (one indexed query per field), and whose attendees may name the participant; at most
    /// `limit` per field's query (every candidate when nil).
    private func candidates(in calendarID: Int64, keyword: String?, participant: String?, window: TimeRange?,
                            after: String?, limit: Int?)
        async throws(APIError) -> (objects: [CalendarObjectRecord], exhausted: Bool) {
        let storeWindow = window.map { TimeWindow(start: $0.start?.secondsSinceEpoch, end: $0.end?.secondsSinceEpoch) }
        let people = participant.map { [TextCondition(field: .attendees, needle: $0)] } ?? []
        let queries: [ObjectQuery] = keyword.map { word in
            [IndexedTextField.summary, .description, .location].map {
                ObjectQuery(componentType: "VEVENT", window: storeWindow,
                            text: [TextCondition(field: $0, needle: word)] + people)
            }
        } ?? [ObjectQuery(componentType: "VEVENT", window: storeWindow, text: people)]
        var found: [String: CalendarObjectRecord] = [:]
        // A query that filled its page may have more past its last name; up to the smallest such name the union is
        // complete, past it not yet.
        var cutoff: String?
        for query in queries {
            let objects = try await store { store throws(StoreError) in
                try await store.objects(calendarID: calendarID, matching: query, after: after, limit: limit)
            }
            for object in objects { found[object.name] = object }
            if let limit, objects.count == limit, let last = objects.last?.name { cutoff = min(cutoff ?? last, last) }
        }
        let sorted = found.values.filter { cutoff == nil || $0.name <= cutoff! }.sorted { $0.name < $1.name }
        return (sorted, cutoff == nil)
    }

    /// Whether the event, as the user sees it, holds the keyword and names the participant, with the status asked.
    static func matches(_ document: EventDocument, keyword: String?, participant: String?,
                        status: Components.Schemas.EventStatus?) -> Bool {
        let events = document.events
        if let status, let master = document.master ?? events.first,
           EventRenderer.status(Event(master).status) != status { return false }
        if let keyword {
            let fields: [PropertyName] = [.summary, .description, .location]
            guard events.contains(where: { event in
                fields.contains { event.property($0).map { $0.text.localizedCaseInsensitiveContains(keyword) } ?? false }
            }) else { return false }
        }
        if let participant {
            guard events.contains(where: { event in
                (event.properties(.attendee) + event.properties(.organizer)).contains { person in
                    (person.mailtoAddress ?? person.value).localizedCaseInsensitiveContains(participant)
                        || (person[parameter: .cn]?.localizedCaseInsensitiveContains(participant) ?? false)
                }
            }) else { return false }
        }
        return true
    }
}
