import CalendarStore
import Foundation
import Testing
@testable import SQLiteStore

/// Behaviour specific to the SQLite store: persistence, schema, journal mode, query plans.
struct SQLiteStoreTests {
    @Test func reopenKeepsData() async throws {
        let database = try TemporaryDatabase()
        defer { database.remove() }
        let data: [UInt8] = [0x42, 0x45, 0x47, 0xFF, 0x00, 0xC0, 0xAF, 0x0D, 0x0A]
        let first = try SQLiteStore(path: database.path)
        let user = try await first.createUser(NewUser(name: "alice", passwordHash: "h"))
        let calendar = try await first.createCalendar(NewCalendar(
            ownerID: user.id, slug: "home", deadProperties: [DeadProperty(namespace: "urn:x", name: "p", xml: "<p/>")]))
        let put = try await first.putObject(calendarID: calendar.id, name: "a.ics", data: data,
                                            index: .init(uid: "u", componentType: "VEVENT", firstStart: 10, lastEnd: 20,
                                                         instances: [.init(start: 10, end: 20)], horizon: nil),
                                            precondition: .mustNotExist)
        first.close()

        let second = try SQLiteStore(path: database.path)
        defer { second.close() }
        #expect(try await second.user(named: "alice") == user)
        let reopened = try await second.calendar(id: calendar.id)
        #expect(reopened?.deadProperties == calendar.deadProperties)
        #expect(reopened?.revision == put.object.revision)
        #expect(try await second.object(calendarID: calendar.id, name: "a.ics") == put.object)
        let found = try await second.objects(calendarID: calendar.id, componentType: nil,
                                             overlapping: TimeWindow(start: 15, end: 16))
        #expect(found.map(\.name) == ["a.ics"])
    }

    @Test func nonUTF8BytesRoundTrip() async throws {
        let database = try TemporaryDatabase()
        defer { database.remove() }
        let store = try SQLiteStore(path: database.path)
        defer { store.close() }
        let user = try await store.createUser(NewUser(name: "alice", passwordHash: "h"))
        let calendar = try await store.createCalendar(NewCalendar(ownerID: user.id, slug: "home"))
        // Invalid UTF-8 (lone continuation byte, overlong form, truncated sequence) and NUL must survive as a BLOB.
        let data: [UInt8] = [0x80, 0xC0, 0xAF, 0xE2, 0x82, 0x00, 0x00, 0xFF] + Array("SUMMARY:x\r\n".utf8)
        let index = ObjectIndex(uid: "u", componentType: "VTODO", firstStart: nil, lastEnd: nil, instances: [],
                                horizon: nil)
        _ = try await store.putObject(calendarID: calendar.id, name: "t.ics", data: data, index: index,
                                      precondition: .none)
        let stored = try await store.object(calendarID: calendar.id, name: "t.ics")
        #expect(stored?.data == data)
        #expect(stored?.etag == ETag(of: data))
        let type = try store.pool.withReaderBlocking { db in
            try db.queryFirst("SELECT typeof(data) FROM objects WHERE name = \("t.ics")") { $0.text(0) }
        }
        #expect(type == "blob")
    }

    @Test func migrationsAreIdempotent() async throws {
        let database = try TemporaryDatabase()
        defer { database.remove() }
        let first = try SQLiteStore(path: database.path)
        _ = try await first.createUser(NewUser(name: "alice", passwordHash: "h"))
        let schema = try Self.schema(first)
        first.close()
        for _ in 0..<2 {
            let again = try SQLiteStore(path: database.path)
            #expect(try Self.schema(again) == schema)
            #expect(try again.pool.withReaderBlocking { try $0.queryFirst("PRAGMA user_version") { $0.int(0) } }
                == SchemaMigrations.latestVersion)
            #expect(try await again.users().map(\.name) == ["alice"])
            again.close()
        }
    }

    @Test func newerSchemaIsRefused() throws {
        let database = try TemporaryDatabase()
        defer { database.remove() }
        let store = try SQLiteStore(path: database.path)
        try store.pool.withWriterBlocking { db in
            try db.execute(script: "PRAGMA user_version = \(SchemaMigrations.latestVersion + 1)")
        }
        store.close()
        #expect(throws: StoreError.self) { try SQLiteStore(path: database.path) }
    }

    @Test func journalIsWALWithFullSyncAndForeignKeys() throws {
        let database = try TemporaryDatabase()
        defer { database.remove() }
        let store = try SQLiteStore(path: database.path)
        defer { store.close() }
        #expect(try store.pool.withReaderBlocking(Self.pragmas) == ["wal", "2", "1"])
        #expect(try store.pool.withWriterBlocking(Self.pragmas) == ["wal", "2", "1"])
    }

    /// Readers work from WAL snapshots beside the writer: mixed concurrent calls neither fail (no SQLITE_BUSY)
    /// nor see a half-written object.
    @Test func readsRunBesideWrites() async throws {
        let database = try TemporaryDatabase()
        defer { database.remove() }
        let store = try SQLiteStore(path: database.path, readers: 3)
        defer { store.close() }
        let user = try await store.createUser(NewUser(name: "alice", passwordHash: "h"))
        let calendarID = try await store.createCalendar(NewCalendar(ownerID: user.id, slug: "home")).id
        try await withThrowingTaskGroup(of: Void.self) { group in
            for number in 0..<40 {
                group.addTask {
                    if number.isMultiple(of: 4) {
                        let data = Array(repeating: UInt8(number), count: 10_000)
                        _ = try await store.putObject(
                            calendarID: calendarID, name: "n\(number).ics", data: data,
                            index: ObjectIndex(uid: "n\(number)", componentType: "VTODO", firstStart: nil, lastEnd: nil,
                                               instances: [], horizon: nil),
                            precondition: .mustNotExist)
                    } else {
                        for object in try await store.objects(calendarID: calendarID) {
                            #expect(object.etag == ETag(of: object.data))
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await store.objectSummaries(calendarID: calendarID).count == 10)
    }

    @Test func closedStoreRefusesCalls() async throws {
        let database = try TemporaryDatabase()
        defer { database.remove() }
        let store = try SQLiteStore(path: database.path)
        store.close()
        await #expect(throws: StoreError.backend("the store is closed")) { try await store.users() }
    }

    @Test func unopenablePathIsABackendError() {
        #expect(throws: StoreError.self) { try SQLiteStore(path: "/nonexistent-directory/almanac/db.sqlite") }
    }

    /// journal_mode, synchronous (2 is FULL), foreign_keys.
    private static func pragmas(_ db: SQLiteConnection) throws -> [String] {
        try ["journal_mode", "synchronous", "foreign_keys"].map { pragma in
            try db.query(SQL(stringLiteral: "PRAGMA \(pragma)")) { $0.text(0) }.joined()
        }
    }

    private static func schema(_ store: SQLiteStore) throws -> [String] {
        try store.pool.withReaderBlocking { db in
            try db.query("SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY name") { $0.text(0) }
        }
    }
}
