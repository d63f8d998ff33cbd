import CalendarStore

/// Access tokens in `access_tokens`, personal ones and those an OAuth grant issued (`grant_id`); see
/// `SchemaMigrations.version10` and `version12`.
extension SQLiteStore {
    public func addAccessToken(_ token: NewAccessToken) async throws(StoreError) -> AccessToken {
        try await pool.write { db in
            guard try db.queryFirst("SELECT 1 FROM users WHERE id = \(token.userID)", { _ in true }) != nil else {
                throw StoreError.notFound
            }
            if let grantID = token.grantID, try !Self.isGrant(db, grantID, of: token.userID) {
                throw StoreError.notFound
            }
            // The single writer makes the check and the insert one step.
            guard try db.queryFirst("SELECT 1 FROM access_tokens WHERE token_hash = \(token.tokenHash)", { _ in true })
                == nil else { throw StoreError.alreadyExists }
            let created = Self.now()
            try db.run("""
                INSERT INTO access_tokens (user_id, label, token_hash, scopes, created_at, expires_at, grant_id)
                VALUES (\(token.userID), \(token.label), \(token.tokenHash), \(Self.encodeScopes(token.scopes)),
                        \(created), \(token.expiresAt), \(token.grantID))
                """)
            return AccessToken(id: db.lastInsertRowID, userID: token.userID, label: token.label,
                               tokenHash: token.tokenHash, scopes: token.scopes, createdAt: created,
                               expiresAt: token.expiresAt, lastUsedAt: nil, grantID: token.grantID)
        }
    }

    public func accessToken(hash: String) async throws(StoreError) -> AccessToken? {
        try await pool.read { db in
            try db.queryFirst(Self.accessTokenQuery + " WHERE token_hash = \(hash)", Self.decodeAccessToken)
        }
    }

    public func accessTokens(userID: Int64) async throws(StoreError) -> [AccessToken] {
        try await pool.read { db in
            try db.query(Self.accessTokenQuery + " WHERE user_id = \(userID) ORDER BY id", Self.decodeAccessToken)
        }
    }

    public func revokeAccessToken(userID: Int64, id: Int64) async throws(StoreError) {
        try await pool.write { db in
            guard try db.run("DELETE FROM access_tokens WHERE id = \(id) AND user_id = \(userID)") == 1 else {
                throw StoreError.notFound
            }
        }
    }

    public func recordAccessTokenUse(id: Int64, at: Int64) async throws(StoreError) {
        // A token revoked meanwhile updates no row, which is fine: there is nothing left to record it on.
        try await pool.write { db in _ = try db.run("UPDATE access_tokens SET last_used_at = \(at) WHERE id = \(id)") }
    }

    static let accessTokenQuery: SQL = """
        SELECT id, user_id, label, token_hash, scopes, created_at, expires_at, last_used_at, grant_id FROM access_tokens
        """

    static func decodeAccessToken(_ row: SQLiteRow) -> AccessToken {
        AccessToken(id: row.int64(0), userID: row.int64(1), label: row.text(2), tokenHash: row.text(3),
                    scopes: decodeScopes(row.text(4)), createdAt: row.int64(5), expiresAt: row.optionalInt64(6),
                    lastUsedAt: row.optionalInt64(7), grantID: row.optionalInt64(8))
    }

    /// Scope names joined by single spaces: they are short words without spaces, and one column keeps a token one
    /// row.
    static func encodeScopes(_ scopes: [String]) -> String { scopes.joined(separator: " ") }

    static func decodeScopes(_ text: String) -> [String] { text.split(separator: " ").map(String.init) }
}
