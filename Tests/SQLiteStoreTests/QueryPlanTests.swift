import CalendarStore
import Testing
@testable import SQLiteStore

/// The time-range, text, paging, re-index and sync queries are driven by indexes: SQLite reports a SEARCH, never a
/// SCAN, of the objects and instances tables, so their cost grows with the answer rather than the calendar.
struct QueryPlanTests {
    static let windows: [TimeWindow] = [
        TimeWindow(start: 1_000_000, end: 1_086_400),
        TimeWindow(start: nil, end: 1_086_400),
        TimeWindow(start: 1_000_000, end: nil),
    ]

    @Test(arguments: windows, [nil, "VEVENT"])
    func timeRangeQueryUsesIndexes(window: TimeWindow, componentType: String?) async throws {
        let database = try TemporaryDatabase()
        defer { database.remove() }
        let store = try SQLiteStore(path: database.path)
        defer { store.close() }
        let calendarID = try await Self.populatedCalendar(store)
        let query = CandidateQuery.sql(calendarID: calendarID,
                                       query: ObjectQuery(componentType: componentType, window: window),
                                       after: nil, limit: nil, maxInstanceLength: 3_600)
        let plan = try Self.plan(store, query)
        #expect(plan.contains { $0.contains("instances_by_start") }, "\(plan)")
        #expect(plan.contains { $0.contains("objects_timeless") }, "\(plan)")
        #expect(plan.contains { $0.contains("objects_by_horizon") }, "\(plan)")
        Self.expectNoTableScan(plan)
    }

    @Test func syncQueryUsesTheRevisionIndex() async throws {
        let database = try TemporaryDatabase()
        defer { database.remove() }
        let store = try SQLiteStore(path: database.path)
        defer { store.close() }
        let calendarID = try await Self.populatedCalendar(store)
        let plan = try Self.plan(store, """
            SELECT name, deleted, revision FROM changes WHERE calendar_id = \(calendarID) AND revision > \(Int64(5))
            ORDER BY revision LIMIT \(10)
            """)
        #expect(plan.contains { $0.contains("changes_by_revision") }, "\(plan)")
        Self.expectNoTableScan(plan)
    }

    @Test func textQueryUsesTheTextIndex() async throws {
        let database = try TemporaryDatabase()
        defer { database.remove() }
        let store = try SQLiteStore(path: database.path)
        defer { store.close() }
        let calendarID = try await Self.populatedCalendar(store)
        let query = ObjectQuery(text: [TextCondition(field: .summary, needle: "event 1"),
                                       TextCondition(field: .location, needle: "room")])
        let plan = try Self.plan(store, CandidateQuery.sql(calendarID: calendarID, query: query, after: "e1.ics",
                                                           limit: 20, maxInstanceLength: 3_600))
        #expect(plan.contains { $0.contains("object_text VIRTUAL TABLE") }, "\(plan)")
        #expect(plan.contains { $0.contains("objects_text_pending") }, "\(plan)")
        #expect(plan.contains { $0.contains("INTEGER PRIMARY KEY") }, "candidates fetched by id: \(plan)")
        Self.expectNoTableScan(plan)
    }

    @Test(arguments: windows)
    func windowedTextPageUsesBothIndexes(window: TimeWindow) async throws {
        let database = try TemporaryDatabase()
        defer { database.remove() }
        let store = try SQLiteStore(path: database.path)
        defer { store.close() }
        let calendarID = try await Self.populatedCalendar(store)
        let query = ObjectQuery(componentType: "VEVENT", window: window,
                                text: [TextCondition(field: .summary, needle: "event")])
        let plan = try Self.plan(store, CandidateQuery.sql(calendarID: calendarID, query: query, after: nil,
                                                           limit: 20, maxInstanceLength: 3_600))
        #expect(plan.contains { $0.contains("instances_by_start") }, "\(plan)")
        #expect(plan.contains { $0.contains("object_text VIRTUAL TABLE") }, "\(plan)")
        #expect(plan.contains { $0.contains("INTEGER PRIMARY KEY") }, "candidates fetched by id: \(plan)")
        Self.expectNoTableScan(plan)
    }

