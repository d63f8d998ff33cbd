internal import Foundation
import CalendarStore
import Calendaring
import ICalendar
import ICalendarRecurrence

/// Events: listing (whole events, or instances in a window; cancelled ones and a keyword as the listing asks),
/// incremental sync, and reading one event or instance.
/// Writes are in `CalendarAPIService+EventWrites.swift`.
extension CalendarAPIService {
    /// The widest window a listing of instances may ask for.
    static let maxInstanceWindow: Int64 = 366 * 86_400

    package func listEvents(_ input: Operations.ListEvents.Input) async throws -> Operations.ListEvents.Output {
        let caller = try APICaller.required()
        let reached = try await reach(input.path.calendarId, caller: caller)
        try reached.require(.read, "You may see only the free/busy time of this calendar, not its events.")
        let query = input.query
        let times = try times(for: reached.record, display: query.timeZone)
        let renderer = renderer(for: reached.record, owner: reached.owner, times: times)
        let limit = query.maxResults ?? 250
        guard (1...2_500).contains(limit) else { throw APIError.invalid("'maxResults' must be between 1 and 2500.") }
        let window = try Self.window(min: query.timeMin, max: query.timeMax)
        let page = try query.pageToken.map { text throws(APIError) in try PageToken(text) }
        let keyword = try query.q.map { text throws(APIError) in
            let word = text.trimmingSpaces
            guard !word.isEmpty else { throw APIError.invalid("'q' must hold a word to look for.") }
            return word
        }
        // As Google's API: a start order exists only for instances; a series as a whole has no one start time.
        if query.orderBy != nil, query.singleEvents != true {
            throw APIError.invalid("'orderBy=startTime' needs singleEvents=true.")
        }
        let filter = EventFilter(keyword: keyword, showDeleted: query.showDeleted ?? false)
        let list: Components.Schemas.EventList
        if let token = query.syncToken {
            guard query.timeMin == nil, query.timeMax == nil, query.singleEvents != true, query.pageToken == nil,
                  query.q == nil else {
                throw APIError.invalid("'syncToken' cannot be combined with timeMin, timeMax, singleEvents, orderBy, q "
                                           + "or pageToken.")
            }
            list = try await changes(since: token, reached: reached, renderer: renderer)
        } else if query.singleEvents == true {
            guard let window, let start = window.start, let end = window.end else {
                throw APIError.invalid("'singleEvents=true' needs both 'timeMin' and 'timeMax'.")
            }
            guard end.secondsSinceEpoch - start.secondsSinceEpoch <= Self.maxInstanceWindow else {
                throw APIError.invalid("'timeMin' and 'timeMax' may be at most 366 days apart with singleEvents=true.")
            }
            if let page, case .events = page { throw APIError.invalid("'pageToken' is not one for this listing.") }
            list = try await instanceList(reached: reached, window: window, filter: filter, renderer: renderer,
                                          limit: limit, after: page)
        } else {
            if let page, case .instances = page { throw APIError.invalid("'pageToken' is not one for this listing.") }
            list = try await eventList(reached: reached, window: window, filter: filter, renderer: renderer,
                                       limit: limit, after: page)
        }
        var body = list
        body.timeZone = times.calendarZoneID ?? "UTC"
        return .ok(.init(body: .json(body)))
    }

    package func getEvent(_ input: Operations.GetEvent.Input) async throws -> Operations.GetEvent.Output {
        let event = try await reachEvent(input.path.eventId, caller: APICaller.required())
        let times = try times(for: event.calendar, display: input.query.timeZone)
        let body = try render(event, times: times)
        return .ok(.init(headers: .init(eTag: event.object.etag.quoted), body: .json(body)))
    }

    package func listEventInstances(_ input: Operations.ListEventInstances.Input)
        async throws -> Operations.ListEventInstances.Output {
        let event = try await reachEvent(input.path.eventId, caller: APICaller.required())
        guard event.id.instance == nil else { throw APIError.invalid("List the instances of a series by its event id.") }
        let query = input.query
        let times = try times(for: event.calendar, display: query.timeZone)
        let limit = query.maxResults ?? 250
        guard (1...2_500).contains(limit) else { throw APIError.invalid("'maxResults' must be between 1 and 2500.") }
        let window = try Self.window(min: query.timeMin, max: query.timeMax)
        let start = window?.start ?? Instant(Date())
        let end = window?.end ?? start.adding(seconds: Self.maxInstanceWindow)
        guard end > start, end.secondsSinceEpoch - start.secondsSinceEpoch <= Self.maxInstanceWindow else {
            throw APIError.invalid("'timeMin' must be before 'timeMax', at most 366 days apart.")
        }
        var after: (start: Int64, id: String)?
        if let text = query.pageToken {
            guard case .instances(let afterStart, let afterID) = try PageToken(text) else {
                throw APIError.invalid("'pageToken' is not one for this listing.")
            }
            after = (afterStart, afterID)
        }
        let document = try document(event.object, seesEveryDetail: event.access.seesEveryDetail)
        let renderer = renderer(for: event.calendar, owner: event.owner, times: times)
        let recurring = Self.isRecurring(document)
        var items = try instances(of: document, in: TimeRange(start: start, end: end), context: times.context).map {
            (start: $0.startInstant.secondsSinceEpoch, event: renderer.instance($0, object: event.object, recurring: recurring))
        }
        if let after { items = items.filter { ($0.start, $0.event.id) > (after.start, after.id) } }
        let page = Array(items.prefix(limit))
        var list = Components.Schemas.EventList(items: page.map(\.event))
        if items.count > limit, let last = page.last {
            list.nextPageToken = PageToken.instances(afterStart: last.start, afterID: last.event.id).text
        }
        list.timeZone = times.calendarZoneID ?? "UTC"
        return .ok(.init(body: .json(list)))
    }

