import CalendarStore
import DAVXML
import WebDAV

/// DAV:sync-collection on a calendar: members changed since the token (all members for an empty token), 404
/// responses for deletions, `limit` honoured with the truncation marker.
/// Spec: RFC 6578 §3.2–3.6 (507 + number-of-matches-within-limits on the request-URI when truncated), §6.1.
struct SyncCollectionReport {
    let context: MethodContext
    let body: XMLElement

    func run(on resource: Resource) async throws(DAVError) -> DAVResponse {
        let request = try SyncCollectionRequest.parse(body)
        guard case .calendar(let user, let calendar) = resource else {
            throw DAVError.forbidden("sync-collection is supported on calendar collections.",
                                     condition: .dav.supportedReport)
        }
        guard request.level == .one else {
            throw DAVError.forbidden("Only sync-level 1 is supported.", condition: .dav.supportedReport)
        }
        var since: Int64?
        if !request.syncToken.isEmpty {
            guard let token = SyncToken(uri: request.syncToken), token.calendarID == calendar.id else {
                throw DAVError.forbidden("The sync token is not valid for this collection.", condition: .dav.validSyncToken)
            }
            since = token.revision
        }
        let changes = try await context.store { store throws(StoreError) in
            try await store.changes(calendarID: calendar.id, since: since, limit: request.limit)
        }

        let selection = try PropertySelection(prop: body.first(.dav.prop))
        let present = changes.changes.filter(\.exists).map(\.name)
        let objects = try await loadObjects(calendar: calendar, names: present, withData: selection.wantsCalendarData)
        let renderer = PropertyRenderer(context: context, selection: selection)
        var responses: [MultistatusResponse] = []
        for change in changes.changes {
            let href = context.hrefs.object(user.name, calendar.slug, change.name)
            if change.exists, let object = objects[change.name] {
                responses.append(await renderer.response(for: .object(user, calendar, object.summary, data: object.data)))
            } else if !change.exists {
                responses.append(MultistatusResponse(href: href, status: 404))
            }
        }
        if changes.truncated {
            let error = XMLElement(.dav.error, elements: [XMLElement(.dav.numberOfMatchesWithinLimits)])
            responses.append(MultistatusResponse(href: context.hrefs.calendar(user.name, calendar.slug), status: 507,
                                                 error: error))
        }
        let token = SyncToken(calendarID: calendar.id, revision: changes.revision).uri
        return Multistatus(responses: responses, syncToken: token).response()
    }

    /// The changed objects by name; the bytes are loaded only when calendar-data was asked.
    private func loadObjects(calendar: CalendarRecord, names: [String], withData: Bool)
        async throws(DAVError) -> [String: (summary: CalendarObjectSummary, data: [UInt8]?)] {
        guard !names.isEmpty else { return [:] }
        let records = try await context.store { store throws(StoreError) in
            try await store.objects(calendarID: calendar.id, names: names)
        }
        var result: [String: (summary: CalendarObjectSummary, data: [UInt8]?)] = [:]
        for record in records { result[record.name] = (record.summary, withData ? record.data : nil) }
        return result
    }
}
