import CalendarStore

extension StoreContract {
    static let delegations: [ContractCheck] = [
        ContractCheck("delegations.setListRemove") { store in
            let alice = try await store.createUser(NewUser(name: "alice", passwordHash: "h"))
            let bob = try await store.createUser(NewUser(name: "bob", passwordHash: "h"))
            let carol = try await store.createUser(NewUser(name: "carol", passwordHash: "h"))
            try Expect.equal(await store.delegates(ownerID: alice.id), [], "none at first")
            try await store.setDelegation(ownerID: alice.id, delegateID: carol.id, mode: .read)
            try await store.setDelegation(ownerID: alice.id, delegateID: bob.id, mode: .write)
            try Expect.equal(await store.delegates(ownerID: alice.id).map(\.delegateID), [bob.id, carol.id], "by delegate id")
            try Expect.equal(await store.delegations(delegateID: bob.id),
                             [Delegation(ownerID: alice.id, delegateID: bob.id, mode: .write)], "seen from the delegate")
            try await store.setDelegation(ownerID: alice.id, delegateID: bob.id, mode: .read)
            try Expect.equal(await store.delegations(delegateID: bob.id).map(\.mode), [.read], "mode replaced")
            try await store.setDelegation(ownerID: alice.id, delegateID: bob.id, mode: nil)
            try Expect.equal(await store.delegates(ownerID: alice.id).map(\.delegateID), [carol.id], "removed")
            try await store.setDelegation(ownerID: alice.id, delegateID: bob.id, mode: nil)  // removing nothing is fine
            try await Expect.error(.invalidArgument("a user is not their own delegate"), "oneself") {
                try await store.setDelegation(ownerID: alice.id, delegateID: alice.id, mode: .write)
            }
            try await Expect.error(.notFound, "unknown user") {
                try await store.setDelegation(ownerID: alice.id, delegateID: 999_999, mode: .write)
            }
            try await store.setDelegation(ownerID: bob.id, delegateID: carol.id, mode: .write)
            try await store.deleteUser(id: carol.id)
            try Expect.equal(await store.delegates(ownerID: alice.id), [], "deleted with the delegate")
            try Expect.equal(await store.delegates(ownerID: bob.id), [], "from every owner")
            try await store.setDelegation(ownerID: bob.id, delegateID: alice.id, mode: .read)
            try await store.deleteUser(id: bob.id)
            try Expect.equal(await store.delegations(delegateID: alice.id), [], "deleted with the owner")
        },
    ]
}
