import CalendarStore
import Testing
@testable import SQLiteStore

/// The access model asks `effectiveRole` on every request: its plan is key searches only, driven by the user's
/// group memberships, so its cost never follows the calendar's other grants. The sharee's listing and the lookups
/// the foreign-key cascades make are index searches too.
struct SharingQueryPlanTests {
    @Test func effectiveRoleSearchesKeysOnly() async throws {
        try await Self.withPopulatedStore { store, calendarID, userID in
            let plan = try QueryPlanTests.plan(store, SQLiteStore.effectiveRoleQuery(calendarID: calendarID,
                                                                                    userID: userID))
            #expect(plan.contains { $0.contains("SEARCH calendar_user_grants USING PRIMARY KEY (calendar_id=? AND user_id=?)") },
                    "\(plan)")
            #expect(plan.contains { $0.contains("COVERING INDEX group_members_by_user (user_id=?)") }, "\(plan)")
            #expect(plan.contains { $0.contains("USING PRIMARY KEY (calendar_id=? AND group_id=?)") }, "\(plan)")
            #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
            QueryPlanTests.expectNoTableScan(plan)
        }
    }

    @Test func sharedCalendarsSearchTheGranteeIndexes() async throws {
        try await Self.withPopulatedStore { store, _, userID in
            let plan = try QueryPlanTests.plan(store, SQLiteStore.reachingGrantsQuery(userID: userID))
            #expect(plan.contains { $0.contains("calendar_user_grants_by_user (user_id=?)") }, "\(plan)")
            #expect(plan.contains { $0.contains("group_members_by_user (user_id=?)") }, "\(plan)")
            #expect(plan.contains { $0.contains("calendar_group_grants_by_group (group_id=?)") }, "\(plan)")
            QueryPlanTests.expectNoTableScan(plan)
        }
    }

    @Test func objectGrantsOfAUserWalkTheUserIndexInOrder() async throws {
        try await Self.withPopulatedStore { store, _, userID in
            let plan = try QueryPlanTests.plan(store, SQLiteStore.objectGrantQuery
                                                   + " WHERE user_id = \(userID) ORDER BY calendar_id, object_name")
            #expect(plan.contains { $0.contains("object_grants_by_user (user_id=?)") }, "\(plan)")
            #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "no sort: \(plan)")
            QueryPlanTests.expectNoTableScan(plan)
        }
    }

    /// What the ON DELETE CASCADE actions of users, groups, calendars and objects look up in the new tables.
    @Test(arguments: [
        "DELETE FROM group_members WHERE user_id = 1",
        "DELETE FROM group_members WHERE group_id = 1",
        "DELETE FROM calendar_user_grants WHERE user_id = 1",
        "DELETE FROM calendar_user_grants WHERE calendar_id = 1",
        "DELETE FROM calendar_group_grants WHERE group_id = 1",
        "DELETE FROM calendar_group_grants WHERE calendar_id = 1",
        "DELETE FROM sharee_presentations WHERE user_id = 1",
        "DELETE FROM sharee_presentations WHERE calendar_id = 1",
        "DELETE FROM object_grants WHERE user_id = 1",
        "DELETE FROM object_grants WHERE calendar_id = 1 AND object_name = 'e1.ics'",
    ])
    func cascadeLookupsSearchAnIndex(statement: String) async throws {
        try await Self.withPopulatedStore { store, _, _ in
            let plan = try QueryPlanTests.plan(store, SQL(stringLiteral: statement))
            #expect(plan.contains { $0.hasPrefix("SEARCH") }, "\(plan)")
            QueryPlanTests.expectNoTableScan(plan)
        }
    }

    /// Users and groups; a calendar shared with most users and every group, its objects shared too; `body` gets the
    /// store, that calendar and a user who is a member of several groups.
    private static func withPopulatedStore(_ body: (SQLiteStore, Int64, Int64) async throws -> Void) async throws {
        let database = try TemporaryDatabase()
        defer { database.remove() }
        let store = try SQLiteStore(path: database.path)
        defer { store.close() }
        var users: [User] = []
        for number in 0..<40 {
            users.append(try await store.createUser(NewUser(name: "user\(number)", passwordHash: "h")))
        }
        var groups: [GroupRecord] = []
        for number in 0..<8 {
            let group = try await store.createGroup(NewGroup(name: "group\(number)"))
            groups.append(group)
            for user in users where user.id % 8 == Int64(number) || user.id % 5 == Int64(number) {
                try await store.addMember(groupID: group.id, userID: user.id)
            }
        }
        let owner = users[0]
        let calendar = try await store.createCalendar(NewCalendar(ownerID: owner.id, slug: "home"))
        _ = try await store.putObjects(calendarID: calendar.id, (0..<20).map { number in
            ObjectWrite(name: "e\(number).ics", data: Array("\(number)".utf8),
                        index: ObjectIndex(uid: "e\(number)", componentType: "VEVENT", firstStart: 0, lastEnd: 60,
                                           instances: [InstanceInterval(start: 0, end: 60)], horizon: nil))
        })
        for user in users.dropFirst() {
            _ = try await store.setGrant(calendarID: calendar.id, grantee: .user(user.id), role: .read,
                                         state: .accepted, grantedBy: owner.id)
            _ = try await store.setObjectGrant(calendarID: calendar.id, objectName: "e\(user.id % 20).ics",
                                               userID: user.id, role: .read, grantedBy: owner.id)
            try await store.setShareePresentation(calendarID: calendar.id, userID: user.id, displayName: "Shared",
                                                  color: nil)
        }
        for group in groups {
            _ = try await store.setGrant(calendarID: calendar.id, grantee: .group(group.id), role: .write,
                                         state: .accepted, grantedBy: owner.id)
        }
        let member = users[1]
        for group in groups.prefix(3) { try await store.addMember(groupID: group.id, userID: member.id) }
        try await body(store, calendar.id, member.id)
    }
}
