import CalendarStore
import CalendarStoreTesting
import Testing
@testable import Calendaring

/// Who reaches a calendar or an object, and with what: the owner, grants to users and groups, single-object grants,
/// and revocation taking effect on the next call.
@Suite struct AccessResolverTests {
    struct World {
        let store = InMemoryStore()
        var owner: User!, reader: User!, member: User!, stranger: User!
        var calendar: CalendarRecord!
        var team: GroupRecord!

        static func make() async throws -> World {
            var world = World()
            let store = world.store
            world.owner = try await store.createUser(NewUser(name: "owner", passwordHash: "x"))
            world.reader = try await store.createUser(NewUser(name: "reader", passwordHash: "x"))
            world.member = try await store.createUser(NewUser(name: "member", passwordHash: "x"))
            world.stranger = try await store.createUser(NewUser(name: "stranger", passwordHash: "x"))
            world.calendar = try await store.createCalendar(NewCalendar(ownerID: world.owner.id, slug: "work"))
            for name in ["lunch.ics", "other.ics"] {
                let uid = String(name.dropLast(4))
                _ = try await store.putObject(calendarID: world.calendar.id, name: name, data: calendarBytes(
                    "BEGIN:VEVENT\nUID:\(uid)\nDTSTAMP:20240101T000000Z\nDTSTART:20240110T120000Z\nEND:VEVENT"),
                    index: ObjectIndex(uid: uid, componentType: "VEVENT", firstStart: nil, lastEnd: nil, instances: [],
                                       horizon: nil),
                    precondition: .none)
            }
            world.team = try await store.createGroup(NewGroup(name: "team"))
            try await store.addMember(groupID: world.team.id, userID: world.member.id)
            return world
        }

        var resolver: AccessResolver { AccessResolver(store: store) }
    }

    @Test func privilegesGrowWithTheRole() {
        var previous = CalendarPrivileges()
        for role in CalendarRole.allCases {
            let privileges = CalendarPrivileges(role)
            #expect(privileges.isStrictSuperset(of: previous), "\(role)")
            previous = privileges
        }
        #expect(CalendarPrivileges(.manage).contains(.share) && !CalendarPrivileges(.write).contains(.share))
        #expect(!CalendarPrivileges(.manage).contains(.deleteCalendar) && CalendarAccess.owner.allows(.deleteCalendar))
        #expect(CalendarPrivileges(.freeBusy) == [.readFreeBusy])
    }

    @Test func theOwnerGrantsAndGroupsDecide() async throws {
        let w = try await World.make()
        _ = try await w.store.setGrant(calendarID: w.calendar.id, grantee: .user(w.reader.id), role: .read, state: .accepted,
                                   grantedBy: w.owner.id)
        _ = try await w.store.setGrant(calendarID: w.calendar.id, grantee: .group(w.team.id), role: .write, state: .accepted,
                                   grantedBy: w.owner.id)
        #expect(try await w.resolver.access(of: w.owner.id, to: w.calendar) == .owner)
        #expect(try await w.resolver.access(of: w.reader.id, to: w.calendar) == .shared(.read))
        #expect(try await w.resolver.access(of: w.member.id, to: w.calendar) == .shared(.write))
        #expect(try await w.resolver.access(of: w.stranger.id, to: w.calendar) == CalendarAccess.none)
        #expect(!(try await w.resolver.access(of: w.reader.id, to: w.calendar)).seesEveryDetail)

        // Revocation and leaving the group count on the very next call.
        try await w.store.revokeGrant(calendarID: w.calendar.id, grantee: .user(w.reader.id))
        try await w.store.removeMember(groupID: w.team.id, userID: w.member.id)
        #expect(try await w.resolver.access(of: w.reader.id, to: w.calendar) == CalendarAccess.none)
        #expect(try await w.resolver.access(of: w.member.id, to: w.calendar) == CalendarAccess.none)
    }

    @Test func anInvitationGivesNoAccessUntilAccepted() async throws {
        let w = try await World.make()
        _ = try await w.store.setGrant(calendarID: w.calendar.id, grantee: .user(w.reader.id), role: .write, state: .invited,
                                   grantedBy: w.owner.id)
        #expect(try await w.resolver.access(of: w.reader.id, to: w.calendar) == CalendarAccess.none)
        _ = try await w.store.setGrant(calendarID: w.calendar.id, grantee: .user(w.reader.id), role: .write, state: .accepted,
                                   grantedBy: w.owner.id)
        #expect(try await w.resolver.access(of: w.reader.id, to: w.calendar) == .shared(.write))
    }

    @Test func oneSharedEventReachesItsGranteeAndNothingElse() async throws {
        let w = try await World.make()
        _ = try await w.store.setObjectGrant(calendarID: w.calendar.id, objectName: "lunch.ics", userID: w.stranger.id,
                                         role: .read, grantedBy: w.owner.id)
        #expect(try await w.resolver.access(of: w.stranger.id, to: "lunch.ics", in: w.calendar) == .object(.read))
        #expect(try await w.resolver.access(of: w.stranger.id, to: "other.ics", in: w.calendar) == ObjectAccess.none)
        #expect(try await w.resolver.access(of: w.stranger.id, to: w.calendar) == CalendarAccess.none)
        #expect(ObjectAccess.object(.write).privileges == [.readFreeBusy, .read, .writeContent])

        // A read sharee of the calendar given one event to edit edits that one; the owner is never looked past.
        _ = try await w.store.setGrant(calendarID: w.calendar.id, grantee: .user(w.reader.id), role: .read, state: .accepted,
                                   grantedBy: w.owner.id)
        _ = try await w.store.setObjectGrant(calendarID: w.calendar.id, objectName: "lunch.ics", userID: w.reader.id,
                                         role: .write, grantedBy: w.owner.id)
        #expect(try await w.resolver.access(of: w.reader.id, to: "lunch.ics", in: w.calendar) == .object(.write))
        #expect(try await w.resolver.access(of: w.reader.id, to: "other.ics", in: w.calendar) == .calendar(.shared(.read)))
        #expect(try await w.resolver.access(of: w.owner.id, to: "lunch.ics", in: w.calendar) == .calendar(.owner))
    }
}
