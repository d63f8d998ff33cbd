import CalendarStore
import WebDAV

/// The responses of a Depth 1 PROPFIND on a calendar, produced page by page: the calendar itself first, then its
/// objects in name order, `ListingPage.size` per store query, so a 100,000-object calendar never sits in memory at
/// once. The bytes are read only when calendar-data was asked.
///
/// Each page starts after the last name of the previous one, so an object written meanwhile shows up at most once:
/// in its new state if its name is still ahead, not at all if it was created behind the cursor (a listing is no
/// snapshot; clients that need one use sync-collection).
/// Spec: RFC 4918 §9.1 (Depth 1: the collection and its internal members).
actor CalendarMemberPages: MultistatusPageSource {
    private let context: MethodContext
    private let renderer: PropertyRenderer
    private let user: User
    private let calendar: CalendarRecord
    private let withData: Bool
    /// Members changed after this revision are left out (an initial sync's snapshot); nil lists every member.
    private let maxRevision: Int64?
    private let pageSize: Int
    /// The last name listed; nil before the first page.
    private var after: String?
    private var calendarListed = false
    private var exhausted = false

    init(context: MethodContext, renderer: PropertyRenderer, user: User, calendar: CalendarRecord, withData: Bool,
         includesCollection: Bool = true, maxRevision: Int64? = nil, pageSize: Int = ListingPage.size) {
        self.context = context
        self.renderer = renderer
        self.user = user
        self.calendar = calendar
        self.withData = withData
        self.calendarListed = !includesCollection
        self.maxRevision = maxRevision
        self.pageSize = pageSize
    }

    func nextPage() async throws -> [MultistatusResponse]? {
        var responses: [MultistatusResponse] = []
        if !calendarListed {
            calendarListed = true
            responses.append(await renderer.response(for: .calendar(user, calendar)))
        }
        while !exhausted && responses.isEmpty {
            let members = try await members()
            // A short page is the last one; a full one may be followed by an empty one, which ends the listing.
            exhausted = members.count < pageSize
            for member in members where isListed(member) { responses.append(await renderer.response(for: member)) }
        }
        return responses.isEmpty ? nil : responses
    }

    func syncToken() async throws -> String? { nil }

    private func isListed(_ member: PropertyTarget) -> Bool {
        guard let maxRevision, case .object(_, _, let summary, _) = member else { return true }
        return summary.revision <= maxRevision
    }

    private func members() async throws(DAVError) -> [PropertyTarget] {
        let (calendarID, after, limit) = (calendar.id, after, pageSize)
        let targets: [PropertyTarget]
        let lastName: String?
        if withData {
            let objects = try await context.store { store throws(StoreError) in
                try await store.objects(calendarID: calendarID, after: after, limit: limit)
            }
            targets = objects.map { .object(user, calendar, $0.summary, data: $0.data) }
            lastName = objects.last?.name
        } else {
            let summaries = try await context.store { store throws(StoreError) in
                try await store.objectSummaries(calendarID: calendarID, after: after, limit: limit)
            }
            targets = summaries.map { .object(user, calendar, $0, data: nil) }
            lastName = summaries.last?.name
        }
        if let lastName { self.after = lastName }
        return targets
    }
}