    /// The JSON of the event or instance the reached id names. A cancelled instance (an override with
    /// STATUS:CANCELLED) reads as `status: cancelled`, as `showDeleted=true` lists it; one left out of its series
    /// (EXDATE) is no instance.
    func render(_ event: ReachedEvent, times: EventTimes) throws(APIError) -> Components.Schemas.Event {
        let document = try document(event.object, seesEveryDetail: event.access.seesEveryDetail)
        let renderer = renderer(for: event.calendar, owner: event.owner, times: times)
        guard let recurrenceID = event.id.instance else {
            guard let body = renderer.event(event.object, document: document) else { throw APIError.serverFault() }
            return body
        }
        guard Self.isRecurring(document), let instance = try instance(recurrenceID, of: document, context: times.context)
        else {
            throw APIError.notFound("The event has no instance \(event.id.text).")
        }
        return renderer.instance(instance, object: event.object, recurring: true)
    }

    /// Whole events in name order, those with an instance in `window` when one is given, that `filter` keeps.
    /// A page ends after the last object read, so a page the filter thinned is short but the next one starts right.
    private func eventList(reached: ReachedCalendar, window: TimeRange?, filter: EventFilter, renderer: EventRenderer,
                           limit: Int, after page: PageToken?) async throws(APIError) -> Components.Schemas.EventList {
        let id = reached.record.id
        var revision = reached.record.revision
        var afterName: String?
        if case .events(let firstRevision, let name)? = page {
            revision = firstRevision
            afterName = name
        }
        let context = renderer.times.context
        func shown(_ object: CalendarObjectRecord, _ document: EventDocument)
            throws(APIError) -> Components.Schemas.Event? {
            guard object.index.componentType == "VEVENT", filter.keeps(document) else { return nil }
            if let window, try instances(of: document, in: window, context: context,
                                         includingCancelled: filter.showDeleted).isEmpty { return nil }
            return renderer.event(object, document: document)
        }
        if let keyword = filter.keyword {
            // The text index names the candidates, a page at a time in the same name order.
            let found = try await matchingEvents(in: reached, keyword: keyword, participant: nil, status: nil,
                                                 window: window, after: afterName, limit: limit, item: shown)
            var list = Components.Schemas.EventList(items: found.items.map(\.item))
            if found.more, let last = found.items.last {
                list.nextPageToken = PageToken.events(revision: revision, afterName: last.name).text
            }
            return list
        }
        var objects: [CalendarObjectRecord]
        var more: Bool
        if let window {
            let storeWindow = TimeWindow(start: window.start?.secondsSinceEpoch, end: window.end?.secondsSinceEpoch)
            objects = try await store { store throws(StoreError) in
                try await store.objects(calendarID: id, componentType: "VEVENT", overlapping: storeWindow)
            }.filter { afterName == nil || $0.name > afterName! }.sorted { $0.name < $1.name }
            more = objects.count > limit
            objects = Array(objects.prefix(limit))
        } else {
            objects = try await store { store throws(StoreError) in
                try await store.objects(calendarID: id, after: afterName, limit: limit + 1)
            }
            more = objects.count > limit
            objects = Array(objects.prefix(limit))
        }
        var items: [Components.Schemas.Event] = []
        for object in objects {
            let document = try document(object, seesEveryDetail: reached.access.seesEveryDetail)
            if let event = try shown(object, document) { items.append(event) }
        }
        var list = Components.Schemas.EventList(items: items)
        if more, let last = objects.last {
            list.nextPageToken = PageToken.events(revision: revision, afterName: last.name).text
        } else if window == nil {
            list.nextSyncToken = SyncToken(calendarID: id, revision: revision).uri
        }
        return list
    }

