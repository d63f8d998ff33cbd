import CalendarStore
import Foundation

/// OAuth 2.0 clients, grants and refresh tokens, with the contract's cascades (a client's grants, a grant's tokens)
/// and answers (rotation once, then `replayed`) so the server's authorization server meets them in its tests.
extension AccountStoreFake {
    func addOAuthClient(_ client: NewOAuthClient) async throws(StoreError) -> OAuthClient {
        try withState { (s: inout State) throws(StoreError) -> OAuthClient in
            guard s.oauthClients[client.clientID] == nil else { throw .alreadyExists }
            let record = OAuthClient(id: s.nextID, clientID: client.clientID, name: client.name,
                                     redirectURIs: client.redirectURIs, secretHash: client.secretHash,
                                     createdAt: Self.now())
            s.nextID += 1
            s.oauthClients[client.clientID] = record
            return record
        }
    }

    func oauthClient(clientID: String) async throws(StoreError) -> OAuthClient? {
        try withState { s in s.oauthClients[clientID] }
    }

    func oauthClients() async throws(StoreError) -> [OAuthClient] {
        try withState { s in
            s.oauthClients.values.sorted { Array($0.clientID.utf8).lexicographicallyPrecedes(Array($1.clientID.utf8)) }
        }
    }

    func deleteOAuthClient(clientID: String) async throws(StoreError) {
        try withState { (s: inout State) throws(StoreError) in
            guard s.oauthClients.removeValue(forKey: clientID) != nil else { throw .notFound }
            for grant in s.oauthGrants.values where grant.clientID == clientID {
                Self.removeOAuthGrant(grant.id, from: &s)
            }
        }
    }

    func createOAuthGrant(userID: Int64, clientID: String, scopes: [String]) async throws(StoreError) -> OAuthGrant {
        try withState { (s: inout State) throws(StoreError) -> OAuthGrant in
            guard s.users[userID] != nil, s.oauthClients[clientID] != nil else { throw .notFound }
            let grant = OAuthGrant(id: s.nextID, userID: userID, clientID: clientID, scopes: scopes,
                                   createdAt: Self.now())
            s.nextID += 1
            s.oauthGrants[grant.id] = grant
            return grant
        }
    }

    func oauthGrant(id: Int64) async throws(StoreError) -> OAuthGrant? {
        try withState { s in s.oauthGrants[id] }
    }

    func oauthGrants(userID: Int64) async throws(StoreError) -> [OAuthGrant] {
        try withState { s in s.oauthGrants.values.filter { $0.userID == userID }.sorted { $0.id < $1.id } }
    }

    func deleteOAuthGrant(id: Int64) async throws(StoreError) {
        try withState { (s: inout State) throws(StoreError) in
            guard s.oauthGrants[id] != nil else { throw .notFound }
            Self.removeOAuthGrant(id, from: &s)
        }
    }

    func addRefreshToken(grantID: Int64, tokenHash: String, expiresAt: Int64) async throws(StoreError)
        -> RefreshToken {
        try withState { (s: inout State) throws(StoreError) -> RefreshToken in
            guard s.oauthGrants[grantID] != nil else { throw .notFound }
            if s.refreshTokens.values.contains(where: { $0.tokenHash == tokenHash }) { throw .alreadyExists }
            let token = RefreshToken(id: s.nextID, grantID: grantID, tokenHash: tokenHash, createdAt: Self.now(),
                                     expiresAt: expiresAt, replacedAt: nil)
            s.nextID += 1
            s.refreshTokens[token.id] = token
            return token
        }
    }

    func useRefreshToken(hash: String, at: Int64) async throws(StoreError) -> RefreshTokenUse? {
        try withState { s in
            guard var token = s.refreshTokens.values.first(where: { $0.tokenHash == hash }), token.expiresAt >= at,
                  let grant = s.oauthGrants[token.grantID] else { return nil }
            guard token.replacedAt == nil else { return .replayed(token, grant: grant) }
            token.replacedAt = at
            s.refreshTokens[token.id] = token
            return .rotated(token, grant: grant)
        }
    }

    /// Drops the grant with the access and refresh tokens it issued, as the stores' foreign keys do.
    static func removeOAuthGrant(_ id: Int64, from s: inout State) {
        s.oauthGrants[id] = nil
        s.accessTokens = s.accessTokens.filter { $0.value.grantID != id }
        s.refreshTokens = s.refreshTokens.filter { $0.value.grantID != id }
    }

    private static func now() -> Int64 { Int64(Date().timeIntervalSince1970) }
}
