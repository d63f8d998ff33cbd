import CalendarStore
import Foundation

extension StoreContract {
    static let oauth: [ContractCheck] = [
        ContractCheck("oauth.clientsAddListFind") { store in
            let before = Int64(Date().timeIntervalSince1970)
            let zeta = try await store.addOAuthClient(NewOAuthClient(
                clientID: "zeta", name: "Zeta Calendar",
                redirectURIs: ["https://zeta.example/cb?x=1&y=2", "com.zeta.app:/oauth", "http://127.0.0.1:9/ü \""],
                secretHash: oauthHash("secret")))
            let after = Int64(Date().timeIntervalSince1970)
            let alpha = try await store.addOAuthClient(NewOAuthClient(clientID: "alpha", name: "Alpha",
                                                                      redirectURIs: [], secretHash: nil))
            let upper = try await store.addOAuthClient(NewOAuthClient(clientID: "Zeta", name: "Other",
                                                                      redirectURIs: ["https://other.example/"],
                                                                      secretHash: nil))
            try Expect.that(zeta.id > 0 && Set([zeta.id, alpha.id, upper.id]).count == 3, "positive, distinct ids")
            try Expect.equal(zeta.clientID, "zeta", "clientID")
            try Expect.equal(zeta.name, "Zeta Calendar", "name")
            try Expect.equal(zeta.redirectURIs,
                             ["https://zeta.example/cb?x=1&y=2", "com.zeta.app:/oauth", "http://127.0.0.1:9/ü \""],
                             "redirect URIs exactly, in order")
            try Expect.equal(zeta.secretHash, oauthHash("secret"), "secretHash")
            try Expect.equal(alpha.secretHash, nil, "a public client has no secret")
            try Expect.equal(alpha.redirectURIs, [], "no redirect URIs")
            try Expect.that(zeta.createdAt >= before && zeta.createdAt <= after, "createdAt is now")
            try Expect.equal(await store.oauthClient(clientID: "zeta"), zeta, "found by client id")
            try Expect.equal(await store.oauthClient(clientID: "Zeta"), upper, "client ids compare exactly")
            try Expect.equal(await store.oauthClient(clientID: "beta"), nil, "unknown client id")
            try Expect.equal(await store.oauthClients(), [upper, alpha, zeta], "ordered by client id, by bytes")
            try await Expect.error(.alreadyExists, "the client id taken") {
                try await store.addOAuthClient(NewOAuthClient(clientID: "alpha", name: "Again", redirectURIs: [],
                                                              secretHash: oauthHash("x")))
            }
            try Expect.equal(await store.oauthClient(clientID: "alpha"), alpha, "the first client kept")
        },
        ContractCheck("oauth.deleteClientCascades") { store in
            let alice = try await store.createUser(NewUser(name: "alice", passwordHash: "h"))
            let fixture = try await OAuthFixture.make(store, user: alice, client: "app")
            let other = try await OAuthFixture.make(store, user: alice, client: "other")
            let personal = try await store.addAccessToken(NewAccessToken(
                userID: alice.id, label: "personal", tokenHash: oauthHash("personal"), scopes: [], expiresAt: nil))
            try await store.deleteOAuthClient(clientID: "app")
            try Expect.equal(await store.oauthClient(clientID: "app"), nil, "the client")
            try Expect.equal(await store.oauthGrant(id: fixture.grant.id), nil, "its grant")
            try Expect.equal(await store.oauthGrants(userID: alice.id), [other.grant], "the other client's grant stays")
            try Expect.equal(await store.accessToken(hash: fixture.accessToken.tokenHash), nil, "its access token")
            try Expect.equal(await store.useRefreshToken(hash: fixture.refreshToken.tokenHash, at: 1_000), nil,
                             "its refresh token")
            try Expect.equal(await store.accessTokens(userID: alice.id), [other.accessToken, personal],
                             "other tokens stay")
            try Expect.equal(await store.oauthClients().map(\.clientID), ["other"], "the remaining client")
            try await Expect.error(.notFound, "second delete") { try await store.deleteOAuthClient(clientID: "app") }
            _ = try await store.addOAuthClient(NewOAuthClient(clientID: "app", name: "New", redirectURIs: [],
                                                              secretHash: nil))
            try Expect.equal(await store.oauthGrants(userID: alice.id), [other.grant],
                             "a client registered again under the id has no grants")
        },
        ContractCheck("oauth.grantsCreateListFind") { store in
            let alice = try await store.createUser(NewUser(name: "alice", passwordHash: "h"))
            let bob = try await store.createUser(NewUser(name: "bob", passwordHash: "h"))
            for id in ["app", "other"] {
                _ = try await store.addOAuthClient(NewOAuthClient(clientID: id, name: id, redirectURIs: [],
                                                                  secretHash: nil))
            }
            let before = Int64(Date().timeIntervalSince1970)
            let first = try await store.createOAuthGrant(userID: alice.id, clientID: "other",
                                                         scopes: ["calendars.write", "calendars.read"])
            let after = Int64(Date().timeIntervalSince1970)
            let second = try await store.createOAuthGrant(userID: alice.id, clientID: "app", scopes: [])
            let again = try await store.createOAuthGrant(userID: alice.id, clientID: "app", scopes: ["freebusy"])
            let bobs = try await store.createOAuthGrant(userID: bob.id, clientID: "app", scopes: ["freebusy"])
            try Expect.that(Set([first.id, second.id, again.id, bobs.id]).count == 4 && first.id > 0,
                            "positive, distinct ids; a user may grant one client twice")
            try Expect.equal(first.userID, alice.id, "userID")
            try Expect.equal(first.clientID, "other", "clientID")
            try Expect.equal(first.scopes, ["calendars.write", "calendars.read"], "scopes in the order given")
            try Expect.equal(second.scopes, [], "no scopes")
            try Expect.that(first.createdAt >= before && first.createdAt <= after, "createdAt is now")
            try Expect.equal(await store.oauthGrants(userID: alice.id), [first, second, again], "oldest first")
            try Expect.equal(await store.oauthGrants(userID: bob.id), [bobs], "bob's")
            try Expect.equal(await store.oauthGrants(userID: 999_999), [], "an unknown user has none")
            try Expect.equal(await store.oauthGrant(id: again.id), again, "found by id")
            try Expect.equal(await store.oauthGrant(id: 999_999), nil, "unknown id")
            try await Expect.error(.notFound, "unknown user") {
                try await store.createOAuthGrant(userID: 999_999, clientID: "app", scopes: [])
            }
            try await Expect.error(.notFound, "unknown client") {
                try await store.createOAuthGrant(userID: alice.id, clientID: "nobody", scopes: [])
            }
            try await Expect.error(.notFound, "client ids compare exactly") {
                try await store.createOAuthGrant(userID: alice.id, clientID: "APP", scopes: [])
            }
            try Expect.equal(await store.oauthGrants(userID: alice.id).count, 3, "nothing created by the refusals")
        },
        ContractCheck("oauth.deleteGrantCascades") { store in
            let alice = try await store.createUser(NewUser(name: "alice", passwordHash: "h"))
            let revoked = try await OAuthFixture.make(store, user: alice, client: "app")
            let kept = try await OAuthFixture.make(store, user: alice, client: "app", tag: "kept")
            let personal = try await store.addAccessToken(NewAccessToken(
                userID: alice.id, label: "personal", tokenHash: oauthHash("personal"), scopes: [], expiresAt: nil))
            try await store.deleteOAuthGrant(id: revoked.grant.id)
            try Expect.equal(await store.oauthGrant(id: revoked.grant.id), nil, "the grant")
            try Expect.equal(await store.oauthGrants(userID: alice.id), [kept.grant], "the other grant stays")
            try Expect.equal(await store.accessToken(hash: revoked.accessToken.tokenHash), nil, "its access token")
            try Expect.equal(await store.useRefreshToken(hash: revoked.refreshToken.tokenHash, at: 1_000), nil,
                             "its refresh token")
            try Expect.equal(await store.accessTokens(userID: alice.id), [kept.accessToken, personal],
                             "the other grant's token and the personal one stay")
            guard case .rotated = try await store.useRefreshToken(hash: kept.refreshToken.tokenHash, at: 1_000) else {
                throw ContractViolation("the other grant's refresh token should stay live")
            }
            try await Expect.error(.notFound, "second delete") {
                try await store.deleteOAuthGrant(id: revoked.grant.id)
            }
            try await Expect.error(.notFound, "unknown grant") { try await store.deleteOAuthGrant(id: 999_999) }
            try Expect.that(await store.oauthClient(clientID: "app") != nil, "the client stays")
        },
        ContractCheck("oauth.accessTokenGrantChecked") { store in
            let alice = try await store.createUser(NewUser(name: "alice", passwordHash: "h"))
            let bob = try await store.createUser(NewUser(name: "bob", passwordHash: "h"))
            _ = try await store.addOAuthClient(NewOAuthClient(clientID: "app", name: "App", redirectURIs: [],
                                                              secretHash: nil))
            let grant = try await store.createOAuthGrant(userID: alice.id, clientID: "app", scopes: ["calendars.read"])
            let token = try await store.addAccessToken(NewAccessToken(
                userID: alice.id, label: "App", tokenHash: oauthHash("1"), scopes: ["calendars.read"],
                expiresAt: 4_000_000_000, grantID: grant.id))
            let personal = try await store.addAccessToken(NewAccessToken(
                userID: alice.id, label: "script", tokenHash: oauthHash("2"), scopes: [], expiresAt: nil))
            try Expect.equal(token.grantID, grant.id, "grantID")
            try Expect.equal(personal.grantID, nil, "a personal token has no grant")
            try Expect.equal(await store.accessToken(hash: oauthHash("1")), token, "grantID read back by hash")
            try Expect.equal(await store.accessTokens(userID: alice.id), [token, personal],
                             "personal and grant-issued, oldest first")
            try await Expect.error(.notFound, "unknown grant") {
                try await store.addAccessToken(NewAccessToken(userID: alice.id, label: "x", tokenHash: oauthHash("3"),
                                                              scopes: [], expiresAt: nil, grantID: 999_999))
            }
            try await Expect.error(.notFound, "another user's grant") {
                try await store.addAccessToken(NewAccessToken(userID: bob.id, label: "x", tokenHash: oauthHash("4"),
                                                              scopes: [], expiresAt: nil, grantID: grant.id))
            }
            try Expect.equal(await store.accessToken(hash: oauthHash("3")), nil, "nothing stored (unknown grant)")
            try Expect.equal(await store.accessTokens(userID: bob.id), [], "nothing stored (another user's grant)")
        },
        ContractCheck("oauth.refreshTokensRotateOnceThenReplay") { store in
            let alice = try await store.createUser(NewUser(name: "alice", passwordHash: "h"))
            _ = try await store.addOAuthClient(NewOAuthClient(clientID: "app", name: "App", redirectURIs: [],
                                                              secretHash: nil))
            let grant = try await store.createOAuthGrant(userID: alice.id, clientID: "app", scopes: ["calendars.read"])
            let before = Int64(Date().timeIntervalSince1970)
            let token = try await store.addRefreshToken(grantID: grant.id, tokenHash: oauthHash("1"), expiresAt: 2_000)
            let after = Int64(Date().timeIntervalSince1970)
            try Expect.that(token.id > 0, "a positive id")
            try Expect.equal(token.grantID, grant.id, "grantID")
            try Expect.equal(token.tokenHash, oauthHash("1"), "tokenHash")
            try Expect.equal(token.expiresAt, 2_000, "expiresAt")
            try Expect.equal(token.replacedAt, nil, "live")
            try Expect.that(token.createdAt >= before && token.createdAt <= after, "createdAt is now")
            try Expect.equal(await store.useRefreshToken(hash: oauthHash("1"), at: 2_001), nil, "expired")
            var replaced = token
            replaced.replacedAt = 2_000
            try Expect.equal(await store.useRefreshToken(hash: oauthHash("1"), at: 2_000),
                             .rotated(replaced, grant: grant), "rotated, up to its last second")
            try Expect.equal(await store.useRefreshToken(hash: oauthHash("1"), at: 2_000),
                             .replayed(replaced, grant: grant), "used again: replayed, the first use's time kept")
            try Expect.equal(await store.useRefreshToken(hash: oauthHash("1"), at: 2_001), nil,
                             "replayed after it expired: nil")
            try Expect.equal(await store.useRefreshToken(hash: oauthHash("2"), at: 1_000), nil, "unknown")
            let next = try await store.addRefreshToken(grantID: grant.id, tokenHash: oauthHash("2"), expiresAt: 3_000)
            try Expect.that(next.id != token.id, "distinct ids")
            try await Expect.error(.alreadyExists, "same hash") {
                try await store.addRefreshToken(grantID: grant.id, tokenHash: oauthHash("1"), expiresAt: 5_000)
            }
            try await Expect.error(.notFound, "unknown grant") {
                try await store.addRefreshToken(grantID: 999_999, tokenHash: oauthHash("3"), expiresAt: 5_000)
            }
            try Expect.equal(await store.useRefreshToken(hash: oauthHash("3"), at: 1_000), nil,
                             "nothing stored for the unknown grant")
            replaced = next
            replaced.replacedAt = 1_000
            try Expect.equal(await store.useRefreshToken(hash: oauthHash("2"), at: 1_000),
                             .rotated(replaced, grant: grant), "the next token")
        },
        ContractCheck("oauth.concurrentRefreshHasOneWinner") { store in
            let alice = try await store.createUser(NewUser(name: "alice", passwordHash: "h"))
            let fixture = try await OAuthFixture.make(store, user: alice, client: "app")
            let outcomes = await race(16) { attempt throws(StoreError) in
                try await store.useRefreshToken(hash: fixture.refreshToken.tokenHash, at: 1_000 + Int64(attempt))
            }
            var rotated: [RefreshToken] = [], replayed: [RefreshToken] = []
            for outcome in outcomes {
                switch try outcome.get() {
                case .rotated(let token, let grant):
                    try Expect.equal(grant, fixture.grant, "the token's grant")
                    rotated.append(token)
                case .replayed(let token, _): replayed.append(token)
                case nil: throw ContractViolation("a live refresh token was not found")
                }
            }
            try Expect.equal(rotated.count, 1, "rotations of one refresh token")
            try Expect.that(replayed.allSatisfy { $0 == rotated[0] }, "the others see the winner's rotation")
        },
    ]

