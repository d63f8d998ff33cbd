import Calendaring
import CalendarStore
import DAVXML
import WebDAV

/// The responses of a sync-collection report, produced page by page from the calendar's change log, so a
/// 100,000-object initial sync is never in memory at once.
///
/// Each page is one `changes(calendarID:since:limit:)` call (at most `pageSize` entries, oldest first), asked again
/// from the revision the previous page ended at, with the objects of the page loaded in one call by name. An initial
/// sync (empty token) reports members only: its first page holds no deletions and later pages' deletions are left
/// out (RFC 6578 §3.3). With a client `<D:limit>` the changes are read in one store call of that limit, as before,
/// and when more remain the report ends with the 507 `number-of-matches-within-limits` response on the request-URI
/// and the token of the last change read (§3.6); the objects are still loaded and written a page at a time.
///
/// Writes while the stream runs. The stream answers for a snapshot: `snapshot` is the calendar's revision when
/// the request resolved it, before the first page. The rule is that the token handed out, `min(last page's
/// revision, snapshot)`, never claims a change the stream has not reflected:
/// - Log entries only move forward (a name's entry takes the revision of its newest change) and every change made
///   after the snapshot has a revision above it. So the changes up to the snapshot are fixed while the stream runs,
///   and paging by revision visits each of them once; paging stops as soon as a page reaches the snapshot.
/// - An object whose stored revision is above the snapshot (written during the stream, possibly after an earlier
///   page already listed it) is left out: the token is at most the snapshot, so the next sync reports it. Hence a
///   member is never listed twice with different states in one response.
/// - A deletion during the stream has a revision above the snapshot, so the next sync reports it as well; this is
///   what makes leaving deletions out of later pages of an initial sync safe, even for a member an earlier page
///   listed. An incremental sync reports the deletions its pages meet; the one whose member an earlier page listed
///   and which was deleted meanwhile can then appear twice (200, then 404), which leaves the client right.
/// - An object deleted or rewritten between the page's change query and its load is left out or skipped by the
///   same rule: that change is above the snapshot.
/// A change made during the stream is therefore reported now or on the next sync, never lost, and re-reporting it
/// is harmless (RFC 6578 §3.2 lets the server report a member that did not change).
/// Spec: RFC 6578 §3.2–3.6, §6.2.
actor SyncCollectionPages: MultistatusPageSource {
    private let context: MethodContext
    private let renderer: PropertyRenderer
    private let user: User
    private let calendar: CalendarRecord
    private let isInitial: Bool
    private let clientLimit: Int?
    private let pageSize: Int
    /// The calendar's revision before the first page: the stream reports the changes up to it.
    private var snapshot: Int64 { calendar.revision }
    /// The revision the next store call starts after; nil for the first call of an initial sync.
    private var cursor: Int64?
    /// Changes read from the store and not yet rendered.
    private var pending: ArraySlice<ChangeSet.Change> = []
    /// The 507 response that ends a report the client's limit cut short.
    private var truncationMarker: MultistatusResponse?
    /// The sync token's revision once the last store call is made.
    private var finalRevision: Int64?

    init(context: MethodContext, renderer: PropertyRenderer, user: User, calendar: CalendarRecord, since: Int64?,
         limit: Int?, pageSize: Int = ListingPage.size) {
        self.context = context
        self.renderer = renderer
        self.user = user
        self.calendar = calendar
        self.isInitial = since == nil
        self.cursor = since
        self.clientLimit = limit
        self.pageSize = pageSize
    }

    func nextPage() async throws -> [MultistatusResponse]? {
        if pending.isEmpty {
            guard finalRevision == nil else { return nil }
            try await readChanges()
        }
        let page = pending.prefix(pageSize)
        pending.removeFirst(page.count)
        var responses = try await render(Array(page))
        if pending.isEmpty, let marker = truncationMarker {
            responses.append(marker)
            truncationMarker = nil
        }
        return responses
    }

    func syncToken() async throws -> String? {
        SyncToken(calendarID: calendar.id, revision: finalRevision ?? snapshot).uri
    }

    /// One store call: a page of changes, or with a client limit the whole answer at once as before (names only;
    /// the objects are still loaded a page at a time).
    private func readChanges() async throws(DAVError) {
        let (calendarID, since, limit) = (calendar.id, cursor, clientLimit ?? pageSize)
        let changes = try await context.store { store throws(StoreError) in
            try await store.changes(calendarID: calendarID, since: since, limit: limit)
        }
        // A call starting at or after the snapshot returns only changes made during the stream (an incremental
        // sync whose token is current): they all belong to the next sync.
        pending = (since ?? -1) >= snapshot ? [] : changes.changes[...]
        let withinSnapshot = changes.truncated && changes.revision < snapshot
        if withinSnapshot && clientLimit == nil {
            cursor = changes.revision
        } else if withinSnapshot {
            finalRevision = changes.revision
            let error = XMLElement(.dav.error, elements: [XMLElement(.dav.numberOfMatchesWithinLimits)])
            truncationMarker = MultistatusResponse(href: context.hrefs.calendar(user.name, calendar.slug), status: 507,
                                                   error: error)
        } else {
            finalRevision = min(changes.revision, snapshot)
        }
    }

    /// The responses of one page, in change-log order: members as of the snapshot, and deletions for an
    /// incremental sync.
    private func render(_ changes: [ChangeSet.Change]) async throws(DAVError) -> [MultistatusResponse] {
        let present = changes.filter(\.exists).map(\.name)
        let members = try await load(present)
        var responses: [MultistatusResponse] = []
        for change in changes {
            if change.exists {
                guard let member = members[change.name], member.summary.revision <= snapshot else { continue }
                responses.append(await renderer.response(for: .object(user, calendar, member.summary, data: member.data)))
            } else if !isInitial {
                responses.append(MultistatusResponse(href: context.hrefs.object(user.name, calendar.slug, change.name),
                                                     status: 404))
            }
        }
        return responses
    }

    /// The page's present members by name, in one store call: with their bytes when calendar-data was asked, else
    /// summaries only (an ETag listing reads neither the bytes nor the index).
    private func load(_ names: [String]) async throws(DAVError) -> [String: (summary: CalendarObjectSummary, data: [UInt8]?)] {
        guard !names.isEmpty else { return [:] }
        let calendarID = calendar.id
        let members: [(summary: CalendarObjectSummary, data: [UInt8]?)]
        if renderer.selection.wantsCalendarData {
            members = try await context.store { store throws(StoreError) in
                try await store.objects(calendarID: calendarID, names: names)
            }.map { ($0.summary, $0.data) }
        } else {
            members = try await context.store { store throws(StoreError) in
                try await store.objectSummaries(calendarID: calendarID, names: names)
            }.map { ($0, nil) }
        }
        return Dictionary(members.map { ($0.summary.name, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
