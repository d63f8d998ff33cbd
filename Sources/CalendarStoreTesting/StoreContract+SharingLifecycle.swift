import CalendarStore

extension StoreContract {
    static let sharingLifecycle: [ContractCheck] = [
        ContractCheck("sharingLifecycle.deleteCalendar") { store in
            let f = try await ContractFixture.make(store)
            let other = try await f.makeCalendar("other")
            let bob = try await f.makeUser("bob")
            let staff = try await store.createGroup(NewGroup(name: "staff"))
            try await store.addMember(groupID: staff.id, userID: bob.id)
            try await f.put("a.ics")
            _ = try await store.setGrant(calendarID: f.calendar.id, grantee: .user(bob.id), role: .read,
                                         state: .accepted, grantedBy: nil)
            _ = try await store.setGrant(calendarID: f.calendar.id, grantee: .group(staff.id), role: .write,
                                         state: .accepted, grantedBy: nil)
            try await store.setShareePresentation(calendarID: f.calendar.id, userID: bob.id, displayName: "A",
                                                  color: nil)
            _ = try await store.setObjectGrant(calendarID: f.calendar.id, objectName: "a.ics", userID: bob.id,
                                               role: .read, grantedBy: nil)
            let kept = try await store.setGrant(calendarID: other.id, grantee: .user(bob.id), role: .read,
                                                state: .accepted, grantedBy: nil)
            try await store.deleteCalendar(id: f.calendar.id)
            try Expect.equal(await store.grants(calendarID: f.calendar.id), [], "its grants")
            try Expect.equal(await store.effectiveRole(calendarID: f.calendar.id, userID: bob.id), nil, "bob's role")
            try Expect.equal(await store.shareePresentation(calendarID: f.calendar.id, userID: bob.id), nil,
                             "bob's presentation")
            try Expect.equal(await store.objectGrants(userID: bob.id), [], "its object grants")
            try Expect.equal(await store.sharedCalendars(userID: bob.id).map(\.calendar.id), [other.id],
                             "bob's shared calendars")
            try Expect.equal(await store.grants(calendarID: other.id), [kept], "the other calendar's grants")
            try Expect.equal(await store.members(groupID: staff.id), [bob], "memberships are not the calendar's")
        },
        ContractCheck("sharingLifecycle.deleteSharee") { store in
            let f = try await ContractFixture.make(store)
            let bob = try await f.makeUser("bob")
            let carol = try await f.makeUser("carol")
            let staff = try await store.createGroup(NewGroup(name: "staff"))
            for member in [bob, carol] { try await store.addMember(groupID: staff.id, userID: member.id) }
            try await f.put("a.ics")
            let id = f.calendar.id
            _ = try await store.setGrant(calendarID: id, grantee: .user(bob.id), role: .write, state: .accepted,
                                         grantedBy: nil)
            let groupGrant = try await store.setGrant(calendarID: id, grantee: .group(staff.id), role: .read,
                                                      state: .accepted, grantedBy: nil)
            let carols = try await store.setGrant(calendarID: id, grantee: .user(carol.id), role: .read,
                                                  state: .invited, grantedBy: nil)
            try await store.setShareePresentation(calendarID: id, userID: bob.id, displayName: "A", color: nil)
            _ = try await store.setObjectGrant(calendarID: id, objectName: "a.ics", userID: bob.id, role: .read,
                                               grantedBy: nil)
            let carolsObject = try await store.setObjectGrant(calendarID: id, objectName: "a.ics", userID: carol.id,
                                                              role: .write, grantedBy: nil)
            try await store.deleteUser(id: bob.id)
            try Expect.equal(await store.grants(calendarID: id), [carols, groupGrant], "the grant to bob")
            try Expect.equal(await store.members(groupID: staff.id), [carol], "bob's membership")
            try Expect.equal(await store.groups(memberID: bob.id), [], "bob's groups")
            try Expect.equal(await store.shareePresentation(calendarID: id, userID: bob.id), nil, "bob's presentation")
            try Expect.equal(await store.objectGrants(calendarID: id, objectName: "a.ics"), [carolsObject],
                             "bob's object grant")
            try Expect.equal(await store.objectGrants(userID: bob.id), [], "bob's object grants")
            try Expect.equal(await store.sharedCalendars(userID: bob.id), [], "bob's shared calendars")
            try Expect.equal(await store.effectiveRole(calendarID: id, userID: carol.id), .read, "carol's role")
        },
        ContractCheck("sharingLifecycle.deleteSharerKeepsTheirGrants") { store in
            // Carol manages alice's calendar and shared it onwards: deleting carol does not take that from dave.
            let f = try await ContractFixture.make(store)
            let carol = try await f.makeUser("carol")
            let dave = try await f.makeUser("dave")
            try await f.put("a.ics")
            let id = f.calendar.id
            _ = try await store.setGrant(calendarID: id, grantee: .user(carol.id), role: .manage, state: .accepted,
                                         grantedBy: f.user.id)
            let daves = try await store.setGrant(calendarID: id, grantee: .user(dave.id), role: .write,
                                                 state: .accepted, grantedBy: carol.id)
            let davesObject = try await store.setObjectGrant(calendarID: id, objectName: "a.ics", userID: dave.id,
                                                             role: .read, grantedBy: carol.id)
            try await store.deleteUser(id: carol.id)
            try Expect.equal(await store.grants(calendarID: id), [daves], "dave's grant stays, carol's goes")
            try Expect.equal(await store.objectGrants(userID: dave.id), [davesObject], "dave's object grant stays")
            try Expect.equal(await store.effectiveRole(calendarID: id, userID: dave.id), .write, "dave's role")
        },
        ContractCheck("sharingLifecycle.deleteOwner") { store in
            let f = try await ContractFixture.make(store)
            let bob = try await f.makeUser("bob")
            try await f.put("a.ics")
            _ = try await store.setGrant(calendarID: f.calendar.id, grantee: .user(bob.id), role: .read,
                                         state: .accepted, grantedBy: f.user.id)
            _ = try await store.setObjectGrant(calendarID: f.calendar.id, objectName: "a.ics", userID: bob.id,
                                               role: .read, grantedBy: f.user.id)
            try await store.setShareePresentation(calendarID: f.calendar.id, userID: bob.id, displayName: "A",
                                                  color: nil)
            try await store.deleteUser(id: f.user.id)
            try Expect.equal(await store.sharedCalendars(userID: bob.id), [], "the owner's calendars are gone")
            try Expect.equal(await store.grants(calendarID: f.calendar.id), [], "their grants")
            try Expect.equal(await store.objectGrants(userID: bob.id), [], "their object grants")
            try Expect.equal(await store.shareePresentation(calendarID: f.calendar.id, userID: bob.id), nil,
                             "bob's presentation of them")
        },
    ]
}
