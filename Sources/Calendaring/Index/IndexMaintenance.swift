import CalendarStore
import Foundation
import ICalendar

/// Moves the materialised instances of recurring series forward as time passes, and fills in index fields of
/// objects indexed before they existed (the store reports those with `expandedUntil` 0).
///
/// Spec: none (storage housekeeping for RFC 4791 §9.9 queries). Driven entirely by the store: each run asks
/// `objectsToReindex(expandedBefore: now + indexHorizon - indexHorizonMargin)` page by page, re-indexes each object
/// as PUT would at `now` (its calendar's zone, horizon `now + indexHorizon`) and writes the index back with
/// `updateIndex`, which leaves it alone if the object was rewritten meanwhile. Requests never wait for this.
public struct IndexMaintenance: Sendable {
    public let store: any CalendarStore
    /// How far ahead recurring series are materialised, in seconds from now.
    public let indexHorizon: Int64
    /// How far the materialised horizon may fall behind `now + indexHorizon` before an object is re-indexed, in
    /// seconds.
    public let indexHorizonMargin: Int64
    let timeZones: TimeZoneDatabase
    /// Objects read per store call.
    public var pageSize: Int
    /// Objects handled per run at most, so one run stays short; call again while runs come back full.
    public var limit: Int

    public static let defaultPageSize = 100
    public static let defaultLimit = 1_000

    /// The component types an object may have; maintenance re-indexes what is stored even when the calendar's
    /// supported-calendar-component-set changed since.
    static let objectTypes = ["VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VAVAILABILITY"]

    public init(store: any CalendarStore, indexHorizon: Int64, indexHorizonMargin: Int64, timeZones: TimeZoneDatabase,
                pageSize: Int = defaultPageSize, limit: Int = defaultLimit) {
        self.store = store
        self.indexHorizon = indexHorizon
        self.indexHorizonMargin = indexHorizonMargin
        self.timeZones = timeZones
        self.pageSize = max(1, pageSize)
        self.limit = max(1, limit)
    }

    /// Re-indexes the objects whose horizon fell behind at `now`; returns how many indexes were written (objects
    /// rewritten or deleted meanwhile are skipped and not counted).
    public func run(now: Date) async throws(StoreError) -> Int {
        let threshold = Instant(now).secondsSinceEpoch + indexHorizon - max(1, indexHorizonMargin)
        var calendars: [Int64: CalendarRecord?] = [:]
        // A candidate comes back when its update did not move it past the threshold (rewritten meanwhile by a
        // writer whose clock is behind `now`); seeing it twice ends the run instead of looping.
        var seen: Set<ReindexKey> = []
        var written = 0
        while seen.count < limit {
            let page = try await store.objectsToReindex(expandedBefore: threshold, limit: min(pageSize, limit - seen.count))
            let fresh = page.filter { seen.insert(ReindexKey($0)).inserted }
            guard !fresh.isEmpty else { break }
            for candidate in fresh {
                if calendars[candidate.calendarID] == nil {
                    calendars[candidate.calendarID] = .some(try await store.calendar(id: candidate.calendarID))
                }
                guard let calendar = calendars[candidate.calendarID] ?? nil,
                    let index = try await index(of: candidate, in: calendar, now: now)
                else { continue }
                if try await store.updateIndex(calendarID: candidate.calendarID, name: candidate.name,
                                               etag: candidate.etag, index: index) {
                    written += 1
                }
            }
            if page.count < pageSize { break }
        }
        return written
    }

    /// The object's new index; when its bytes no longer read as a calendar object, its current index without
    /// `expandedUntil`, so it is not tried again on every run. Nil when the object is gone or was rewritten.
    private func index(of candidate: ReindexCandidate, in calendar: CalendarRecord, now: Date)
        async throws(StoreError) -> ObjectIndex? {
        let validator = CalendarObjectValidator(maxResourceSize: .max, supportedComponents: Self.objectTypes)
        if let validated = try? validator.readStored(candidate.data) {
            let indexer = ObjectIndexer.forCalendar(calendar, indexHorizon: indexHorizon, timeZones: timeZones, now: now)
            return indexer.index(validated)
        }
        guard let current = try await store.object(calendarID: candidate.calendarID, name: candidate.name),
            current.etag == candidate.etag
        else { return nil }
        var index = current.index
        index.expandedUntil = nil
        return index
    }
}

/// One object version, as `objectsToReindex` names it.
private struct ReindexKey: Hashable {
    let calendarID: Int64
    let name: String
    let etag: ETag

    init(_ candidate: ReindexCandidate) {
        calendarID = candidate.calendarID
        name = candidate.name
        etag = candidate.etag
    }
}
