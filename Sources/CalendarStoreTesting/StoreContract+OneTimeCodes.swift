import CalendarStore
import Foundation

extension StoreContract {
    static let oneTimeCodes: [ContractCheck] = [
        ContractCheck("oneTimeCodes.redeemOnceThenAlreadyUsed") { store in
            let alice = try await store.createUser(NewUser(name: "alice", passwordHash: "h"))
            let before = Int64(Date().timeIntervalSince1970)
            let code = try await store.addOneTimeCode(NewOneTimeCode(
                codeHash: codeHash("1"), userID: alice.id, purpose: "email-verification",
                payload: #"{"email":"alice@example.com"}"#, expiresAt: 2_000))
            let after = Int64(Date().timeIntervalSince1970)
            try Expect.that(code.id > 0, "a positive id")
            try Expect.equal(code.codeHash, codeHash("1"), "codeHash")
            try Expect.equal(code.userID, alice.id, "userID")
            try Expect.equal(code.purpose, "email-verification", "purpose")
            try Expect.equal(code.payload, #"{"email":"alice@example.com"}"#, "payload as given")
            try Expect.equal(code.expiresAt, 2_000, "expiresAt")
            try Expect.equal(code.usedAt, nil, "not used yet")
            try Expect.that(code.createdAt >= before && code.createdAt <= after, "createdAt is now")
            var used = code
            used.usedAt = 1_500
            try Expect.equal(await store.redeemOneTimeCode(hash: codeHash("1"), purpose: "email-verification",
                                                           at: 1_500), .redeemed(used), "first redemption")
            try Expect.equal(await store.redeemOneTimeCode(hash: codeHash("1"), purpose: "email-verification",
                                                           at: 1_600), .alreadyUsed(used),
                             "second redemption: the first one's time is kept")
        },
        ContractCheck("oneTimeCodes.wrongPurposeExpiredOrUnknownIsNil") { store in
            let code = try await store.addOneTimeCode(NewOneTimeCode(
                codeHash: codeHash("1"), userID: nil, purpose: "oauth-code", payload: "{}", expiresAt: 2_000))
            try Expect.equal(await store.redeemOneTimeCode(hash: codeHash("1"), purpose: "email-verification",
                                                           at: 1_000), nil, "another purpose")
            try Expect.equal(await store.redeemOneTimeCode(hash: codeHash("1"), purpose: "OAUTH-CODE", at: 1_000), nil,
                             "purposes compare exactly")
            try Expect.equal(await store.redeemOneTimeCode(hash: codeHash("1"), purpose: "oauth-code", at: 2_001), nil,
                             "expired")
            try Expect.equal(await store.redeemOneTimeCode(hash: codeHash("2"), purpose: "oauth-code", at: 1_000), nil,
                             "unknown")
            var used = code
            used.usedAt = 2_000
            try Expect.equal(await store.redeemOneTimeCode(hash: codeHash("1"), purpose: "oauth-code", at: 2_000),
                             .redeemed(used), "the refusals used nothing up; the last second still counts")
            try Expect.equal(await store.redeemOneTimeCode(hash: codeHash("1"), purpose: "oauth-code", at: 2_001), nil,
                             "used, then expired: nil")
            try Expect.equal(await store.redeemOneTimeCode(hash: codeHash("1"), purpose: "other", at: 2_000), nil,
                             "used, asked for another purpose: nil")
        },
        ContractCheck("oneTimeCodes.userOptionalHashUnique") { store in
            let alice = try await store.createUser(NewUser(name: "alice", passwordHash: "h"))
            let bob = try await store.createUser(NewUser(name: "bob", passwordHash: "h"))
            let anonymous = try await store.addOneTimeCode(NewOneTimeCode(
                codeHash: codeHash("sso"), userID: nil, purpose: "sso-state", payload: "{}", expiresAt: 2_000))
            try Expect.equal(anonymous.userID, nil, "no user")
            let alices = try await store.addOneTimeCode(NewOneTimeCode(
                codeHash: codeHash("a"), userID: alice.id, purpose: "sso-state", payload: "{}", expiresAt: 2_000))
            try Expect.that(alices.id != anonymous.id, "distinct ids")
            try await Expect.error(.notFound, "unknown user") {
                try await store.addOneTimeCode(NewOneTimeCode(
                    codeHash: codeHash("x"), userID: 999_999, purpose: "sso-state", payload: "{}", expiresAt: 2_000))
            }
            try await Expect.error(.alreadyExists, "same hash, another user") {
                try await store.addOneTimeCode(NewOneTimeCode(
                    codeHash: codeHash("a"), userID: bob.id, purpose: "other", payload: "[]", expiresAt: 3_000))
            }
            try await Expect.error(.alreadyExists, "same hash, no user") {
                try await store.addOneTimeCode(NewOneTimeCode(
                    codeHash: codeHash("sso"), userID: nil, purpose: "sso-state", payload: "{}", expiresAt: 2_000))
            }
            var used = alices
            used.usedAt = 1_000
            try Expect.equal(await store.redeemOneTimeCode(hash: codeHash("a"), purpose: "sso-state", at: 1_000),
                             .redeemed(used), "the first code of the hash is the one kept")
            try Expect.equal(await store.redeemOneTimeCode(hash: codeHash("x"), purpose: "sso-state", at: 1_000), nil,
                             "nothing stored for the unknown user")
            used = anonymous
            used.usedAt = 1_000
            try Expect.equal(await store.redeemOneTimeCode(hash: codeHash("sso"), purpose: "sso-state", at: 1_000),
                             .redeemed(used), "a code without a user is redeemed too")
        },
        ContractCheck("oneTimeCodes.deletedWithTheirUser") { store in
            let alice = try await store.createUser(NewUser(name: "alice", passwordHash: "h"))
            let bob = try await store.createUser(NewUser(name: "bob", passwordHash: "h"))
            for (secret, userID) in [("a", alice.id), ("b", bob.id), ("n", nil)] as [(String, Int64?)] {
                _ = try await store.addOneTimeCode(NewOneTimeCode(
                    codeHash: codeHash(secret), userID: userID, purpose: "p", payload: "{}", expiresAt: 2_000))
            }
            try await store.deleteUser(id: alice.id)
            try Expect.equal(await store.redeemOneTimeCode(hash: codeHash("a"), purpose: "p", at: 1_000), nil,
                             "the deleted user's code")
            _ = try await store.addOneTimeCode(NewOneTimeCode(
                codeHash: codeHash("a"), userID: nil, purpose: "p", payload: "{}", expiresAt: 2_000))
            for secret in ["b", "n", "a"] {
                guard case .redeemed = try await store.redeemOneTimeCode(hash: codeHash(secret), purpose: "p",
                                                                         at: 1_000) else {
                    throw ContractViolation("code \(secret) should be redeemable")
                }
            }
        },
        ContractCheck("oneTimeCodes.concurrentRedemptionHasOneWinner") { store in
            _ = try await store.addOneTimeCode(NewOneTimeCode(
                codeHash: codeHash("1"), userID: nil, purpose: "oauth-code", payload: "{}", expiresAt: 2_000))
            let outcomes = await race(16) { attempt throws(StoreError) in
                try await store.redeemOneTimeCode(hash: codeHash("1"), purpose: "oauth-code",
                                                  at: 1_000 + Int64(attempt))
            }
            var redeemed: [OneTimeCode] = [], alreadyUsed: [OneTimeCode] = []
            for outcome in outcomes {
                switch try outcome.get() {
                case .redeemed(let code): redeemed.append(code)
                case .alreadyUsed(let code): alreadyUsed.append(code)
                case nil: throw ContractViolation("a live code was not found")
                }
            }
            try Expect.equal(redeemed.count, 1, "redemptions of one code")
            try Expect.that(alreadyUsed.allSatisfy { $0 == redeemed[0] }, "the others see the winner's use")
        },
        ContractCheck("credentials.pruneExpired") { store in
            let alice = try await store.createUser(NewUser(name: "alice", passwordHash: "h"))
            _ = try await store.addOAuthClient(NewOAuthClient(clientID: "app", name: "App", redirectURIs: [],
                                                              secretHash: nil))
            let grant = try await store.createOAuthGrant(userID: alice.id, clientID: "app", scopes: [])
            for (secret, expiry) in [("old", Int64(999)), ("edge", 1_000), ("new", 5_000)] {
                _ = try await store.addOneTimeCode(NewOneTimeCode(
                    codeHash: codeHash("code-" + secret), userID: alice.id, purpose: "p", payload: "{}",
                    expiresAt: expiry))
                _ = try await store.addRefreshToken(grantID: grant.id, tokenHash: codeHash("refresh-" + secret),
                                                    expiresAt: expiry)
                _ = try await store.addAccessToken(NewAccessToken(
                    userID: alice.id, label: "app", tokenHash: codeHash("access-" + secret), scopes: [],
                    expiresAt: expiry, grantID: grant.id))
                _ = try await store.addAccessToken(NewAccessToken(
                    userID: alice.id, label: "personal", tokenHash: codeHash("personal-" + secret), scopes: [],
                    expiresAt: expiry))
            }
            let used = try await store.redeemOneTimeCode(hash: codeHash("code-edge"), purpose: "p", at: 900)
            try Expect.that(used != nil, "a code used before it expires")
            try Expect.equal(await store.pruneExpiredCredentials(before: 1_000), 3,
                             "one code, one refresh token and one grant-issued access token expired before")
            try Expect.equal(await store.pruneExpiredCredentials(before: 1_000), 0, "nothing left to prune")
            let tokens = try await store.accessTokens(userID: alice.id)
            try Expect.equal(tokens.map(\.label), ["personal", "app", "personal", "app", "personal"],
                             "the expired personal token stays")
            try Expect.equal(await store.accessToken(hash: codeHash("access-old")), nil, "the expired grant token")
            try Expect.that(await store.accessToken(hash: codeHash("personal-old")) != nil, "the personal one")
            guard case .alreadyUsed = try await store.redeemOneTimeCode(hash: codeHash("code-edge"), purpose: "p",
                                                                        at: 1_000) else {
                throw ContractViolation("a used code that expires at the cut-off must stay")
            }
            guard case .rotated = try await store.useRefreshToken(hash: codeHash("refresh-edge"), at: 1_000) else {
                throw ContractViolation("a refresh token expiring at the cut-off must stay")
            }
            try Expect.equal(await store.pruneExpiredCredentials(before: 5_001), 6,
                             "the rest of the codes, refresh tokens and grant-issued access tokens")
            try Expect.equal(await store.accessTokens(userID: alice.id).map(\.label),
                             ["personal", "personal", "personal"], "personal tokens are never pruned")
            try Expect.equal(await store.oauthGrants(userID: alice.id), [grant], "the grant itself stays")
        },
    ]

    /// A code or token hash as the server stores it: the lowercase hexadecimal SHA-256 of a secret.
    private static func codeHash(_ secret: String) -> String {
        SHA256.hash(Array(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
