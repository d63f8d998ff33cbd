import CalendarStore
import CalendarStoreTesting
import Testing
@testable import SQLiteStore

/// The FTS5 index follows every change of `objects`: FTS5's own integrity check, comparing the index with the text
/// stored in `objects`, passes after puts, replacements, re-indexing, moves and cascading deletes.
struct TextIndexTests {
    @Test func indexMatchesTheStoredText() async throws {
        let database = try TemporaryDatabase()
        defer { database.remove() }
        let store = try SQLiteStore(path: database.path)
        defer { store.close() }
        let alice = try await store.createUser(NewUser(name: "alice", passwordHash: "h"))
        let bob = try await store.createUser(NewUser(name: "bob", passwordHash: "h"))
        let home = try await store.createCalendar(NewCalendar(ownerID: alice.id, slug: "home"))
        let work = try await store.createCalendar(NewCalendar(ownerID: alice.id, slug: "work"))
        let bobs = try await store.createCalendar(NewCalendar(ownerID: bob.id, slug: "home"))
        for calendar in [home, work, bobs] {
            let writes = (0..<20).map { number in
                ObjectWrite(name: "n\(number).ics", data: Array("\(calendar.id)-\(number)".utf8),
                            index: Self.index("\(calendar.id)-\(number)", summary: "Meeting \(number)", location: "Room \(number)"))
            }
            _ = try await store.putObjects(calendarID: calendar.id, writes)
        }
        try Self.checkIntegrity(store)
        _ = try await store.putObject(calendarID: home.id, name: "n1.ics", data: [1],
                                      index: Self.index("\(home.id)-1", summary: "Lunch", location: ""), precondition: .none)
        let n2 = try #require(try await store.object(calendarID: home.id, name: "n2.ics"))
        _ = try await store.updateIndex(calendarID: home.id, name: "n2.ics", etag: n2.etag,
                                        index: Self.index("\(home.id)-2", summary: "Meeting 2 (moved)", location: "Hall"))
        _ = try await store.moveObject(fromCalendarID: home.id, name: "n3.ics", toCalendarID: work.id,
                                       newName: "moved.ics", overwrite: false, ifMatch: nil)
        _ = try await store.moveObject(fromCalendarID: home.id, name: "n4.ics", toCalendarID: work.id,
                                       newName: "n5.ics", overwrite: true, ifMatch: nil)
        try await store.deleteObject(calendarID: home.id, name: "n6.ics", ifMatch: nil)
        try Self.checkIntegrity(store)
        try await store.deleteCalendar(id: work.id)
        try await store.deleteUser(id: bob.id)
        try Self.checkIntegrity(store)
        let meetings = try await store.objects(
            calendarID: home.id, matching: ObjectQuery(text: [TextCondition(field: .summary, needle: "meeting")]),
            after: nil, limit: nil)
        #expect(meetings.count == 16, "20 less the replaced, moved (2) and deleted ones: \(meetings.map(\.name))")
        let total = try store.pool.withReaderBlocking { db in
            try db.queryFirst("SELECT count(*) FROM object_text") { $0.int(0) }
        }
        #expect(total == 17, "one FTS row per remaining object")
    }

    /// `rank = 1` makes FTS5 also compare the index with the content table.
    static func checkIntegrity(_ store: SQLiteStore, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try store.pool.withWriterBlocking { db in
            try db.execute(script: "INSERT INTO object_text (object_text, rank) VALUES ('integrity-check', 1)")
        }
    }

    static func index(_ uid: String, summary: String, location: String) -> ObjectIndex {
        ObjectIndex(uid: uid, componentType: "VEVENT", firstStart: 0, lastEnd: 10,
                    instances: [InstanceInterval(start: 0, end: 10)], horizon: nil,
                    text: IndexedText(summary: summary, location: location))
    }
}