    /// A hash as the server stores it: the lowercase hexadecimal SHA-256 of a secret.
    static func oauthHash(_ secret: String) -> String {
        SHA256.hash(Array(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

/// A client (created when missing) with one grant of the user, and the grant's access and refresh token.
struct OAuthFixture {
    let grant: OAuthGrant
    let accessToken: AccessToken
    let refreshToken: RefreshToken

    static func make(_ store: any CalendarStore, user: User, client: String, tag: String = "")
        async throws -> OAuthFixture {
        if try await store.oauthClient(clientID: client) == nil {
            _ = try await store.addOAuthClient(NewOAuthClient(clientID: client, name: client,
                                                              redirectURIs: ["https://\(client).example/cb"],
                                                              secretHash: nil))
        }
        let grant = try await store.createOAuthGrant(userID: user.id, clientID: client, scopes: ["calendars.read"])
        let secret = "\(client)-\(tag)-\(grant.id)"
        let accessToken = try await store.addAccessToken(NewAccessToken(
            userID: user.id, label: client, tokenHash: StoreContract.oauthHash("access-" + secret),
            scopes: ["calendars.read"], expiresAt: 4_000_000_000, grantID: grant.id))
        let refreshToken = try await store.addRefreshToken(grantID: grant.id,
                                                           tokenHash: StoreContract.oauthHash("refresh-" + secret),
                                                           expiresAt: 4_000_000_000)
        return OAuthFixture(grant: grant, accessToken: accessToken, refreshToken: refreshToken)
    }
}
