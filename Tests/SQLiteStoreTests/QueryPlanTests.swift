import CalendarStore
import Testing
@testable import SQLiteStore

/// The time-range and sync queries are driven by indexes: SQLite reports a SEARCH, never a SCAN, of the objects
/// and instances tables, so their cost grows with the answer rather than the calendar.
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
        let query = TimeRangeQuery.sql(calendarID: calendarID, componentType: componentType, window: window,
                                       maxInstanceLength: 3_600)
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

    /// A calendar with events, a series with a horizon and a timeless task, so the planner sees real rows.
    private static func populatedCalendar(_ store: SQLiteStore) async throws -> Int64 {
        let user = try await store.createUser(NewUser(name: "alice", passwordHash: "h"))
        let calendar = try await store.createCalendar(NewCalendar(ownerID: user.id, slug: "home"))
        for number in 0..<50 {
            let start = Int64(number) * 86_400
            _ = try await store.putObject(
                calendarID: calendar.id, name: "e\(number).ics", data: Array("event \(number)".utf8),
                index: ObjectIndex(uid: "e\(number)", componentType: "VEVENT", firstStart: start, lastEnd: start + 3_600,
                                   instances: [InstanceInterval(start: start, end: start + 3_600)], horizon: nil),
                precondition: .none)
        }
        _ = try await store.putObject(
            calendarID: calendar.id, name: "series.ics", data: Array("series".utf8),
            index: ObjectIndex(uid: "s", componentType: "VEVENT", firstStart: 0, lastEnd: nil,
                               instances: (0..<20).map { InstanceInterval(start: $0 * 604_800, end: $0 * 604_800 + 60) },
                               horizon: 20 * 604_800),
            precondition: .none)
        _ = try await store.putObject(
            calendarID: calendar.id, name: "todo.ics", data: Array("todo".utf8),
            index: ObjectIndex(uid: "t", componentType: "VTODO", firstStart: nil, lastEnd: nil, instances: [],
                               horizon: nil),
            precondition: .none)
        return calendar.id
    }

    private static func plan(_ store: SQLiteStore, _ query: SQL) throws -> [String] {
        try store.pool.withReaderBlocking { db in try db.query("EXPLAIN QUERY PLAN " + query) { $0.text(3) } }
    }

    private static func expectNoTableScan(_ plan: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        for step in plan where step.hasPrefix("SCAN") {
            Issue.record("full scan in the plan: \(step) (plan: \(plan))", sourceLocation: sourceLocation)
        }
    }
}
