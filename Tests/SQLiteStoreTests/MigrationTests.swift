import CalendarStore
import Testing
@testable import SQLiteStore

/// A database written by the version-1 schema opens with the current code: its rows read back, text queries keep
/// returning them until they are re-indexed, and index maintenance lists them.
struct MigrationTests {
    @Test func version1DatabaseIsMigrated() async throws {
        let database = try TemporaryDatabase()
        defer { database.remove() }
        let data = Array("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".utf8)
        let instances = [InstanceInterval(start: 1_000, end: 2_000)]
        do {
            let connection = try SQLiteConnection(path: database.path, mode: .readWrite)
            defer { connection.close() }
            try connection.execute(script: SchemaMigrations.version1 + "; PRAGMA user_version = 1;")
            try connection.run("""
                INSERT INTO users (id, name, display_name, email, password_hash, is_admin, created_at)
                VALUES (1, 'alice', 'alice', '', 'h', 0, 0)
                """)
            try connection.run("""
                INSERT INTO calendars (id, owner_id, slug, display_name, description, color, sort_order, time_zone,
                                       supported_components, revision, max_instance_length, created_at)
                VALUES (1, 1, 'home', '', '', '', 0, '', 'VEVENT', 1, 1000, 0)
                """)
            try connection.run("""
                INSERT INTO objects (id, calendar_id, name, uid, component_type, etag, data, size, first_start,
                                     last_end, horizon, instances, revision, created_at, modified_at)
                VALUES (1, 1, 'old.ics', 'u', 'VEVENT', \(ETag(of: data).value), \(data), \(data.count), 1000, 2000,
                        NULL, \(InstanceBlob.encode(instances)), 1, 0, 0)
                """)
            try connection.run("INSERT INTO instances VALUES (1, 1, 1000, 2000)")
            try connection.run("INSERT INTO changes VALUES (1, 'old.ics', 1, 0)")
        }

        let store = try SQLiteStore(path: database.path)
        defer { store.close() }
        let old = try #require(try await store.object(calendarID: 1, name: "old.ics"))
        #expect(old.data == data)
        #expect(old.index.instances == instances)
        #expect(old.index.expandedUntil == 0)
        #expect(old.index.text == IndexedText())
        #expect(try await store.objects(calendarID: 1, componentType: nil,
                                        overlapping: TimeWindow(start: 1_500, end: 1_600)).map(\.name) == ["old.ics"])
        #expect(try await Self.textMatches(store, "Planning") == ["old.ics"], "not yet indexed: always a candidate")
        #expect(try await store.objectsToReindex(expandedBefore: 1, limit: 10).map(\.name) == ["old.ics"])

        var reindexed = old.index
        reindexed.expandedUntil = nil
        reindexed.text = IndexedText(summary: "Planning")
        #expect(try await store.updateIndex(calendarID: 1, name: "old.ics", etag: old.etag, index: reindexed))
        #expect(try await Self.textMatches(store, "Planning") == ["old.ics"])
        #expect(try await Self.textMatches(store, "Retro") == [], "indexed: answered by the text index")
        #expect(try await store.objectsToReindex(expandedBefore: 1, limit: 10).isEmpty)
        let written = try await store.putObject(calendarID: 1, name: "new.ics", data: [1], index: .init(
            uid: "n", componentType: "VEVENT", firstStart: 1, lastEnd: 2, instances: [.init(start: 1, end: 2)],
            horizon: nil, text: IndexedText(summary: "Retro")), precondition: .mustNotExist)
        #expect(written.object.revision == 2, "the revision continues")
        #expect(try await Self.textMatches(store, "retro") == ["new.ics"])
        try TextIndexTests.checkIntegrity(store)
    }

    private static func textMatches(_ store: SQLiteStore, _ needle: String) async throws -> [String] {
        try await store.objects(calendarID: 1, matching: ObjectQuery(text: [TextCondition(field: .summary,
                                                                                          needle: needle)]),
                                after: nil, limit: nil).map(\.name)
    }
}
