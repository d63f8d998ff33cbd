import CalendarStore

/// Access tokens in `access_tokens`, personal ones and those an OAuth grant issued (`grant_id`); see
/// `PostgresSchema.version3` and `version5`.
extension PostgresStore {
    public func addAccessToken(_ token: NewAccessToken) async throws(StoreError) -> AccessToken {
        try await database.write { session in
            guard try await Self.userExists(token.userID, session) else { throw StoreError.notFound }
            if let grantID = token.grantID, try await !Self.keyShareGrant(grantID, of: token.userID, session) {
                throw StoreError.notFound
            }
            let created = Self.now()
            // The unique key decides, so two nodes adding the same hash at once cannot both succeed.
            let id = try await session.queryFirst("""
                INSERT INTO access_tokens (user_id, label, token_hash, scopes, created_at, expires_at, grant_id)
                VALUES (\(token.userID), \(token.label), \(token.tokenHash), \(Self.encodeScopes(token.scopes)),
                        \(created), \(token.expiresAt)::bigint, \(token.grantID)::bigint)
                ON CONFLICT (token_hash) DO NOTHING RETURNING id
                """) { try $0.int64(0) }
            guard let id else { throw StoreError.alreadyExists }
            return AccessToken(id: id, userID: token.userID, label: token.label, tokenHash: token.tokenHash,
                               scopes: token.scopes, createdAt: created, expiresAt: token.expiresAt, lastUsedAt: nil,
                               grantID: token.grantID)
        }
    }

    public func accessToken(hash: String) async throws(StoreError) -> AccessToken? {
        try await database.read { session in
            try await session.queryFirst(Self.accessTokenQuery(where: "token_hash = \(hash)"), Self.decodeAccessToken)
        }
    }

    public func accessTokens(userID: Int64) async throws(StoreError) -> [AccessToken] {
        try await database.read { session in
            try await session.query(Self.accessTokenQuery(where: "user_id = \(userID) ORDER BY id"),
                                    Self.decodeAccessToken)
        }
    }

    public func revokeAccessToken(userID: Int64, id: Int64) async throws(StoreError) {
        try await database.write { session in
            guard try await session.run("""
                DELETE FROM access_tokens WHERE id = \(id) AND user_id = \(userID) RETURNING 1
                """) == 1 else { throw StoreError.notFound }
        }
    }

    public func recordAccessTokenUse(id: Int64, at: Int64) async throws(StoreError) {
        // A token revoked meanwhile updates no row, which is fine: there is nothing left to record it on.
        try await database.write { session in
            try await session.run("UPDATE access_tokens SET last_used_at = \(at) WHERE id = \(id)")
        }
    }

    static func accessTokenQuery(where condition: SQL) -> SQL {
        "SELECT id, user_id, label, token_hash, scopes, created_at, expires_at, last_used_at, grant_id "
            + "FROM access_tokens WHERE " + condition
    }

    static func decodeAccessToken(_ row: ResultRow) throws -> AccessToken {
        AccessToken(id: try row.int64(0), userID: try row.int64(1), label: try row.text(2), tokenHash: try row.text(3),
                    scopes: decodeScopes(try row.text(4)), createdAt: try row.int64(5),
                    expiresAt: try row.optionalInt64(6), lastUsedAt: try row.optionalInt64(7),
                    grantID: try row.optionalInt64(8))
    }

    /// Scope names joined by single spaces, as SQLite stores them: they are short words without spaces.
    static func encodeScopes(_ scopes: [String]) -> String { scopes.joined(separator: " ") }

    static func decodeScopes(_ text: String) -> [String] { text.split(separator: " ").map(String.init) }
}
