import CalendarStore

extension InMemoryStore {
    public func addAccessToken(_ token: NewAccessToken) throws(StoreError) -> AccessToken {
        guard userTable[token.userID] != nil else { throw .notFound }
        // A grant-issued token belongs to the grant's user.
        if let grantID = token.grantID, oauthGrantTable[grantID]?.userID != token.userID { throw .notFound }
        guard !accessTokenTable.values.contains(where: { $0.tokenHash == token.tokenHash }) else {
            throw .alreadyExists
        }
        let stored = AccessToken(id: nextID(), userID: token.userID, label: token.label, tokenHash: token.tokenHash,
                                 scopes: token.scopes, createdAt: now(), expiresAt: token.expiresAt, lastUsedAt: nil,
                                 grantID: token.grantID)
        accessTokenTable[stored.id] = stored
        return stored
    }

    public func accessToken(hash: String) -> AccessToken? {
        accessTokenTable.values.first { $0.tokenHash == hash }
    }

    public func accessTokens(userID: Int64) -> [AccessToken] {
        accessTokenTable.values.filter { $0.userID == userID }.sorted { $0.id < $1.id }
    }

    public func revokeAccessToken(userID: Int64, id: Int64) throws(StoreError) {
        guard accessTokenTable[id]?.userID == userID else { throw .notFound }
        accessTokenTable[id] = nil
    }

    public func recordAccessTokenUse(id: Int64, at: Int64) {
        accessTokenTable[id]?.lastUsedAt = at
    }
}