    /// Instances in `window` of the events `filter` keeps, by start and then id: the order `orderBy=startTime`
    /// names, and the order page tokens are positions in.
    private func instanceList(reached: ReachedCalendar, window: TimeRange, filter: EventFilter,
                              renderer: EventRenderer, limit: Int, after page: PageToken?)
        async throws(APIError) -> Components.Schemas.EventList {
        let id = reached.record.id
        typealias Read = (object: CalendarObjectRecord, document: EventDocument)
        var events: [Read] = []
        if let keyword = filter.keyword {
            events = try await matchingEvents(in: reached, keyword: keyword, participant: nil, status: nil,
                                              window: window, after: nil, limit: nil) {
                (object: CalendarObjectRecord, document: EventDocument) -> Read? in (object, document)
            }.items.map(\.item)
        } else {
            let storeWindow = TimeWindow(start: window.start?.secondsSinceEpoch, end: window.end?.secondsSinceEpoch)
            let objects = try await store { store throws(StoreError) in
                try await store.objects(calendarID: id, componentType: "VEVENT", overlapping: storeWindow)
            }
            for object in objects {
                events.append((object, try document(object, seesEveryDetail: reached.access.seesEveryDetail)))
            }
        }
        // Ordered and paged by (start, id) first; only the page is rendered.
        var items: [(start: Int64, id: String, instance: RecurrenceInstance, object: CalendarObjectRecord,
                     recurring: Bool)] = []
        for (object, document) in events where filter.keeps(document) {
            let recurring = Self.isRecurring(document)
            for instance in try instances(of: document, in: window, context: renderer.times.context,
                                          includingCancelled: filter.showDeleted) {
                items.append((instance.startInstant.secondsSinceEpoch,
                              renderer.instanceID(instance, object: object, recurring: recurring).text,
                              instance, object, recurring))
            }
        }
        items.sort { ($0.start, $0.id) < ($1.start, $1.id) }
        if case .instances(let afterStart, let afterID)? = page {
            items = items.filter { ($0.start, $0.id) > (afterStart, afterID) }
        }
        let shown = items.prefix(limit)
        var list = Components.Schemas.EventList(items: shown.map {
            renderer.instance($0.instance, object: $0.object, recurring: $0.recurring)
        })
        if items.count > limit, let last = shown.last {
            list.nextPageToken = PageToken.instances(afterStart: last.start, afterID: last.id).text
        }
        return list
    }

    /// The events changed since `token` (deleted ones as `status: cancelled`), and the token to ask with next.
    /// Spec: RFC 6578 §3.2 (the token is the calendar's; a token the log no longer reaches is refused: 410 here).
    private func changes(since text: String, reached: ReachedCalendar, renderer: EventRenderer)
        async throws(APIError) -> Components.Schemas.EventList {
        let id = reached.record.id
        guard let token = SyncToken(uri: text), token.calendarID == id else {
            throw StoreError.invalidSyncToken.apiError
        }
        let changes = try await store { store throws(StoreError) in
            try await store.changes(calendarID: id, since: token.revision, limit: nil)
        }
        let existing = changes.changes.filter(\.exists).map(\.name)
        let objects = existing.isEmpty ? [] : try await store { store throws(StoreError) in
            try await store.objects(calendarID: id, names: existing)
        }
        var items: [Components.Schemas.Event] = []
        for object in objects where object.index.componentType == "VEVENT" {
            let document = try document(object, seesEveryDetail: reached.access.seesEveryDetail)
            if let event = renderer.event(object, document: document) { items.append(event) }
        }
        for change in changes.changes where !change.exists {
            items.append(Components.Schemas.Event(
                id: EventID(calendarID: id, name: change.name).text, calendarId: String(id), iCalUID: "", etag: "",
                status: .cancelled, start: .init(), end: .init()))
        }
        var list = Components.Schemas.EventList(items: items)
        list.nextSyncToken = SyncToken(calendarID: id, revision: changes.revision).uri
        return list
    }

    /// `timeMin` and `timeMax` as a window; nil when neither is given.
    static func window(min: String?, max: String?) throws(APIError) -> TimeRange? {
        func instant(_ text: String?, _ field: String) throws(APIError) -> Instant? {
            guard let text else { return nil }
            guard let instant = RFC3339.stamp(text)?.instant else {
                throw APIError.invalid("'\(field)' must be an RFC 3339 date-time with an offset, such as "
                                           + "2026-12-01T00:00:00Z, got '\(text)'.")
            }
            return instant
        }
        let start = try instant(min, "timeMin")
        let end = try instant(max, "timeMax")
        guard start != nil || end != nil else { return nil }
        if let start, let end, end <= start { throw APIError.invalid("'timeMax' must be after 'timeMin'.") }
        return TimeRange(start: start, end: end)
    }
}
