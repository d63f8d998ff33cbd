import CalendarStore

extension StoreContract {
    static let groups: [ContractCheck] = [
        ContractCheck("groups.createAndRead") { store in
            let staff = try await store.createGroup(NewGroup(name: "staff", displayName: "All staff",
                                                             email: "staff@example.com"))
            let admins = try await store.createGroup(NewGroup(name: "admins"))
            try Expect.equal(staff.name, "staff", "name")
            try Expect.equal(staff.displayName, "All staff", "displayName")
            try Expect.equal(staff.email, "staff@example.com", "email")
            try Expect.equal(admins.displayName, "admins", "displayName defaults to the name")
            try Expect.equal(admins.email, nil, "no address")
            try Expect.that(staff.id > 0 && admins.id > 0 && staff.id != admins.id, "distinct positive ids")
            try Expect.equal(await store.group(named: "staff"), staff, "group(named:)")
            try Expect.equal(await store.group(id: admins.id), admins, "group(id:)")
            try Expect.equal(await store.group(named: "nobody"), nil, "unknown name")
            try Expect.equal(await store.group(id: 999_999), nil, "unknown id")
            try Expect.equal(await store.groups().map(\.name), ["admins", "staff"], "groups() ordered by name")
            try await Expect.error(.alreadyExists, "second staff") {
                try await store.createGroup(NewGroup(name: "staff", displayName: "Other"))
            }
            try await Expect.invalidArgument("empty group name") { try await store.createGroup(NewGroup(name: "")) }
            try Expect.equal(await store.groups().count, 2, "groups after refusals")
        },
        ContractCheck("groups.shareTheNamespaceWithUsers") { store in
            // Both are principals under /principals/<name>/, so one name cannot name both.
            _ = try await store.createUser(NewUser(name: "alice", passwordHash: "h"))
            try await Expect.error(.alreadyExists, "group named like a user") {
                try await store.createGroup(NewGroup(name: "alice"))
            }
            _ = try await store.createGroup(NewGroup(name: "team"))
            try await Expect.error(.alreadyExists, "user named like a group") {
                try await store.createUser(NewUser(name: "team", passwordHash: "h"))
            }
            // Names equal with ASCII letters folded are one name.
            try await Expect.error(.alreadyExists, "group named like a user but for case") {
                try await store.createGroup(NewGroup(name: "Alice"))
            }
            try await Expect.error(.alreadyExists, "user named like a group but for case") {
                try await store.createUser(NewUser(name: "Team", passwordHash: "h"))
            }
            _ = try await store.createGroup(NewGroup(name: "Staff"))
            try Expect.equal(await store.users().map(\.name), ["alice"], "users")
            try Expect.equal(await store.groups().map(\.name), ["Staff", "team"], "groups (names kept as written)")
        },
        ContractCheck("groups.membership") { store in
            let bob = try await store.createUser(NewUser(name: "bob", passwordHash: "h"))
            let alice = try await store.createUser(NewUser(name: "alice", passwordHash: "h"))
            let carol = try await store.createUser(NewUser(name: "carol", passwordHash: "h"))
            let staff = try await store.createGroup(NewGroup(name: "staff"))
            let admins = try await store.createGroup(NewGroup(name: "admins"))
            try await store.addMember(groupID: staff.id, userID: bob.id)
            try await store.addMember(groupID: staff.id, userID: alice.id)
            try await store.addMember(groupID: staff.id, userID: alice.id)
            try await store.addMember(groupID: admins.id, userID: alice.id)
            try Expect.equal(await store.members(groupID: staff.id), [alice, bob], "members ordered by name, once each")
            try Expect.equal(await store.groups(memberID: alice.id), [admins, staff], "alice's groups ordered by name")
            try Expect.equal(await store.groups(memberID: carol.id), [], "carol is in no group")
            try await store.removeMember(groupID: staff.id, userID: alice.id)
            try Expect.equal(await store.members(groupID: staff.id), [bob], "after removal")
            try Expect.equal(await store.groups(memberID: alice.id), [admins], "alice's groups after removal")
            try await Expect.error(.notFound, "removing a non-member") {
                try await store.removeMember(groupID: staff.id, userID: alice.id)
            }
            try await Expect.error(.notFound, "adding to an unknown group") {
                try await store.addMember(groupID: 999_999, userID: bob.id)
            }
            try await Expect.error(.notFound, "adding an unknown user") {
                try await store.addMember(groupID: staff.id, userID: 999_999)
            }
            try await Expect.error(.notFound, "removing from an unknown group") {
                try await store.removeMember(groupID: 999_999, userID: bob.id)
            }
            try Expect.equal(await store.members(groupID: 999_999), [], "members of an unknown group")
            try Expect.equal(await store.groups(memberID: 999_999), [], "groups of an unknown user")
        },
        ContractCheck("groups.deleteCascades") { store in
            let f = try await ContractFixture.make(store)
            let bob = try await store.createUser(NewUser(name: "bob", passwordHash: "h"))
            let staff = try await store.createGroup(NewGroup(name: "staff"))
            let admins = try await store.createGroup(NewGroup(name: "admins"))
            for group in [staff, admins] { try await store.addMember(groupID: group.id, userID: bob.id) }
            _ = try await store.setGrant(calendarID: f.calendar.id, grantee: .group(staff.id), role: .write,
                                         state: .accepted, grantedBy: f.user.id)
            let kept = try await store.setGrant(calendarID: f.calendar.id, grantee: .group(admins.id), role: .read,
                                                state: .accepted, grantedBy: f.user.id)
            try await store.deleteGroup(id: staff.id)
            try Expect.equal(await store.group(id: staff.id), nil, "deleted group")
            try Expect.equal(await store.group(named: "staff"), nil, "deleted group by name")
            try Expect.equal(await store.groups(), [admins], "remaining groups")
            try Expect.equal(await store.groups(memberID: bob.id), [admins], "bob's memberships")
            try Expect.equal(await store.members(groupID: staff.id), [], "deleted group's members")
            try Expect.equal(await store.grants(calendarID: f.calendar.id), [kept], "grants to the deleted group")
            try Expect.equal(await store.effectiveRole(calendarID: f.calendar.id, userID: bob.id), .read,
                             "bob's role without the deleted group")
            try Expect.equal(await store.user(id: bob.id), bob, "members are kept")
            try await Expect.error(.notFound, "second delete") { try await store.deleteGroup(id: staff.id) }
            _ = try await store.createUser(NewUser(name: "staff", passwordHash: "h"))
        },
    ]
}
