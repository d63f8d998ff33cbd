import CalendarStore
import Foundation

extension StoreContract {
    static let accessTokens: [ContractCheck] = [
        ContractCheck("accessTokens.addListFindRevoke") { store in
            let alice = try await store.createUser(NewUser(name: "alice", passwordHash: "h"))
            let before = Int64(Date().timeIntervalSince1970)
            let script = try await store.addAccessToken(NewAccessToken(
                userID: alice.id, label: "script", tokenHash: hash("1"), scopes: ["calendars.read", "calendars.write"],
                expiresAt: 4_000_000_000))
            let after = Int64(Date().timeIntervalSince1970)
            let backup = try await store.addAccessToken(NewAccessToken(
                userID: alice.id, label: "backup", tokenHash: hash("2"), scopes: ["calendars.read"], expiresAt: nil))
            try Expect.that(script.id > 0 && backup.id != script.id, "positive, distinct ids")
            try Expect.equal(script.userID, alice.id, "userID")
            try Expect.equal(script.label, "script", "label")
            try Expect.equal(script.tokenHash, hash("1"), "tokenHash")
            try Expect.equal(script.scopes, ["calendars.read", "calendars.write"], "scopes")
            try Expect.equal(script.expiresAt, 4_000_000_000, "expiresAt")
            try Expect.equal(script.lastUsedAt, nil, "a new token was never used")
            try Expect.that(script.createdAt >= before && script.createdAt <= after, "createdAt is now")
            try Expect.equal(await store.accessTokens(userID: alice.id), [script, backup], "listed oldest first")
            try Expect.equal(await store.accessToken(hash: hash("1")), script, "found by hash")
            try Expect.equal(await store.accessToken(hash: hash("3")), nil, "unknown hash")
            try await store.revokeAccessToken(userID: alice.id, id: script.id)
            try Expect.equal(await store.accessTokens(userID: alice.id), [backup], "after revoke")
            try Expect.equal(await store.accessToken(hash: hash("1")), nil, "a revoked token is not found")
            try await Expect.error(.notFound, "second revoke") {
                try await store.revokeAccessToken(userID: alice.id, id: script.id)
            }
        },
        ContractCheck("accessTokens.crossUserRevokeRefused") { store in
            let alice = try await store.createUser(NewUser(name: "alice", passwordHash: "h"))
            let bob = try await store.createUser(NewUser(name: "bob", passwordHash: "h"))
            let token = try await store.addAccessToken(NewAccessToken(
                userID: alice.id, label: "script", tokenHash: hash("1"), scopes: ["freebusy"], expiresAt: nil))
            try await Expect.error(.notFound, "bob revoking alice's token") {
                try await store.revokeAccessToken(userID: bob.id, id: token.id)
            }
            try Expect.equal(await store.accessTokens(userID: alice.id), [token], "alice's token kept")
            try Expect.equal(await store.accessTokens(userID: bob.id), [], "bob has none")
        },
        ContractCheck("accessTokens.duplicateHashAndUnknownUserRefused") { store in
            let alice = try await store.createUser(NewUser(name: "alice", passwordHash: "h"))
            let bob = try await store.createUser(NewUser(name: "bob", passwordHash: "h"))
            let token = try await store.addAccessToken(NewAccessToken(
                userID: alice.id, label: "script", tokenHash: hash("1"), scopes: ["admin"], expiresAt: nil))
            try await Expect.error(.alreadyExists, "same hash, same user") {
                try await store.addAccessToken(NewAccessToken(
                    userID: alice.id, label: "again", tokenHash: hash("1"), scopes: ["admin"], expiresAt: nil))
            }
            try await Expect.error(.alreadyExists, "same hash, another user") {
                try await store.addAccessToken(NewAccessToken(
                    userID: bob.id, label: "bob's", tokenHash: hash("1"), scopes: ["freebusy"], expiresAt: nil))
            }
            try await Expect.error(.notFound, "add for unknown user") {
                try await store.addAccessToken(NewAccessToken(
                    userID: 999_999, label: "x", tokenHash: hash("2"), scopes: [], expiresAt: nil))
            }
            try Expect.equal(await store.accessTokens(userID: alice.id), [token], "alice's tokens unchanged")
            try Expect.equal(await store.accessTokens(userID: bob.id), [], "bob has none")
            try Expect.equal(await store.accessToken(hash: hash("1")), token, "the hash still names alice's token")
            try Expect.equal(await store.accessToken(hash: hash("2")), nil, "nothing stored for the unknown user")
        },
        ContractCheck("accessTokens.recordUse") { store in
            let alice = try await store.createUser(NewUser(name: "alice", passwordHash: "h"))
            let used = try await store.addAccessToken(NewAccessToken(
                userID: alice.id, label: "used", tokenHash: hash("1"), scopes: ["calendars.read"], expiresAt: nil))
            let idle = try await store.addAccessToken(NewAccessToken(
                userID: alice.id, label: "idle", tokenHash: hash("2"), scopes: ["calendars.read"], expiresAt: nil))
            try await store.recordAccessTokenUse(id: used.id, at: 1_700_000_000)
            var expected = used
            expected.lastUsedAt = 1_700_000_000
            try Expect.equal(await store.accessToken(hash: hash("1")), expected, "lastUsedAt set, nothing else changed")
            try await store.recordAccessTokenUse(id: used.id, at: 1_700_000_060)
            expected.lastUsedAt = 1_700_000_060
            try Expect.equal(await store.accessTokens(userID: alice.id), [expected, idle], "later use replaces it")
            try await store.recordAccessTokenUse(id: 999_999, at: 1_700_000_120)
            try await store.revokeAccessToken(userID: alice.id, id: idle.id)
            try await store.recordAccessTokenUse(id: idle.id, at: 1_700_000_120)
            try Expect.equal(await store.accessTokens(userID: alice.id), [expected],
                             "recording the use of a missing token does nothing")
        },
        ContractCheck("accessTokens.scopesAndExpiryRoundTrip") { store in
            let alice = try await store.createUser(NewUser(name: "alice", passwordHash: "h"))
            let cases: [(scopes: [String], expiresAt: Int64?)] = [
                (["admin", "calendars.read", "freebusy"], nil),
                (["calendars.write"], 1),
                ([], 4_102_444_800),
            ]
            var added: [AccessToken] = []
            for (number, given) in cases.enumerated() {
                let token = try await store.addAccessToken(NewAccessToken(
                    userID: alice.id, label: "token \(number)", tokenHash: hash("\(number)"), scopes: given.scopes,
                    expiresAt: given.expiresAt))
                try Expect.equal(token.scopes, given.scopes, "scopes as given, in their order")
                try Expect.equal(token.expiresAt, given.expiresAt, "expiresAt as given")
                added.append(token)
            }
            for (number, token) in added.enumerated() {
                try Expect.equal(await store.accessToken(hash: hash("\(number)")), token,
                                 "token \(number) read back (an expired one too)")
            }
            try Expect.equal(await store.accessTokens(userID: alice.id), added, "all read back, oldest first")
        },
        ContractCheck("accessTokens.deleteUserRemovesTokens") { store in
            let alice = try await store.createUser(NewUser(name: "alice", passwordHash: "h"))
            let bob = try await store.createUser(NewUser(name: "bob", passwordHash: "h"))
            _ = try await store.addAccessToken(NewAccessToken(
                userID: alice.id, label: "script", tokenHash: hash("1"), scopes: ["calendars.read"], expiresAt: nil))
            let bobs = try await store.addAccessToken(NewAccessToken(
                userID: bob.id, label: "script", tokenHash: hash("2"), scopes: ["calendars.read"], expiresAt: nil))
            try await store.deleteUser(id: alice.id)
            try Expect.equal(await store.accessTokens(userID: alice.id), [], "the deleted user's tokens")
            try Expect.equal(await store.accessToken(hash: hash("1")), nil, "the deleted user's token by hash")
            try Expect.equal(await store.accessTokens(userID: bob.id), [bobs], "bob's tokens kept")
            try Expect.equal(await store.accessToken(hash: hash("2")), bobs, "bob's token by hash")
        },
    ]

    /// A token hash as the server stores it: the lowercase hexadecimal SHA-256 of a secret.
    private static func hash(_ secret: String) -> String {
        SHA256.hash(Array(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
