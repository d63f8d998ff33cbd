import CalendarStore

extension StoreContract {
    static let sharedCalendars: [ContractCheck] = [
        ContractCheck("sharedCalendars.listsWhatReachesTheUser") { store in
            let alice = try await ContractFixture.make(store)
            let bob = try await alice.makeUser("bob")
            let staff = try await store.createGroup(NewGroup(name: "staff"))
            for member in [alice.user, bob] { try await store.addMember(groupID: staff.id, userID: member.id) }
            let home = alice.calendar
            let work = try await alice.makeCalendar("work")
            let hidden = try await alice.makeCalendar("hidden")
            let both = try await alice.makeCalendar("both")
            let none = try await alice.makeCalendar("none")
            _ = try await store.setGrant(calendarID: home.id, grantee: .group(staff.id), role: .read, state: .accepted,
                                         grantedBy: nil)
            _ = try await store.setGrant(calendarID: home.id, grantee: .user(bob.id), role: .freeBusy,
                                         state: .accepted, grantedBy: nil)
            _ = try await store.setGrant(calendarID: work.id, grantee: .user(bob.id), role: .write, state: .invited,
                                         grantedBy: nil)
            _ = try await store.setGrant(calendarID: hidden.id, grantee: .user(bob.id), role: .manage,
                                         state: .declined, grantedBy: nil)
            _ = try await store.setGrant(calendarID: hidden.id, grantee: .group(staff.id), role: .read,
                                         state: .declined, grantedBy: nil)
            _ = try await store.setGrant(calendarID: both.id, grantee: .user(bob.id), role: .manage, state: .invited,
                                         grantedBy: nil)
            _ = try await store.setGrant(calendarID: both.id, grantee: .group(staff.id), role: .freeBusy,
                                         state: .accepted, grantedBy: nil)
            _ = none
            let listed = try await store.sharedCalendars(userID: bob.id)
            try Expect.equal(listed.map(\.calendar.slug), ["home", "work", "hidden", "both"], "ordered by calendar id")
            try Expect.equal(listed.map(\.calendar), [home, work, hidden, both], "the calendar records")
            try Expect.equal(listed.map(\.state), [.accepted, .invited, .declined, .accepted],
                             "accepted wins over invited, which wins over declined")
            try Expect.equal(listed.map(\.role), [.read, .write, .manage, .freeBusy],
                             "the highest role among the grants of that state")
            try Expect.equal(listed.map(\.presentation), [nil, nil, nil, nil], "no presentation set")
            try Expect.equal(await store.effectiveRole(calendarID: both.id, userID: bob.id), .freeBusy,
                             "the accepted role is the effective one")
            try Expect.equal(await store.sharedCalendars(userID: alice.user.id), [],
                             "the owner's own calendars are not listed, though staff grants reach her")
            try Expect.equal(await store.sharedCalendars(userID: 999_999), [], "unknown user")
        },
        ContractCheck("sharedCalendars.presentationPerMember") { store in
            let alice = try await ContractFixture.make(store)
            let bob = try await alice.makeUser("bob")
            let carol = try await alice.makeUser("carol")
            let staff = try await store.createGroup(NewGroup(name: "staff"))
            for member in [bob, carol] { try await store.addMember(groupID: staff.id, userID: member.id) }
            let id = alice.calendar.id
            _ = try await store.setGrant(calendarID: id, grantee: .group(staff.id), role: .read, state: .accepted,
                                         grantedBy: nil)
            try Expect.equal(await store.shareePresentation(calendarID: id, userID: bob.id), nil, "none yet")
            try await store.setShareePresentation(calendarID: id, userID: bob.id, displayName: "Alice's", color: "#FF0000")
            try await store.setShareePresentation(calendarID: id, userID: carol.id, displayName: nil, color: "#00FF00")
            let bobs = ShareePresentation(calendarID: id, userID: bob.id, displayName: "Alice's", color: "#FF0000")
            let carols = ShareePresentation(calendarID: id, userID: carol.id, displayName: nil, color: "#00FF00")
            try Expect.equal(await store.shareePresentation(calendarID: id, userID: bob.id), bobs, "bob's")
            try Expect.equal(await store.shareePresentation(calendarID: id, userID: carol.id), carols, "carol's")
            try Expect.equal(await store.sharedCalendars(userID: bob.id).map(\.presentation), [bobs], "bob's listing")
            try Expect.equal(await store.sharedCalendars(userID: carol.id).map(\.presentation), [carols],
                             "carol's listing")
            try Expect.equal(await store.calendar(id: id), alice.calendar, "the owner's name and colour unchanged")
            let revised = ShareePresentation(calendarID: id, userID: bob.id, displayName: "Team", color: nil)
            try await store.setShareePresentation(calendarID: id, userID: bob.id, displayName: "Team", color: nil)
            try Expect.equal(await store.shareePresentation(calendarID: id, userID: bob.id), revised, "replaced")
            try await store.setShareePresentation(calendarID: id, userID: bob.id, displayName: nil, color: nil)
            try Expect.equal(await store.shareePresentation(calendarID: id, userID: bob.id), nil, "removed")
            try Expect.equal(await store.shareePresentation(calendarID: id, userID: carol.id), carols, "carol's kept")
            try await store.revokeGrant(calendarID: id, grantee: .group(staff.id))
            try Expect.equal(await store.shareePresentation(calendarID: id, userID: carol.id), carols,
                             "a presentation outlives a revoked grant")
            try await Expect.error(.notFound, "unknown calendar") {
                try await store.setShareePresentation(calendarID: 999_999, userID: bob.id, displayName: "x", color: nil)
            }
            try await Expect.error(.notFound, "unknown user") {
                try await store.setShareePresentation(calendarID: id, userID: 999_999, displayName: "x", color: nil)
            }
            try Expect.equal(await store.shareePresentation(calendarID: 999_999, userID: bob.id), nil,
                             "unknown calendar")
        },
    ]
}
