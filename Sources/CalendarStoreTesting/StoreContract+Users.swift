import CalendarStore

extension StoreContract {
    static let users: [ContractCheck] = [
        ContractCheck("users.createAndRead") { store in
            let carol = try await store.createUser(NewUser(name: "carol", displayName: "Carol C", email: "c@example.com",
                                                           passwordHash: "h1", isAdmin: true))
            let alice = try await store.createUser(NewUser(name: "alice", passwordHash: "h2"))
            let bob = try await store.createUser(NewUser(name: "bob", passwordHash: "h3"))
            try Expect.equal(carol.name, "carol", "name")
            try Expect.equal(carol.displayName, "Carol C", "displayName")
            try Expect.equal(carol.email, "c@example.com", "email")
            try Expect.equal(carol.passwordHash, "h1", "passwordHash")
            try Expect.that(carol.isAdmin && !alice.isAdmin, "isAdmin is stored")
            try Expect.equal(alice.displayName, "alice", "displayName defaults to the name")
            try Expect.equal(Set([carol.id, alice.id, bob.id]).count, 3, "distinct ids")
            try Expect.equal(await store.user(named: "carol"), carol, "user(named:)")
            try Expect.equal(await store.user(id: alice.id), alice, "user(id:)")
            try Expect.equal(await store.user(named: "nobody"), nil, "unknown name")
            try Expect.equal(await store.user(id: 999_999), nil, "unknown id")
            try Expect.equal(await store.users().map(\.name), ["alice", "bob", "carol"], "users() ordered by name")
        },
        ContractCheck("users.nameIsUniqueWithASCIILettersFolded") { store in
            let alice = try await store.createUser(NewUser(name: "alice", passwordHash: "h"))
            try await Expect.error(.alreadyExists, "second alice") {
                try await store.createUser(NewUser(name: "alice", passwordHash: "other"))
            }
            try await Expect.error(.alreadyExists, "Alice beside alice") {
                try await store.createUser(NewUser(name: "Alice", passwordHash: "h"))
            }
            let bob = try await store.createUser(NewUser(name: "Bob", passwordHash: "h"))
            try Expect.equal(bob.name, "Bob", "the name kept as written")
            try Expect.equal(await store.users(), [bob, alice], "users after refused duplicates")
            try await Expect.invalidArgument("empty user name") {
                try await store.createUser(NewUser(name: "", passwordHash: "h"))
            }
        },
        ContractCheck("users.setPasswordHash") { store in
            let alice = try await store.createUser(NewUser(name: "alice", passwordHash: "old"))
            try await store.setPasswordHash(userID: alice.id, hash: "new")
            try Expect.equal(await store.user(id: alice.id)?.passwordHash, "new", "hash after change")
            try await Expect.error(.notFound, "unknown user") { try await store.setPasswordHash(userID: 999_999, hash: "x") }
        },
        ContractCheck("users.deleteCascades") { store in
            let alice = try await ContractFixture.make(store)
            let bob = try await ContractFixture.make(store, user: "bob")
            try await alice.put("a.ics")
            try await bob.put("b.ics")
            _ = try await store.addAppPassword(userID: alice.user.id, label: "phone", passwordHash: "p")
            try await store.deleteUser(id: alice.user.id)
            try Expect.equal(await store.user(id: alice.user.id), nil, "deleted user")
            try Expect.equal(await store.calendar(id: alice.calendar.id), nil, "deleted user's calendar")
            try Expect.equal(await store.calendars(ownerID: alice.user.id), [], "deleted user's calendars")
            try Expect.equal(await store.object(calendarID: alice.calendar.id, name: "a.ics"), nil, "deleted object")
            try Expect.equal(await store.appPasswords(userID: alice.user.id), [], "deleted app passwords")
            try Expect.equal(await store.usedBytes(ownerID: alice.user.id), 0, "deleted user's bytes")
            try await Expect.error(.notFound, "second delete") { try await store.deleteUser(id: alice.user.id) }
            try Expect.that(await store.object(calendarID: bob.calendar.id, name: "b.ics") != nil, "bob's object kept")
            try Expect.equal(await store.users().map(\.name), ["bob"], "remaining users")
        },
    ]

    static let appPasswords: [ContractCheck] = [
        ContractCheck("appPasswords.addListRevoke") { store in
            let alice = try await store.createUser(NewUser(name: "alice", passwordHash: "h"))
            let phone = try await store.addAppPassword(userID: alice.id, label: "phone", passwordHash: "p1")
            let laptop = try await store.addAppPassword(userID: alice.id, label: "laptop", passwordHash: "p2")
            try Expect.equal(phone.userID, alice.id, "userID")
            try Expect.equal(phone.label, "phone", "label")
            try Expect.equal(phone.passwordHash, "p1", "passwordHash")
            try Expect.equal(await store.appPasswords(userID: alice.id), [phone, laptop], "listed oldest first")
            try await store.revokeAppPassword(userID: alice.id, id: phone.id)
            try Expect.equal(await store.appPasswords(userID: alice.id), [laptop], "after revoke")
            try await Expect.error(.notFound, "second revoke") {
                try await store.revokeAppPassword(userID: alice.id, id: phone.id)
            }
            try await Expect.error(.notFound, "add for unknown user") {
                try await store.addAppPassword(userID: 999_999, label: "x", passwordHash: "x")
            }
        },
        ContractCheck("appPasswords.crossUserRevokeRefused") { store in
            let alice = try await store.createUser(NewUser(name: "alice", passwordHash: "h"))
            let bob = try await store.createUser(NewUser(name: "bob", passwordHash: "h"))
            let phone = try await store.addAppPassword(userID: alice.id, label: "phone", passwordHash: "p")
            try await Expect.error(.notFound, "bob revoking alice's password") {
                try await store.revokeAppPassword(userID: bob.id, id: phone.id)
            }
            try Expect.equal(await store.appPasswords(userID: alice.id), [phone], "alice's password kept")
            try Expect.equal(await store.appPasswords(userID: bob.id), [], "bob has none")
        },
    ]
}
