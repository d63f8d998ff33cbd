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

    /// A version-2 database (text index, no scheduling) gains the Schedule-Tag column, the e-mail index and the
    /// outgoing queue; its rows keep their data and index, have no Schedule-Tag, and take part in scheduling.
    @Test func version2DatabaseIsMigrated() async throws {
        let database = try TemporaryDatabase()
        defer { database.remove() }
        let data = Array("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".utf8)
        let instances = [InstanceInterval(start: 1_000, end: 2_000)]
        do {
            let connection = try SQLiteConnection(path: database.path, mode: .readWrite)
            defer { connection.close() }
            try connection.execute(script: SchemaMigrations.version1 + ";" + SchemaMigrations.version2
                                   + "; PRAGMA user_version = 2;")
            try connection.run("""
                INSERT INTO users (id, name, display_name, email, password_hash, is_admin, created_at)
                VALUES (1, 'alice', 'alice', 'Alice@Example.com', 'h', 0, 0), (2, 'bob', 'bob', '', 'h', 0, 0)
                """)
            try connection.run("""
                INSERT INTO calendars (id, owner_id, slug, display_name, description, color, sort_order, time_zone,
                                       supported_components, revision, max_instance_length, created_at)
                VALUES (1, 1, 'home', '', '', '', 0, '', 'VEVENT', 1, 1000, 0)
                """)
            try connection.run("""
                INSERT INTO objects (id, calendar_id, name, uid, component_type, etag, data, size, first_start,
                                     last_end, horizon, instances, revision, created_at, modified_at, expanded_until,
                                     is_exact, text_indexed, summary)
                VALUES (1, 1, 'old.ics', 'u', 'VEVENT', \(ETag(of: data).value), \(data), \(data.count), 1000, 2000,
                        NULL, \(InstanceBlob.encode(instances)), 1, 0, 0, NULL, 1, 1, 'Planning')
                """)
            try connection.run("INSERT INTO instances VALUES (1, 1, 1000, 2000)")
            try connection.run("INSERT INTO changes VALUES (1, 'old.ics', 1, 0)")
        }

        let store = try SQLiteStore(path: database.path)
        defer { store.close() }
        let version = try store.pool.withReaderBlocking { db in try db.queryFirst("PRAGMA user_version") { $0.int(0) } }
        #expect(version == SchemaMigrations.latestVersion)
        let old = try #require(try await store.object(calendarID: 1, name: "old.ics"))
        #expect(old.data == data)
        #expect(old.index.instances == instances)
        #expect(old.index.isExact)
        #expect(old.index.scheduleTag == nil)
        #expect(try await Self.textMatches(store, "planning") == ["old.ics"], "the text index still answers")
        #expect(try await store.user(email: "alice@EXAMPLE.com")?.name == "alice")
        #expect(try await store.user(email: "") == nil, "bob's empty address matches nothing")
        #expect(try await store.objects(ownerID: 1, uid: "u").map(\.name) == ["old.ics"])
        await #expect(throws: StoreError.etagMismatch(current: old.etag), "no Schedule-Tag before the migration") {
            try await store.putObject(calendarID: 1, name: "old.ics", data: data, index: old.index,
                                      precondition: .scheduleTagMatches("1"))
        }

        var tagged = old.index
        tagged.scheduleTag = "1"
        let message = NewOutgoingMessage(senderUserID: 1, envelopeFrom: "alice@example.com", envelopeTo: "x@example.net",
                                         messageID: "m1@example.com", method: "REQUEST", uid: "u", content: data)
        let results = try await store.apply([
            .put(calendarID: 1, ObjectWrite(name: "old.ics", data: data + [0x20], index: tagged,
                                            precondition: .etagMatches(old.etag))),
            .enqueue(message),
        ])
        guard case .put(let put) = results.first, case .enqueued(let queued) = results.last else {
            Issue.record("results: \(results)")
            return
        }
        #expect(put.object.revision == 2, "the revision continues")
        #expect(try await store.object(calendarID: 1, name: "old.ics")?.index.scheduleTag == "1")
        #expect(try await store.dueOutgoingMessages(now: queued.createdAt, limit: 10) == [queued])
        try TextIndexTests.checkIntegrity(store)
    }

    /// A version-4 database gains groups and sharing: its users, calendars and objects take part at once, a group
    /// cannot take an existing user's name, and an object grant on an old object follows its move.
    @Test func version4DatabaseIsMigrated() async throws {
        let database = try TemporaryDatabase()
        defer { database.remove() }
        let data = Array("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".utf8)
        do {
            let connection = try SQLiteConnection(path: database.path, mode: .readWrite)
            defer { connection.close() }
            try connection.execute(script: [SchemaMigrations.version1, SchemaMigrations.version2,
                                            SchemaMigrations.version3, SchemaMigrations.version4].joined(separator: ";")
                                   + "; PRAGMA user_version = 4;")
            try connection.run("""
                INSERT INTO users (id, name, display_name, email, password_hash, is_admin, created_at)
                VALUES (1, 'alice', 'alice', '', 'h', 0, 0), (2, 'bob', 'bob', '', 'h', 0, 0)
                """)
            try connection.run("""
                INSERT INTO calendars (id, owner_id, slug, display_name, description, color, sort_order, time_zone,
                                       supported_components, revision, max_instance_length, created_at)
                VALUES (1, 1, 'home', 'Home', '', '', 0, '', 'VEVENT', 1, 0, 0)
                """)
            try connection.run("""
                INSERT INTO objects (id, calendar_id, name, uid, component_type, etag, data, size, first_start,
                                     last_end, horizon, instances, revision, created_at, modified_at, expanded_until,
                                     is_exact, text_indexed)
                VALUES (1, 1, 'old.ics', 'u', 'VTODO', \(ETag(of: data).value), \(data), \(data.count), NULL, NULL,
                        NULL, \(InstanceBlob.encode([])), 1, 0, 0, NULL, 1, 1)
                """)
            try connection.run("INSERT INTO changes VALUES (1, 'old.ics', 1, 0)")
        }

        let store = try SQLiteStore(path: database.path)
        defer { store.close() }
        let version = try store.pool.withReaderBlocking { db in try db.queryFirst("PRAGMA user_version") { $0.int(0) } }
        #expect(version == SchemaMigrations.latestVersion)
        await #expect(throws: StoreError.alreadyExists, "alice is a user's name") {
            try await store.createGroup(NewGroup(name: "alice"))
        }
        let staff = try await store.createGroup(NewGroup(name: "staff"))
        try await store.addMember(groupID: staff.id, userID: 2)
        _ = try await store.setGrant(calendarID: 1, grantee: .group(staff.id), role: .read, state: .accepted,
                                     grantedBy: 1)
        #expect(try await store.effectiveRole(calendarID: 1, userID: 2) == .read)
        #expect(try await store.sharedCalendars(userID: 2).map(\.calendar.displayName) == ["Home"])
        _ = try await store.setObjectGrant(calendarID: 1, objectName: "old.ics", userID: 2, role: .write, grantedBy: 1)
        _ = try await store.moveObject(fromCalendarID: 1, name: "old.ics", toCalendarID: 1, newName: "moved.ics",
                                       overwrite: false, ifMatch: nil)
        #expect(try await store.objectGrants(userID: 2).map(\.objectName) == ["moved.ics"])
        #expect(try await store.calendar(id: 1)?.revision == 3, "the move took two revisions, grants none")
    }

    /// A version-11 database may hold names equal but for case and users sharing an address, which the store now
    /// refuses to create: the migration keeps them (no unique index fails on them), every account is active with no
    /// deletion due, tokens are personal, and `user(email:)` still picks the smallest id. New accounts meet the
    /// folded checks against the old ones.
    @Test func version11DatabaseIsMigrated() async throws {
        let database = try TemporaryDatabase()
        defer { database.remove() }
        do {
            let connection = try SQLiteConnection(path: database.path, mode: .readWrite)
            defer { connection.close() }
            try connection.execute(script: SchemaMigrations.all.prefix(11).joined(separator: ";")
                                   + "; PRAGMA user_version = 11;")
            try connection.run("""
                INSERT INTO users (id, name, display_name, email, password_hash, is_admin, created_at)
                VALUES (1, 'alice', 'alice', 'Team@example.com', 'h', 0, 0),
                       (2, 'Alice', 'Alice', 'team@EXAMPLE.com', 'h', 0, 0),
                       (3, 'bob', 'bob', '', 'h', 1, 0)
                """)
            try connection.run("""
                INSERT INTO access_tokens (id, user_id, label, token_hash, scopes, created_at, expires_at)
                VALUES (1, 3, 'script', 'ab12', 'admin', 0, 1)
                """)
            try connection.run("INSERT INTO user_settings (user_id, freebusy_visibility) VALUES (3, 'nobody')")
        }

        let store = try SQLiteStore(path: database.path)
        defer { store.close() }
        let version = try store.pool.withReaderBlocking { db in try db.queryFirst("PRAGMA user_version") { $0.int(0) } }
        #expect(version == SchemaMigrations.latestVersion)
        let users = try await store.users()
        #expect(users.map(\.name) == ["Alice", "alice", "bob"])
        #expect(users.allSatisfy { $0.status == .active && $0.deletionDueAt == nil })
        #expect(try await store.user(email: "TEAM@example.com")?.id == 1, "shared from before: the smallest id")
        #expect(try await store.accessToken(hash: "ab12")?.grantID == nil)
        #expect(try await store.freeBusyVisibility(userID: 3) == .nobody)
        #expect(try await store.userPreferences(userID: 3) == nil)
        try await store.setUserPreferences(userID: 3, "{}")
        #expect(try await store.freeBusyVisibility(userID: 3) == .nobody, "the settings row keeps its other column")
        await #expect(throws: StoreError.alreadyExists) {
            try await store.createUser(NewUser(name: "ALICE", passwordHash: "h"))
        }
        await #expect(throws: StoreError.alreadyExists) {
            try await store.createUser(NewUser(name: "carol", email: "team@example.com", passwordHash: "h"))
        }
        await #expect(throws: StoreError.alreadyExists, "alice cannot take the address she shares with Alice") {
            try await store.updateUser(id: 1, UserUpdate(email: "TEAM@example.com"))
        }
        let disabled = try await store.updateUser(id: 2, UserUpdate(email: "", status: .disabled))
        #expect(disabled.status == .disabled)
        #expect(try await store.updateUser(id: 1, UserUpdate(email: "TEAM@example.com")).email == "TEAM@example.com",
                "once the other holder gave it up")
    }

    private static func textMatches(_ store: SQLiteStore, _ needle: String) async throws -> [String] {
        try await store.objects(calendarID: 1, matching: ObjectQuery(text: [TextCondition(field: .summary,
                                                                                          needle: needle)]),
                                after: nil, limit: nil).map(\.name)
    }
}
