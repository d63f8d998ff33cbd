import CalendarStore

extension InMemoryStore {
    // MARK: OAuth 2.0 clients, grants and refresh tokens

    public func addOAuthClient(_ client: NewOAuthClient) throws(StoreError) -> OAuthClient {
        guard oauthClientTable[client.clientID] == nil else { throw .alreadyExists }
        let stored = OAuthClient(id: nextID(), clientID: client.clientID, name: client.name,
                                 redirectURIs: client.redirectURIs, secretHash: client.secretHash, createdAt: now())
        oauthClientTable[client.clientID] = stored
        return stored
    }

    public func oauthClient(clientID: String) -> OAuthClient? { oauthClientTable[clientID] }

    public func oauthClients() -> [OAuthClient] {
        // By bytes, as SQLite's BINARY and PostgreSQL's "C" order them.
        oauthClientTable.values.sorted { Array($0.clientID.utf8).lexicographicallyPrecedes(Array($1.clientID.utf8)) }
    }

    public func deleteOAuthClient(clientID: String) throws(StoreError) {
        guard oauthClientTable.removeValue(forKey: clientID) != nil else { throw .notFound }
        for grant in oauthGrantTable.values where grant.clientID == clientID { removeOAuthGrant(grant.id) }
    }

    public func createOAuthGrant(userID: Int64, clientID: String, scopes: [String]) throws(StoreError) -> OAuthGrant {
        guard userTable[userID] != nil, oauthClientTable[clientID] != nil else { throw .notFound }
        let grant = OAuthGrant(id: nextID(), userID: userID, clientID: clientID, scopes: scopes, createdAt: now())
        oauthGrantTable[grant.id] = grant
        return grant
    }

    public func oauthGrant(id: Int64) -> OAuthGrant? { oauthGrantTable[id] }

    public func oauthGrants(userID: Int64) -> [OAuthGrant] {
        oauthGrantTable.values.filter { $0.userID == userID }.sorted { $0.id < $1.id }
    }

    public func deleteOAuthGrant(id: Int64) throws(StoreError) {
        guard oauthGrantTable[id] != nil else { throw .notFound }
        removeOAuthGrant(id)
    }

    public func addRefreshToken(grantID: Int64, tokenHash: String, expiresAt: Int64) throws(StoreError)
        -> RefreshToken {
        guard oauthGrantTable[grantID] != nil else { throw .notFound }
        guard !refreshTokenTable.values.contains(where: { $0.tokenHash == tokenHash }) else { throw .alreadyExists }
        let token = RefreshToken(id: nextID(), grantID: grantID, tokenHash: tokenHash, createdAt: now(),
                                 expiresAt: expiresAt, replacedAt: nil)
        refreshTokenTable[token.id] = token
        return token
    }

    public func useRefreshToken(hash: String, at: Int64) -> RefreshTokenUse? {
        guard var token = refreshTokenTable.values.first(where: { $0.tokenHash == hash }), token.expiresAt >= at,
              let grant = oauthGrantTable[token.grantID] else { return nil }
        guard token.replacedAt == nil else { return .replayed(token, grant: grant) }
        token.replacedAt = at
        refreshTokenTable[token.id] = token
        return .rotated(token, grant: grant)
    }

    /// Drops the grant with the access and refresh tokens it issued, as the foreign keys of the SQL stores do.
    func removeOAuthGrant(_ id: Int64) {
        oauthGrantTable[id] = nil
        accessTokenTable = accessTokenTable.filter { $0.value.grantID != id }
        refreshTokenTable = refreshTokenTable.filter { $0.value.grantID != id }
    }
}
