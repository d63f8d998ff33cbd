import CalendarStore
import Testing
@testable import SQLiteStore

/// Acknowledged writes are in the database file: another store opened on the file while the first is still open
/// (as after a kill -9, with the WAL not checkpointed) sees them, and so does a store opened after close.
struct DurabilityTests {
    @Test func acknowledgedWritesAreInTheFile() async throws {
        let database = try TemporaryDatabase()
        defer { database.remove() }
        let first = try SQLiteStore(path: database.path)
        let calendarID = try await GroupCommitTests.calendar(first)
        let pause = WriterPause(first)
        async let grouped = GroupCommitTests.race(16) { number throws(StoreError) in
            try await first.putObject(calendarID: calendarID, name: "g\(number).ics", data: [UInt8(number)],
                                      index: GroupCommitTests.event("g\(number)"), precondition: .mustNotExist)
        }
        try await pause.waitForPendingWrites(16)
        pause.resume()
        #expect(await grouped.allSatisfy { (try? $0.1.get()) != nil })
        let bulk = (0..<100).map { ObjectWrite(name: "b\($0).ics", data: [UInt8($0)], index: GroupCommitTests.event("b\($0)")) }
        _ = try await first.putObjects(calendarID: calendarID, bulk)
        let g0 = try #require(try await first.object(calendarID: calendarID, name: "g0.ics"))
        var reindexed = g0.index
        reindexed.text = IndexedText(summary: "Reindexed")
        #expect(try await first.updateIndex(calendarID: calendarID, name: "g0.ics", etag: g0.etag, index: reindexed))
        let expected = try await first.objects(calendarID: calendarID)
        #expect(expected.count == 116)

        let beside = try SQLiteStore(path: database.path)
        #expect(try await beside.objects(calendarID: calendarID) == expected, "seen by another store before close")
        beside.close()
        first.close()

        let reopened = try SQLiteStore(path: database.path)
        defer { reopened.close() }
        #expect(try await reopened.objects(calendarID: calendarID) == expected, "after close and reopen")
        let found = try await reopened.objects(
            calendarID: calendarID, matching: ObjectQuery(text: [TextCondition(field: .summary, needle: "reindexed")]),
            after: nil, limit: nil)
        #expect(found.map(\.name) == ["g0.ics"])
    }

    /// An acknowledged `apply` is in the file, every part of it: the puts of both calendars with their Schedule-Tags,
    /// the delete, the queued message, the revisions and change logs.
    @Test func acknowledgedApplyIsInTheFile() async throws {
        let database = try TemporaryDatabase()
        defer { database.remove() }
        let first = try SQLiteStore(path: database.path)
        let home = try await GroupCommitTests.calendar(first)
        let owner = try #require(try await first.calendar(id: home)).ownerID
        let work = try await first.createCalendar(NewCalendar(ownerID: owner, slug: "work")).id
        _ = try await first.putObject(calendarID: work, name: "old.ics", data: [0], index: GroupCommitTests.event("old"),
                                      precondition: .none)
        var tagged = GroupCommitTests.event("meeting")
        tagged.scheduleTag = "7"
        let message = NewOutgoingMessage(senderUserID: owner, envelopeFrom: "a@example.com",
                                         envelopeTo: "b@example.net", messageID: "m@example.com", method: "REQUEST",
                                         uid: "meeting", content: Array("Subject: x\r\n\r\nbody".utf8))
        let results = try await first.apply([
            .put(calendarID: home, ObjectWrite(name: "organizer.ics", data: [1], index: tagged)),
            .put(calendarID: work, ObjectWrite(name: "copy.ics", data: [2], index: tagged)),
            .delete(calendarID: work, name: "old.ics", ifMatch: nil),
            .enqueue(message),
        ])
        guard case .enqueued(let queued) = results.last else {
            Issue.record("results: \(results)")
            return
        }
        let expected = (try await first.objects(ownerID: owner, uid: "meeting"),
                        try await first.calendars(ownerID: owner),
                        try await first.changes(calendarID: work, since: 1, limit: nil))
        #expect(expected.0.map(\.index.scheduleTag) == ["7", "7"])

        let beside = try SQLiteStore(path: database.path)
        #expect(try await beside.objects(ownerID: owner, uid: "meeting") == expected.0, "seen before close")
        beside.close()
        first.close()

        let reopened = try SQLiteStore(path: database.path)
        defer { reopened.close() }
        #expect(try await reopened.objects(ownerID: owner, uid: "meeting") == expected.0)
        #expect(try await reopened.calendars(ownerID: owner) == expected.1, "revisions")
        #expect(try await reopened.changes(calendarID: work, since: 1, limit: nil) == expected.2, "change log")
        #expect(try await reopened.object(calendarID: work, name: "old.ics") == nil)
        #expect(try await reopened.outgoingMessage(id: queued.id) == queued)
        #expect(try await reopened.dueOutgoingMessages(now: queued.createdAt, limit: 10) == [queued])
    }
}
