import CalendarStore

extension StoreContract {
    static let shareNotices: [ContractCheck] = [
        ContractCheck("shareNotices.putListDelete") { store in
            let alice = try await store.createUser(NewUser(name: "alice", passwordHash: "h"))
            let bob = try await store.createUser(NewUser(name: "bob", passwordHash: "h"))
            let work = try await store.createCalendar(NewCalendar(ownerID: alice.id, slug: "work", displayName: "Work"))
            let invitation = NewShareNotice(userID: bob.id, uid: "invite-1", kind: .invitation, status: .invited,
                                            calendarID: work.id, ownerID: alice.id, shareeID: bob.id, role: .read,
                                            calendarName: "Work")
            let first = try await store.putShareNotice(invitation)
            try Expect.equal(first.status, .invited, "written as given")
            try Expect.equal(await store.shareNotices(userID: bob.id), [first], "listed for the recipient")
            try Expect.equal(await store.shareNotices(userID: alice.id), [], "nobody else's")
            let reply = try await store.putShareNotice(NewShareNotice(
                userID: alice.id, uid: "reply-1", kind: .reply, status: .accepted, calendarID: work.id,
                ownerID: alice.id, shareeID: bob.id, role: .read, calendarName: "Work"))
            try Expect.equal(reply.id > first.id, true, "ids grow")

            // Written again with the same uid: replaced, with a larger id, in the same collection.
            var changed = invitation
            changed.status = .accepted
            changed.role = .write
            let second = try await store.putShareNotice(changed)
            try Expect.equal(second.id > reply.id, true, "a rewrite takes a new, larger id")
            try Expect.equal(await store.shareNotices(userID: bob.id).map(\.status), [.accepted], "one notice per uid")
            try Expect.equal(await store.shareNotices(userID: bob.id).first?.role, .write, "the new role")

            try await store.deleteShareNotice(userID: bob.id, uid: "invite-1")
            try Expect.equal(await store.shareNotices(userID: bob.id), [], "deleted")
            try await Expect.error(.notFound, "deleted twice") {
                try await store.deleteShareNotice(userID: bob.id, uid: "invite-1")
            }
            try await Expect.error(.notFound, "unknown user") {
                _ = try await store.putShareNotice(NewShareNotice(
                    userID: 999_999, uid: "x", kind: .invitation, status: .invited, calendarID: work.id,
                    ownerID: alice.id, shareeID: 999_999, role: .read, calendarName: "Work"))
            }
        },
        ContractCheck("shareNotices.outliveTheCalendarNotTheUser") { store in
            let alice = try await store.createUser(NewUser(name: "alice", passwordHash: "h"))
            let bob = try await store.createUser(NewUser(name: "bob", passwordHash: "h"))
            let work = try await store.createCalendar(NewCalendar(ownerID: alice.id, slug: "work", displayName: "Work"))
            _ = try await store.putShareNotice(NewShareNotice(
                userID: bob.id, uid: "invite-1", kind: .invitation, status: .removed, calendarID: work.id,
                ownerID: alice.id, shareeID: bob.id, role: .read, calendarName: "Work"))
            try await store.deleteCalendar(id: work.id)
            try Expect.equal(await store.shareNotices(userID: bob.id).map(\.calendarName), ["Work"],
                             "a notice that a share ended outlives the calendar")
            try await store.deleteUser(id: bob.id)
            let carol = try await store.createUser(NewUser(name: "carol", passwordHash: "h"))
            try Expect.equal(await store.shareNotices(userID: bob.id), [], "deleted with the user")
            try Expect.equal(await store.shareNotices(userID: carol.id), [], "a new user has none")
        },
    ]
}
