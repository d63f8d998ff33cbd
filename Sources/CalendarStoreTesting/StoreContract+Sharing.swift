import CalendarStore

extension StoreContract {
    static let sharing: [ContractCheck] = [
        ContractCheck("sharing.setAndListGrants") { store in
            let f = try await ContractFixture.make(store)
            let bob = try await f.makeUser("bob")
            let carol = try await f.makeUser("carol")
            let staff = try await store.createGroup(NewGroup(name: "staff"))
            let before = try await f.revision()
            let toGroup = try await store.setGrant(calendarID: f.calendar.id, grantee: .group(staff.id), role: .read,
                                                   state: .accepted, grantedBy: nil)
            let toCarol = try await store.setGrant(calendarID: f.calendar.id, grantee: .user(carol.id),
                                                   role: .freeBusy, state: .invited, grantedBy: bob.id)
            let toBob = try await store.setGrant(calendarID: f.calendar.id, grantee: .user(bob.id), role: .manage,
                                                 state: .declined, grantedBy: f.user.id)
            try Expect.equal(toCarol.calendarID, f.calendar.id, "calendarID")
            try Expect.equal(toCarol.grantee, .user(carol.id), "grantee")
            try Expect.equal(toCarol.role, .freeBusy, "role")
            try Expect.equal(toCarol.state, .invited, "state")
            try Expect.equal(toCarol.grantedBy, bob.id, "grantedBy")
            try Expect.equal(toGroup.grantedBy, nil, "granted by the system")
            try Expect.equal(toCarol.updatedAt, toCarol.createdAt, "a new grant's updatedAt is its createdAt")
            try Expect.equal(await store.grants(calendarID: f.calendar.id), [toBob, toCarol, toGroup],
                             "users by id, then groups by id")
            try Expect.equal(try await f.revision(), before, "grants are not calendar content: revision unchanged")
            try Expect.equal(await store.changes(calendarID: f.calendar.id, since: before, limit: nil).changes, [],
                             "nothing in the change log")
            try Expect.equal(await store.grants(calendarID: 999_999), [], "grants of an unknown calendar")
        },
        ContractCheck("sharing.setGrantRefusals") { store in
            let f = try await ContractFixture.make(store)
            let bob = try await f.makeUser("bob")
            let id = f.calendar.id
            try await Expect.error(.notFound, "unknown calendar") {
                try await store.setGrant(calendarID: 999_999, grantee: .user(bob.id), role: .read, state: .accepted,
                                         grantedBy: nil)
            }
            try await Expect.error(.notFound, "unknown user") {
                try await store.setGrant(calendarID: id, grantee: .user(999_999), role: .read, state: .accepted,
                                         grantedBy: nil)
            }
            try await Expect.error(.notFound, "unknown group") {
                try await store.setGrant(calendarID: id, grantee: .group(999_999), role: .read, state: .accepted,
                                         grantedBy: nil)
            }
            try await Expect.error(.notFound, "unknown grantedBy") {
                try await store.setGrant(calendarID: id, grantee: .user(bob.id), role: .read, state: .accepted,
                                         grantedBy: 999_999)
            }
            try await Expect.invalidArgument("a grant to the owner") {
                try await store.setGrant(calendarID: id, grantee: .user(f.user.id), role: .read, state: .accepted,
                                         grantedBy: nil)
            }
            try Expect.equal(await store.grants(calendarID: id), [], "nothing granted")
        },
        ContractCheck("sharing.upsertKeepsCreatedAt") { store in
            let f = try await ContractFixture.make(store)
            let bob = try await f.makeUser("bob")
            let carol = try await f.makeUser("carol")
            let first = try await store.setGrant(calendarID: f.calendar.id, grantee: .user(bob.id), role: .read,
                                                 state: .invited, grantedBy: f.user.id)
            // Times are in seconds: wait for the next one, so a moved updatedAt shows.
            try await Task.sleep(for: .milliseconds(1_100))
            let second = try await store.setGrant(calendarID: f.calendar.id, grantee: .user(bob.id), role: .write,
                                                  state: .accepted, grantedBy: carol.id)
            try Expect.equal(second.role, .write, "role replaced")
            try Expect.equal(second.state, .accepted, "state replaced")
            try Expect.equal(second.grantedBy, carol.id, "grantedBy replaced")
            try Expect.equal(second.createdAt, first.createdAt, "createdAt kept")
            try Expect.that(second.updatedAt > first.updatedAt, "updatedAt moves (\(first.updatedAt) → \(second.updatedAt))")
            try Expect.equal(await store.grants(calendarID: f.calendar.id), [second], "one grant per grantee")
        },
        ContractCheck("sharing.revoke") { store in
            let f = try await ContractFixture.make(store)
            let bob = try await f.makeUser("bob")
            let staff = try await store.createGroup(NewGroup(name: "staff"))
            let group = try await store.setGrant(calendarID: f.calendar.id, grantee: .group(staff.id), role: .read,
                                                 state: .accepted, grantedBy: nil)
            _ = try await store.setGrant(calendarID: f.calendar.id, grantee: .user(bob.id), role: .write,
                                         state: .accepted, grantedBy: nil)
            try Expect.equal(await store.effectiveRole(calendarID: f.calendar.id, userID: bob.id), .write, "before")
            try await store.revokeGrant(calendarID: f.calendar.id, grantee: .user(bob.id))
            try Expect.equal(await store.effectiveRole(calendarID: f.calendar.id, userID: bob.id), nil,
                             "revocation is seen by the next call")
            try Expect.equal(await store.grants(calendarID: f.calendar.id), [group], "the group's grant stays")
            try await Expect.error(.notFound, "second revoke") {
                try await store.revokeGrant(calendarID: f.calendar.id, grantee: .user(bob.id))
            }
            try await Expect.error(.notFound, "revoke for a group without a grant") {
                try await store.revokeGrant(calendarID: f.calendar.id, grantee: .group(999_999))
            }
            try await Expect.error(.notFound, "revoke on an unknown calendar") {
                try await store.revokeGrant(calendarID: 999_999, grantee: .group(staff.id))
            }
        },
        ContractCheck("sharing.effectiveRoleIsTheHighestAcceptedGrant") { store in
            let f = try await ContractFixture.make(store)
            let bob = try await f.makeUser("bob")
            let carol = try await f.makeUser("carol")
            let staff = try await store.createGroup(NewGroup(name: "staff"))
            let planners = try await store.createGroup(NewGroup(name: "planners"))
            for group in [staff, planners] { try await store.addMember(groupID: group.id, userID: bob.id) }
            let id = f.calendar.id
            func role(_ user: User) async throws -> CalendarRole? {
                try await store.effectiveRole(calendarID: id, userID: user.id)
            }
            try Expect.equal(try await role(bob), nil, "no grant")
            _ = try await store.setGrant(calendarID: id, grantee: .user(bob.id), role: .read, state: .accepted,
                                         grantedBy: nil)
            _ = try await store.setGrant(calendarID: id, grantee: .group(staff.id), role: .write, state: .accepted,
                                         grantedBy: nil)
            _ = try await store.setGrant(calendarID: id, grantee: .group(planners.id), role: .freeBusy,
                                         state: .accepted, grantedBy: nil)
            try Expect.equal(try await role(bob), .write, "direct read, staff write, planners free-busy")
            try Expect.equal(try await role(carol), nil, "carol is in neither group")
            _ = try await store.setGrant(calendarID: id, grantee: .group(planners.id), role: .manage,
                                         state: .accepted, grantedBy: nil)
            try Expect.equal(try await role(bob), .manage, "planners raised to manage")
            try await store.revokeGrant(calendarID: id, grantee: .group(planners.id))
            try Expect.equal(try await role(bob), .write, "planners revoked")
            try await store.removeMember(groupID: staff.id, userID: bob.id)
            try Expect.equal(try await role(bob), .read, "bob left staff: seen by the next call")
            try await store.addMember(groupID: staff.id, userID: carol.id)
            try Expect.equal(try await role(carol), .write, "carol joined staff: seen by the next call")
            try Expect.equal(await store.effectiveRole(calendarID: 999_999, userID: bob.id), nil, "unknown calendar")
            try Expect.equal(await store.effectiveRole(calendarID: id, userID: 999_999), nil, "unknown user")
            try Expect.equal(CalendarRole.allCases, [.freeBusy, .read, .write, .manage], "role order")
            try Expect.that(CalendarRole.freeBusy < .read && CalendarRole.read < .write && CalendarRole.write < .manage,
                            "roles are ordered")
        },
        ContractCheck("sharing.onlyAcceptedGrantsGiveARole") { store in
            let f = try await ContractFixture.make(store)
            let bob = try await f.makeUser("bob")
            let staff = try await store.createGroup(NewGroup(name: "staff"))
            try await store.addMember(groupID: staff.id, userID: bob.id)
            let id = f.calendar.id
            _ = try await store.setGrant(calendarID: id, grantee: .user(bob.id), role: .write, state: .invited,
                                         grantedBy: nil)
            try Expect.equal(await store.effectiveRole(calendarID: id, userID: bob.id), nil, "invited")
            _ = try await store.setGrant(calendarID: id, grantee: .user(bob.id), role: .write, state: .declined,
                                         grantedBy: nil)
            try Expect.equal(await store.effectiveRole(calendarID: id, userID: bob.id), nil, "declined")
            _ = try await store.setGrant(calendarID: id, grantee: .group(staff.id), role: .manage, state: .invited,
                                         grantedBy: nil)
            try Expect.equal(await store.effectiveRole(calendarID: id, userID: bob.id), nil, "group invited")
            _ = try await store.setGrant(calendarID: id, grantee: .group(staff.id), role: .manage, state: .declined,
                                         grantedBy: nil)
            try Expect.equal(await store.effectiveRole(calendarID: id, userID: bob.id), nil, "group declined")
            _ = try await store.setGrant(calendarID: id, grantee: .group(staff.id), role: .freeBusy, state: .accepted,
                                         grantedBy: nil)
            try Expect.equal(await store.effectiveRole(calendarID: id, userID: bob.id), .freeBusy,
                             "the accepted group grant, not the declined higher one")
            _ = try await store.setGrant(calendarID: id, grantee: .user(bob.id), role: .write, state: .accepted,
                                         grantedBy: nil)
            try Expect.equal(await store.effectiveRole(calendarID: id, userID: bob.id), .write, "accepted")
        },
        ContractCheck("sharing.renamingKeepsGrants") { store in
            let f = try await ContractFixture.make(store)
            let bob = try await f.makeUser("bob")
            let grant = try await store.setGrant(calendarID: f.calendar.id, grantee: .user(bob.id), role: .read,
                                                 state: .accepted, grantedBy: nil)
            let renamed = try await store.updateCalendar(id: f.calendar.id,
                                                         CalendarChanges(displayName: "Renamed", color: "#112233"))
            try Expect.equal(await store.grants(calendarID: f.calendar.id), [grant], "grants kept")
            try Expect.equal(await store.effectiveRole(calendarID: f.calendar.id, userID: bob.id), .read, "role kept")
            try Expect.equal(await store.sharedCalendars(userID: bob.id).map(\.calendar), [renamed],
                             "the sharee sees the renamed calendar")
        },
    ]
}
