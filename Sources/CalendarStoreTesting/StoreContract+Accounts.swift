import CalendarStore

extension StoreContract {
    static let accounts: [ContractCheck] = [
        ContractCheck("accounts.namesClashWithASCIILettersFolded") { store in
            let alice = try await store.createUser(NewUser(name: "alice", passwordHash: "h"))
            for name in ["Alice", "ALICE", "aLiCe"] {
                try await Expect.error(.alreadyExists, "user \(name) beside user alice") {
                    try await store.createUser(NewUser(name: name, passwordHash: "h"))
                }
                try await Expect.error(.alreadyExists, "group \(name) beside user alice") {
                    try await store.createGroup(NewGroup(name: name))
                }
            }
            let team = try await store.createGroup(NewGroup(name: "Team"))
            try await Expect.error(.alreadyExists, "user team beside group Team") {
                try await store.createUser(NewUser(name: "team", passwordHash: "h"))
            }
            try await Expect.error(.alreadyExists, "group TEAM beside group Team") {
                try await store.createGroup(NewGroup(name: "TEAM"))
            }
            // Only ASCII letters fold: other characters compare as they are (SQLite's NOCASE, "C" lower()).
            let accented = try await store.createUser(NewUser(name: "émile", passwordHash: "h"))
            let upper = try await store.createUser(NewUser(name: "Émile", passwordHash: "h"))
            try Expect.equal(await store.users(), [alice, upper, accented], "users after the refusals, as written")
            try Expect.equal(await store.groups(), [team], "groups after the refusals")
            try await store.deleteUser(id: alice.id)
            _ = try await store.createGroup(NewGroup(name: "ALICE"))
        },
        ContractCheck("accounts.emailClashOnCreate") { store in
            let alice = try await store.createUser(NewUser(name: "alice", email: "Alice@Example.com",
                                                           passwordHash: "h"))
            for email in ["alice@example.com", "ALICE@EXAMPLE.COM", "Alice@Example.com"] {
                try await Expect.error(.alreadyExists, "a second user with \(email)") {
                    try await store.createUser(NewUser(name: "other", email: email, passwordHash: "h"))
                }
            }
            try Expect.equal(await store.user(named: "other"), nil, "nothing created")
            let bob = try await store.createUser(NewUser(name: "bob", passwordHash: "h"))
            let carol = try await store.createUser(NewUser(name: "carol", email: "", passwordHash: "h"))
            try Expect.equal(bob.email, "", "bob has no address")
            try Expect.equal(carol.email, "", "neither has carol: empty addresses never clash")
            let dave = try await store.createUser(NewUser(name: "dave", email: "alice@example.org", passwordHash: "h"))
            try Expect.equal(await store.users(), [alice, bob, carol, dave], "users")
            try Expect.equal(await store.user(email: "ALICE@example.COM"), alice, "the address names alice alone")
        },
        ContractCheck("accounts.emailClashOnUpdate") { store in
            let alice = try await store.createUser(NewUser(name: "alice", email: "alice@example.com",
                                                           passwordHash: "h"))
            let bob = try await store.createUser(NewUser(name: "bob", email: "bob@example.com", passwordHash: "h"))
            try await Expect.error(.alreadyExists, "bob taking alice's address in other case") {
                try await store.updateUser(id: bob.id, UserUpdate(displayName: "Robert", email: "Alice@EXAMPLE.com"))
            }
            try Expect.equal(await store.user(id: bob.id), bob, "a refused update changes nothing")
            var expected = alice
            expected.email = "ALICE@example.com"
            try Expect.equal(await store.updateUser(id: alice.id, UserUpdate(email: "ALICE@example.com")), expected,
                             "a user may change the case of their own address")
            expected.email = ""
            try Expect.equal(await store.updateUser(id: alice.id, UserUpdate(email: "")), expected, "address removed")
            var bobExpected = bob
            bobExpected.email = ""
            try Expect.equal(await store.updateUser(id: bob.id, UserUpdate(email: "")), bobExpected,
                             "a second empty address does not clash")
            bobExpected.email = "alice@example.com"
            try Expect.equal(await store.updateUser(id: bob.id, UserUpdate(email: "alice@example.com")), bobExpected,
                             "an address given up is free")
            try Expect.equal(await store.user(email: "alice@example.com"), bobExpected, "found by the new address")
        },
        ContractCheck("accounts.updateUserEachField") { store in
            let alice = try await store.createUser(NewUser(name: "alice", displayName: "Alice", email: "a@example.com",
                                                           passwordHash: "h"))
            let bob = try await store.createUser(NewUser(name: "bob", passwordHash: "h"))
            try Expect.equal(await store.updateUser(id: alice.id, UserUpdate()), alice,
                             "an empty update changes nothing")
            var expected = alice
            expected.displayName = "Alice A"
            try Expect.equal(await store.updateUser(id: alice.id, UserUpdate(displayName: "Alice A")), expected,
                             "displayName")
            expected.email = "alice@example.org"
            try Expect.equal(await store.updateUser(id: alice.id, UserUpdate(email: "alice@example.org")), expected,
                             "email")
            expected.status = .disabled
            try Expect.equal(await store.updateUser(id: alice.id, UserUpdate(status: .disabled)), expected, "status")
            expected.isAdmin = true
            try Expect.equal(await store.updateUser(id: alice.id, UserUpdate(isAdmin: true)), expected, "isAdmin")
            expected = try await store.updateUser(id: alice.id, UserUpdate(displayName: "A", email: "", status: .active,
                                                                          isAdmin: false))
            try Expect.equal(expected.displayName, "A", "displayName of a full update")
            try Expect.equal(expected.email, "", "email of a full update")
            try Expect.equal(expected.status, .active, "status of a full update")
            try Expect.equal(expected.isAdmin, false, "isAdmin of a full update")
            try Expect.equal(expected.name, alice.name, "the name stays")
            try Expect.equal(expected.passwordHash, alice.passwordHash, "the password stays")
            try Expect.equal(expected.createdAt, alice.createdAt, "createdAt stays")
            try Expect.equal(await store.user(id: alice.id), expected, "read back")
            try Expect.equal(await store.user(id: bob.id), bob, "bob untouched")
            try await Expect.error(.notFound, "unknown user") {
                try await store.updateUser(id: 999_999, UserUpdate(displayName: "x"))
            }
            try await Expect.error(.notFound, "unknown user with an address") {
                try await store.updateUser(id: 999_999, UserUpdate(email: "x@example.com"))
            }
        },
        ContractCheck("accounts.statusAndDeletionRoundTrip") { store in
            let alice = try await store.createUser(NewUser(name: "alice", email: "alice@example.com",
                                                           passwordHash: "h"))
            let bob = try await store.createUser(NewUser(name: "bob", passwordHash: "h", status: .unverified))
            try Expect.equal(alice.status, .active, "the default status")
            try Expect.equal(alice.deletionDueAt, nil, "no deletion asked for")
            try Expect.equal(bob.status, .unverified, "the status given")
            try Expect.equal(await store.user(id: bob.id), bob, "read back")
            for status in AccountStatus.allCases {
                let user = try await store.createUser(NewUser(name: "u-\(status.rawValue)", passwordHash: "h",
                                                              status: status))
                try Expect.equal(await store.user(named: user.name)?.status, status, "\(status) read back")
            }
            try await store.scheduleUserDeletion(id: alice.id, at: 1_900_000_000)
            var expected = alice
            expected.deletionDueAt = 1_900_000_000
            try Expect.equal(await store.user(id: alice.id), expected, "user(id:) carries the deletion")
            try Expect.equal(await store.user(named: "alice"), expected, "user(named:) carries it")
            try Expect.equal(await store.user(email: "alice@example.com"), expected, "user(email:) carries it")
            try Expect.equal(await store.users().first { $0.id == alice.id }, expected, "users() carries it")
            let staff = try await store.createGroup(NewGroup(name: "staff"))
            try await store.addMember(groupID: staff.id, userID: alice.id)
            try Expect.equal(await store.members(groupID: staff.id), [expected], "members(groupID:) carries it")
            try await store.scheduleUserDeletion(id: alice.id, at: 1_800_000_000)
            try Expect.equal(await store.user(id: alice.id)?.deletionDueAt, 1_800_000_000, "moved")
            try await store.scheduleUserDeletion(id: alice.id, at: nil)
            try Expect.equal(await store.user(id: alice.id), alice, "cancelled")
            try await Expect.error(.notFound, "unknown user") {
                try await store.scheduleUserDeletion(id: 999_999, at: 1)
            }
        },
        ContractCheck("accounts.usersDueForDeletion") { store in
            let alice = try await store.createUser(NewUser(name: "alice", passwordHash: "h"))
            let bob = try await store.createUser(NewUser(name: "bob", passwordHash: "h"))
            let carol = try await store.createUser(NewUser(name: "carol", passwordHash: "h"))
            let dave = try await store.createUser(NewUser(name: "dave", passwordHash: "h"))
            _ = try await store.createUser(NewUser(name: "erin", passwordHash: "h"))
            try Expect.equal(await store.usersDueForDeletion(at: .max), [], "none asked for")
            try await store.scheduleUserDeletion(id: carol.id, at: 2_000)
            try await store.scheduleUserDeletion(id: alice.id, at: 3_000)
            try await store.scheduleUserDeletion(id: bob.id, at: 2_000)
            try await store.scheduleUserDeletion(id: dave.id, at: 1_000)
            try await store.scheduleUserDeletion(id: dave.id, at: nil)
            try Expect.equal(await store.usersDueForDeletion(at: 1_999), [], "before the first is due")
            try Expect.equal(await store.usersDueForDeletion(at: 2_000).map(\.name), ["bob", "carol"],
                             "due at the very second, ties by id")
            try Expect.equal(await store.usersDueForDeletion(at: 2_999).map(\.name), ["bob", "carol"], "just before")
            let due = try await store.usersDueForDeletion(at: 10_000)
            try Expect.equal(due.map(\.name), ["bob", "carol", "alice"], "earliest first; a cancelled one is not due")
            try Expect.equal(due.map(\.deletionDueAt), [2_000, 2_000, 3_000], "with their deletion times")
        },
        ContractCheck("accounts.preferences") { store in
            let alice = try await store.createUser(NewUser(name: "alice", passwordHash: "h"))
            let bob = try await store.createUser(NewUser(name: "bob", passwordHash: "h"))
            try Expect.equal(await store.userPreferences(userID: alice.id), nil, "none at first")
            let document = #"{"timeZone":"Europe/Berlin","weekStart":"monday","ü":"\u00fc \" \\"}"#
            try await store.setUserPreferences(userID: alice.id, document)
            try Expect.equal(await store.userPreferences(userID: alice.id), document, "stored as given")
            try await store.setFreeBusyVisibility(userID: alice.id, .nobody)
            try await store.setUserPreferences(userID: alice.id, "{}")
            try Expect.equal(await store.userPreferences(userID: alice.id), "{}", "replaced")
            try Expect.equal(await store.freeBusyVisibility(userID: alice.id), .nobody, "other settings kept")
            try await store.setFreeBusyVisibility(userID: alice.id, nil)
            try Expect.equal(await store.userPreferences(userID: alice.id), "{}", "kept when other settings go")
            try await store.setUserPreferences(userID: alice.id, nil)
            try Expect.equal(await store.userPreferences(userID: alice.id), nil, "removed")
            try await store.setUserPreferences(userID: alice.id, "[1]")
            try await store.setUserPreferences(userID: bob.id, "[2]")
            try Expect.equal(await store.userPreferences(userID: bob.id), "[2]", "per user")
            try await Expect.error(.notFound, "unknown user") {
                try await store.setUserPreferences(userID: 999_999, "{}")
            }
            try Expect.equal(await store.userPreferences(userID: 999_999), nil, "an unknown user has none")
            try await store.deleteUser(id: alice.id)
            try Expect.equal(await store.userPreferences(userID: alice.id), nil, "deleted with the user")
            try Expect.equal(await store.userPreferences(userID: bob.id), "[2]", "bob's kept")
        },
        ContractCheck("accounts.deleteUserRemovesAccountRecords") { store in
            let alice = try await store.createUser(NewUser(name: "alice", passwordHash: "h"))
            let bob = try await store.createUser(NewUser(name: "bob", passwordHash: "h"))
            _ = try await store.addOAuthClient(NewOAuthClient(clientID: "app", name: "App",
                                                              redirectURIs: ["https://app.example/cb"],
                                                              secretHash: nil))
            var grants: [Int64: OAuthGrant] = [:]
            for user in [alice, bob] {
                let grant = try await store.createOAuthGrant(userID: user.id, clientID: "app",
                                                             scopes: ["calendars.read"])
                grants[user.id] = grant
                _ = try await store.addAccessToken(NewAccessToken(userID: user.id, label: "app",
                                                                  tokenHash: "access-\(user.name)", scopes: [],
                                                                  expiresAt: 4_000_000_000, grantID: grant.id))
                _ = try await store.addRefreshToken(grantID: grant.id, tokenHash: "refresh-\(user.name)",
                                                    expiresAt: 4_000_000_000)
                _ = try await store.addOneTimeCode(NewOneTimeCode(codeHash: "code-\(user.name)", userID: user.id,
                                                                  purpose: "email-verification", payload: "{}",
                                                                  expiresAt: 4_000_000_000))
                try await store.setUserPreferences(userID: user.id, "{\"user\":\"\(user.name)\"}")
            }
            try await store.deleteUser(id: alice.id)
            try Expect.equal(await store.oauthGrants(userID: alice.id), [], "alice's grants")
            try Expect.equal(await store.oauthGrant(id: grants[alice.id]!.id), nil, "alice's grant by id")
            try Expect.equal(await store.accessToken(hash: "access-alice"), nil, "her grant's access token")
            try Expect.equal(await store.useRefreshToken(hash: "refresh-alice", at: 1_000), nil,
                             "her grant's refresh token")
            try Expect.equal(await store.redeemOneTimeCode(hash: "code-alice", purpose: "email-verification",
                                                           at: 1_000), nil, "her code")
            try Expect.equal(await store.userPreferences(userID: alice.id), nil, "her preferences")
            try Expect.equal(await store.oauthGrants(userID: bob.id), [grants[bob.id]!], "bob's grant kept")
            try Expect.that(await store.accessToken(hash: "access-bob") != nil, "bob's access token kept")
            guard case .redeemed = try await store.redeemOneTimeCode(hash: "code-bob", purpose: "email-verification",
                                                                     at: 1_000) else {
                throw ContractViolation("bob's code was not kept")
            }
            guard case .rotated = try await store.useRefreshToken(hash: "refresh-bob", at: 1_000) else {
                throw ContractViolation("bob's refresh token was not kept")
            }
            try Expect.equal(await store.userPreferences(userID: bob.id), #"{"user":"bob"}"#, "bob's preferences kept")
            try Expect.that(await store.oauthClient(clientID: "app") != nil, "the client stays")
        },
    ]
}