    /// Without a window or text, a page walks the (calendar_id, name) index from `after` and needs no sort.
    @Test func plainPageWalksTheNameIndex() async throws {
        let database = try TemporaryDatabase()
        defer { database.remove() }
        let store = try SQLiteStore(path: database.path)
        defer { store.close() }
        let calendarID = try await Self.populatedCalendar(store)
        let plan = try Self.plan(store, CandidateQuery.sql(calendarID: calendarID, query: ObjectQuery(), after: "e3.ics",
                                                           limit: 20, maxInstanceLength: 3_600))
        #expect(plan.contains { $0.contains("(calendar_id=? AND name>?)") }, "\(plan)")
        #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
        Self.expectNoTableScan(plan)
    }

    /// Issue 11.7: ETag listings (PROPFIND Depth 1 pages, sync-collection pages by name) read only the covering
    /// `objects_listing` index, never the object rows whose bytes stand before the listed columns.
    @Test func summaryListingsReadOnlyTheCoveringIndex() async throws {
        let database = try TemporaryDatabase()
        defer { database.remove() }
        let store = try SQLiteStore(path: database.path)
        defer { store.close() }
        let calendarID = try await Self.populatedCalendar(store)
        for sql: SQL in [
            SummaryRow.select + " WHERE calendar_id = \(calendarID) AND name > \("e3.ics") ORDER BY name LIMIT \(20)",
            SummaryRow.select + " WHERE calendar_id = \(calendarID) AND name IN (\(list: ["e1.ics", "e2.ics"]))",
            SummaryRow.select + " WHERE calendar_id = \(calendarID) ORDER BY name",
        ] {
            let plan = try Self.plan(store, sql)
            #expect(plan.contains { $0.contains("COVERING INDEX objects_listing") }, "\(plan)")
            #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
        }
    }

    @Test func reindexQueryUsesTheExpansionIndex() async throws {
        let database = try TemporaryDatabase()
        defer { database.remove() }
        let store = try SQLiteStore(path: database.path)
        defer { store.close() }
        _ = try await Self.populatedCalendar(store)
        let plan = try Self.plan(store, """
            SELECT calendar_id, name, etag, data, expanded_until FROM objects WHERE expanded_until < \(Int64(5))
            ORDER BY expanded_until, calendar_id, name LIMIT \(10)
            """)
        #expect(plan.contains { $0.contains("objects_by_expansion") }, "\(plan)")
        #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
        Self.expectNoTableScan(plan)
    }

    /// A calendar with events, a series with a horizon and a timeless task, so the planner sees real rows.
    private static func populatedCalendar(_ store: SQLiteStore) async throws -> Int64 {
        let user = try await store.createUser(NewUser(name: "alice", passwordHash: "h"))
        let calendar = try await store.createCalendar(NewCalendar(ownerID: user.id, slug: "home"))
        for number in 0..<50 {
            let start = Int64(number) * 86_400
            _ = try await store.putObject(
                calendarID: calendar.id, name: "e\(number).ics", data: Array("event \(number)".utf8),
                index: ObjectIndex(uid: "e\(number)", componentType: "VEVENT", firstStart: start, lastEnd: start + 3_600,
                                   instances: [InstanceInterval(start: start, end: start + 3_600)], horizon: nil,
                                   text: IndexedText(summary: "Event \(number)", location: "Room \(number % 5)")),
                precondition: .none)
        }
        _ = try await store.putObject(
            calendarID: calendar.id, name: "series.ics", data: Array("series".utf8),
            index: ObjectIndex(uid: "s", componentType: "VEVENT", firstStart: 0, lastEnd: nil,
                               instances: (0..<20).map { InstanceInterval(start: $0 * 604_800, end: $0 * 604_800 + 60) },
                               horizon: 20 * 604_800, expandedUntil: 20 * 604_800),
            precondition: .none)
        _ = try await store.putObject(
            calendarID: calendar.id, name: "todo.ics", data: Array("todo".utf8),
            index: ObjectIndex(uid: "t", componentType: "VTODO", firstStart: nil, lastEnd: nil, instances: [],
                               horizon: nil),
            precondition: .none)
        return calendar.id
    }

    static func plan(_ store: SQLiteStore, _ query: SQL) throws -> [String] {
        try store.pool.withReaderBlocking { db in try db.query("EXPLAIN QUERY PLAN " + query) { $0.text(3) } }
    }

    static func expectNoTableScan(_ plan: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        // An FTS5 table reports its index lookup as a SCAN of the virtual table; that is not a table scan.
        for step in plan where step.hasPrefix("SCAN") && !step.contains("VIRTUAL TABLE") {
            Issue.record("full scan in the plan: \(step) (plan: \(plan))", sourceLocation: sourceLocation)
        }
    }
}
