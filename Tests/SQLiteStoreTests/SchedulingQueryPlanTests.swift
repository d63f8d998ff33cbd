import CalendarStore
import Testing
@testable import SQLiteStore

/// The scheduling lookups and the outgoing queue are driven by indexes (a SEARCH, never a SCAN), so the delivery
/// service's polling and the calendar user address lookups cost the answer, not the database.
struct SchedulingQueryPlanTests {
    @Test func dueMessagesUseTheDueIndexInOrder() async throws {
        try await Self.withPopulatedStore { store, _ in
            let plan = try QueryPlanTests.plan(store, SQLiteStore.dueQuery(now: 1_000, limit: 10))
            #expect(plan.contains { $0.contains("outgoing_due") }, "\(plan)")
            #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "no sort: \(plan)")
            QueryPlanTests.expectNoTableScan(plan)
        }
    }

    @Test func senderListingUsesTheSenderIndexInOrder() async throws {
        try await Self.withPopulatedStore { store, userID in
            let plan = try QueryPlanTests.plan(store, SQLiteStore.listingQuery(senderUserID: userID, limit: 10))
            #expect(plan.contains { $0.contains("outgoing_by_sender") }, "\(plan)")
            #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "no sort: \(plan)")
            QueryPlanTests.expectNoTableScan(plan)
        }
    }

    @Test func userByEmailUsesTheEmailIndex() async throws {
        try await Self.withPopulatedStore { store, _ in
            let plan = try QueryPlanTests.plan(store, SQLiteStore.userByEmailQuery("user7@example.com"))
            #expect(plan.contains { $0.contains("users_by_email") }, "\(plan)")
            #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "no sort: \(plan)")
            QueryPlanTests.expectNoTableScan(plan)
        }
    }

    @Test func objectsByOwnerAndUIDUseTheUIDIndex() async throws {
        try await Self.withPopulatedStore { store, userID in
            let plan = try QueryPlanTests.plan(store, SQLiteStore.objectsQuery(ownerID: userID, uid: "e3"))
            #expect(plan.contains { $0.contains("calendar_id=? AND uid=?") }, "\(plan)")
            #expect(plan.contains { $0.contains("SEARCH calendars") && $0.contains("owner_id=?") }, "\(plan)")
            QueryPlanTests.expectNoTableScan(plan)
        }
    }

    /// Users with addresses, two calendars of events, and queued messages in every state, so the planner sees
    /// real rows; `body` gets the store and the first user's id.
    private static func withPopulatedStore(_ body: (SQLiteStore, Int64) async throws -> Void) async throws {
        let database = try TemporaryDatabase()
        defer { database.remove() }
        let store = try SQLiteStore(path: database.path)
        defer { store.close() }
        var first: Int64?
        for number in 0..<20 {
            let user = try await store.createUser(NewUser(name: "user\(number)", email: "user\(number)@example.com",
                                                          passwordHash: "h"))
            first = first ?? user.id
        }
        let owner = try #require(first)
        for slug in ["home", "work"] {
            let calendar = try await store.createCalendar(NewCalendar(ownerID: owner, slug: slug))
            let writes = (0..<30).map { number in
                ObjectWrite(name: "e\(number).ics", data: Array("\(slug) \(number)".utf8),
                            index: ObjectIndex(uid: "e\(number)", componentType: "VEVENT", firstStart: 0, lastEnd: 60,
                                               instances: [InstanceInterval(start: 0, end: 60)], horizon: nil))
            }
            _ = try await store.putObjects(calendarID: calendar.id, writes)
        }
        for number in 0..<30 {
            let message = NewOutgoingMessage(senderUserID: owner, envelopeFrom: "user0@example.com",
                                             envelopeTo: "x\(number)@example.net", messageID: "m\(number)@example.com",
                                             method: "REQUEST", uid: "e\(number)", content: [1])
            guard case .enqueued(let queued) = try await store.apply([.enqueue(message)]).first else { continue }
            if number.isMultiple(of: 3) {
                _ = try await store.recordDeliveryAttempt(outgoingID: queued.id, at: 0, outcome: .sent, detail: "250")
            }
        }
        try await body(store, owner)
    }
}
