import CalendarStore
import Calendaring
import ICalendarRecurrence
import WebDAV

/// The responses of a calendar-query over a calendar, page by page: each page is one store query for the next
/// candidates (`CalendarStore.objects(calendarID:matching:after:limit:)`), filtered and rendered, so a query that
/// matches 100,000 objects holds one page at a time.
/// Spec: RFC 4791 §7.8 (one response per matching object), RFC 4918 §13 (the multistatus body).
actor CalendarQueryPages: MultistatusPageSource {
    /// Candidates read per store call: large enough that the per-call cost vanishes, small enough for memory.
    static let pageSize = 200

    private let store: any CalendarStore
    private let calendarID: Int64
    private let query: ObjectQuery
    private let filter: CalendarFilter
    private let timeContext: TimeContext
    /// Whether the filter runs on what a sharee sees (`CalendarFilter.matches(_:context:classified:)`).
    private let classified: Bool
    private let pageSize: Int
    private let render: @Sendable (CalendarObjectRecord) async -> MultistatusResponse
    /// The name of the last candidate read; the next page starts after it.
    private var after: String?
    private var exhausted = false

    init(store: any CalendarStore, calendarID: Int64, filter: CalendarFilter, timeContext: TimeContext,
         classified: Bool = false, pageSize: Int = CalendarQueryPages.pageSize,
         render: @escaping @Sendable (CalendarObjectRecord) async -> MultistatusResponse) {
        self.store = store
        self.calendarID = calendarID
        self.query = filter.objectQuery
        self.filter = filter
        self.timeContext = timeContext
        self.classified = classified
        self.pageSize = max(1, pageSize)
        self.render = render
    }

    /// The matches of the next candidate pages: store pages whose candidates all fail are skipped, so only the end
    /// of the candidates returns nil.
    func nextPage() async throws -> [MultistatusResponse]? {
        while !exhausted {
            let candidates = try await store.objects(calendarID: calendarID, matching: query, after: after, limit: pageSize)
            exhausted = candidates.count < pageSize
            after = candidates.last?.name
            var responses: [MultistatusResponse] = []
            for object in candidates where filter.matches(object, context: timeContext, classified: classified) {
                responses.append(await render(object))
            }
            if !responses.isEmpty { return responses }
        }
        return nil
    }

    func syncToken() async throws -> String? { nil }
}
