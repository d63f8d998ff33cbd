import Calendaring
import CalendarStore
import DAVXML
import WebDAV

/// DAV:sync-collection on a calendar: members changed since the token (all members for an empty token), 404
/// responses for deletions, `limit` honoured with the truncation marker. The body is streamed page by page; how the
/// token stays correct while others write is `SyncCollectionPages`' concern.
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
        let selection = try PropertySelection(prop: body.first(.dav.prop))
        let renderer = PropertyRenderer(context: context, selection: selection)
        if since == nil && request.limit == nil {
            return try await context.streamedMultistatus(
                from: InitialSyncPages(context: context, renderer: renderer, user: user, calendar: calendar))
        }
        let pages = SyncCollectionPages(context: context, renderer: renderer, user: user, calendar: calendar,
                                        since: since, limit: request.limit)
        return try await context.streamedMultistatus(from: pages)
    }
}
