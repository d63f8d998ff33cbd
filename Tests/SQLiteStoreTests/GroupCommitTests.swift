import CalendarStore
import Testing
@testable import SQLiteStore

/// Group commit: concurrent writes share one transaction and one sync, each keeps its own outcome, and none is
/// acknowledged unless its transaction committed.
struct GroupCommitTests {
    @Test func concurrentWritesShareOneCommit() async throws {
        let database = try TemporaryDatabase()
        defer { database.remove() }
        let store = try SQLiteStore(path: database.path)
        defer { store.close() }
        let calendarID = try await Self.calendar(store)
        let commitsBefore = store.pool.commitCount
        let pause = WriterPause(store)
        // Every eighth write is refused by its precondition; it must fail alone inside the shared transaction.
        async let outcomes = Self.race(64) { number throws(StoreError) in
            try await store.putObject(calendarID: calendarID, name: "w\(number).ics", data: Array("w\(number)".utf8),
                                      index: Self.event("w\(number)"),
                                      precondition: number.isMultiple(of: 8) ? .mustExist : .mustNotExist)
        }
        try await pause.waitForPendingWrites(64)
        pause.resume()
        let results = await outcomes
        #expect(store.pool.commitCount - commitsBefore == 1)
        for (number, result) in results {
            if number.isMultiple(of: 8) {
                #expect(throws: StoreError.notFound) { try result.get() }
            } else {
                let stored = try await store.object(calendarID: calendarID, name: "w\(number).ics")
                #expect(stored?.etag == (try result.get()).object.etag)
            }
        }
        #expect(try await store.objectSummaries(calendarID: calendarID).count == 56)
        let revisions = results.compactMap { try? $0.1.get().object.revision }
        #expect(Set(revisions).count == 56)
    }

    @Test func batchesAreBounded() async throws {
        let database = try TemporaryDatabase()
        defer { database.remove() }
        let store = try SQLiteStore(path: database.path, readers: 1, writeBatchLimit: 10)
        defer { store.close() }
        let calendarID = try await Self.calendar(store)
        let commitsBefore = store.pool.commitCount
        let pause = WriterPause(store)
        async let outcomes = Self.race(25) { number throws(StoreError) in
            try await store.putObject(calendarID: calendarID, name: "w\(number).ics", data: [UInt8(number)],
                                      index: Self.event("w\(number)"), precondition: .none)
        }
        try await pause.waitForPendingWrites(25)
        pause.resume()
        #expect(await outcomes.allSatisfy { (try? $0.1.get()) != nil })
        #expect(store.pool.commitCount - commitsBefore == 3)
    }

    /// A deferred foreign key makes COMMIT itself fail: every write of the batch fails, none is stored, and the
    /// writer goes on with the next batch.
    @Test func failedCommitFailsTheWholeBatch() async throws {
        let database = try TemporaryDatabase()
        defer { database.remove() }
        let store = try SQLiteStore(path: database.path)
        defer { store.close() }
        let calendarID = try await Self.calendar(store)
        try store.pool.withWriterBlocking { db in
            try db.execute(script: """
                CREATE TABLE test_parent (id INTEGER PRIMARY KEY);
                CREATE TABLE test_child (parent INTEGER REFERENCES test_parent(id) DEFERRABLE INITIALLY DEFERRED);
                """)
        }
        let commitsBefore = store.pool.commitCount
        let pause = WriterPause(store)
        async let first = Self.outcome { () throws(StoreError) in
            try await store.putObject(calendarID: calendarID, name: "a.ics", data: [1], index: Self.event("a"),
                                      precondition: .none)
        }
        try await pause.waitForPendingWrites(1)
        async let poison: Result<Void, StoreError> = Self.outcome { () throws(StoreError) in
            try await store.pool.write { db in _ = try db.run("INSERT INTO test_child (parent) VALUES (42)") }
        }
        try await pause.waitForPendingWrites(2)
        async let last = Self.outcome { () throws(StoreError) in
            try await store.putObjects(calendarID: calendarID, [ObjectWrite(name: "b.ics", data: [2],
                                                                            index: Self.event("b"))])
        }
        try await pause.waitForPendingWrites(3)
        pause.resume()
        for failure in [await first.map { _ in () }, await poison, await last.map { _ in () }] {
            guard case .failure(.backend) = failure else {
                Issue.record("expected a backend failure, got \(failure)")
                continue
            }
        }
        #expect(try await store.objects(calendarID: calendarID).isEmpty)
        #expect(store.pool.commitCount == commitsBefore)
        _ = try await store.putObject(calendarID: calendarID, name: "c.ics", data: [3], index: Self.event("c"),
                                      precondition: .none)
        #expect(try await store.objects(calendarID: calendarID).map(\.name) == ["c.ics"])
    }

    @Test func putObjectsIsOneCommit() async throws {
        let database = try TemporaryDatabase()
        defer { database.remove() }
        let store = try SQLiteStore(path: database.path)
        defer { store.close() }
        let calendarID = try await Self.calendar(store)
        let commitsBefore = store.pool.commitCount
        let writes = (0..<500).map { ObjectWrite(name: "n\($0).ics", data: Array("n\($0)".utf8), index: Self.event("n\($0)")) }
        let results = try await store.putObjects(calendarID: calendarID, writes)
        #expect(results.allSatisfy { (try? $0.get()) != nil })
        #expect(store.pool.commitCount - commitsBefore == 1)
    }

    /// Each acknowledged write is visible to the very next read, whichever reader serves it.
    @Test func readsSeeAcknowledgedWrites() async throws {
        let database = try TemporaryDatabase()
        defer { database.remove() }
        let store = try SQLiteStore(path: database.path, readers: 3)
        defer { store.close() }
        let calendarID = try await Self.calendar(store)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<4 {
                group.addTask {
                    for number in 0..<25 {
                        let name = "w\(writer)-\(number).ics"
                        let put = try await store.putObject(calendarID: calendarID, name: name, data: Array(name.utf8),
                                                            index: Self.event(name), precondition: .none)
                        #expect(try await store.object(calendarID: calendarID, name: name)?.etag == put.object.etag)
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    static func calendar(_ store: SQLiteStore) async throws -> Int64 {
        let user = try await store.createUser(NewUser(name: "alice", passwordHash: "h"))
        return try await store.createCalendar(NewCalendar(ownerID: user.id, slug: "home")).id
    }

    static func event(_ uid: String) -> ObjectIndex {
        ObjectIndex(uid: uid, componentType: "VEVENT", firstStart: 1_000, lastEnd: 2_000,
                    instances: [InstanceInterval(start: 1_000, end: 2_000)], horizon: nil)
    }

    static func outcome<T: Sendable>(_ body: () async throws(StoreError) -> T) async -> Result<T, StoreError> {
        do throws(StoreError) { return .success(try await body()) } catch { return .failure(error) }
    }

    /// Runs `count` writes at once; their outcomes by number.
    static func race<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) async throws(StoreError) -> T)
        async -> [(Int, Result<T, StoreError>)] {
        await withTaskGroup(of: (Int, Result<T, StoreError>).self) { group in
            for number in 0..<count {
                group.addTask { (number, await outcome { () throws(StoreError) in try await body(number) }) }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
    }
}
