import CalendarStore

extension StoreContract {
    static let privacy: [ContractCheck] = [
        ContractCheck("privacy.freeBusyVisibility") { store in
            let alice = try await store.createUser(NewUser(name: "alice", passwordHash: "h"))
            let bob = try await store.createUser(NewUser(name: "bob", passwordHash: "h"))
            try Expect.equal(await store.freeBusyVisibility(userID: alice.id), nil, "no choice: the server's default")
            try await store.setFreeBusyVisibility(userID: alice.id, .sharees)
            try Expect.equal(await store.freeBusyVisibility(userID: alice.id), .sharees, "set")
            try Expect.equal(await store.freeBusyVisibility(userID: bob.id), nil, "another user's is separate")
            try await store.setFreeBusyVisibility(userID: alice.id, .nobody)
            try Expect.equal(await store.freeBusyVisibility(userID: alice.id), .nobody, "replaced")
            try await store.setFreeBusyVisibility(userID: alice.id, nil)
            try Expect.equal(await store.freeBusyVisibility(userID: alice.id), nil, "back to the default")
            try await Expect.error(.notFound, "unknown user") {
                try await store.setFreeBusyVisibility(userID: 999_999, .everyone)
            }
            try Expect.equal(await store.freeBusyVisibility(userID: 999_999), nil, "unknown user reads nil")
            try await store.setFreeBusyVisibility(userID: bob.id, .everyone)
            try await store.deleteUser(id: bob.id)
            let carol = try await store.createUser(NewUser(name: "carol", passwordHash: "h"))
            try Expect.equal(await store.freeBusyVisibility(userID: carol.id), nil, "a new user starts at the default")
            try Expect.equal(await store.freeBusyVisibility(userID: bob.id), nil, "deleted with the user")
        },
    ]
}
