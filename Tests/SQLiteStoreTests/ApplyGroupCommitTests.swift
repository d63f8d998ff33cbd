import CalendarStore
import Testing
@testable import SQLiteStore

/// `apply` is one write job of the group commit: it shares a transaction with other writes, and when one of its
/// changes is refused, all of its changes are undone and nothing of the other writes is.
struct ApplyGroupCommitTests {
    @Test func refusedApplyIsUndoneAloneInASharedCommit() async throws {
        let database = try TemporaryDatabase()
        defer { database.remove() }
        let store = try SQLiteStore(path: database.path)
        defer { store.close() }
        let calendarID = try await GroupCommitTests.calendar(store)
        let commitsBefore = store.pool.commitCount
        let pause = WriterPause(store)
        async let before = GroupCommitTests.outcome { () throws(StoreError) in
            try await store.putObject(calendarID: calendarID, name: "a.ics", data: [1],
                                      index: GroupCommitTests.event("a"), precondition: .none)
        }
        try await pause.waitForPendingWrites(1)
        async let refused = GroupCommitTests.outcome { () throws(StoreError) in
            try await store.apply([
                .put(calendarID: calendarID, ObjectWrite(name: "b.ics", data: [2], index: GroupCommitTests.event("b"))),
                .put(calendarID: calendarID, ObjectWrite(name: "c.ics", data: [3], index: GroupCommitTests.event("c"),
                                                         precondition: .mustExist)),
            ])
        }
        try await pause.waitForPendingWrites(2)
        async let accepted = GroupCommitTests.outcome { () throws(StoreError) in
            try await store.apply([
                .put(calendarID: calendarID, ObjectWrite(name: "d.ics", data: [4], index: GroupCommitTests.event("d"))),
                .put(calendarID: calendarID, ObjectWrite(name: "e.ics", data: [5], index: GroupCommitTests.event("e"))),
            ])
        }
        try await pause.waitForPendingWrites(3)
        pause.resume()
        let outcomes = (await before.map { _ in 0 }, await refused.map(\.count), await accepted.map(\.count))
        #expect((try? outcomes.0.get()) != nil)
        #expect(throws: StoreError.changeFailed(index: 1, reason: .notFound)) { try outcomes.1.get() }
        #expect((try? outcomes.2.get()) == 2)
        #expect(store.pool.commitCount - commitsBefore == 1, "one shared commit")
        #expect(try await store.objects(calendarID: calendarID).map(\.name) == ["a.ics", "d.ics", "e.ics"])
        let revisions = try await store.objects(calendarID: calendarID).map(\.revision)
        #expect(Set(revisions).count == 3, "every applied put has its own revision: \(revisions)")
    }
}
