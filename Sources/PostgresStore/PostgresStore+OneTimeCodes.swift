import CalendarStore

/// One-time codes in `one_time_codes`, and the pruning of every expired credential; see `PostgresSchema.version5`.
extension PostgresStore {
    public func addOneTimeCode(_ code: NewOneTimeCode) async throws(StoreError) -> OneTimeCode {
        try await database.write { session in
            // KEY SHARE, as the foreign key would take: a concurrent deleteUser waits instead of failing the insert.
            if let userID = code.userID, try await !Self.keyShare(.user(userID), session) {
                throw StoreError.notFound
            }
            let created = Self.now()
            // The unique key decides, so two nodes adding the same hash at once cannot both succeed.
            let id = try await session.queryFirst("""
                INSERT INTO one_time_codes (code_hash, user_id, purpose, payload, created_at, expires_at)
                VALUES (\(code.codeHash), \(code.userID)::bigint, \(code.purpose), \(code.payload), \(created),
                        \(code.expiresAt))
                ON CONFLICT (code_hash) DO NOTHING RETURNING id
                """) { try $0.int64(0) }
            guard let id else { throw StoreError.alreadyExists }
            return OneTimeCode(id: id, codeHash: code.codeHash, userID: code.userID, purpose: code.purpose,
                               payload: code.payload, createdAt: created, expiresAt: code.expiresAt, usedAt: nil)
        }
    }

    public func redeemOneTimeCode(hash: String, purpose: String, at: Int64) async throws(StoreError)
        -> OneTimeCodeUse? {
        try await database.write { session in
            // One conditional UPDATE: of several nodes redeeming the code at once, the first takes the row lock and
            // sets used_at; the others wait for it, find used_at set when they re-check the row, and change nothing.
            if let redeemed = try await session.queryFirst("""
                UPDATE one_time_codes SET used_at = \(at)
                WHERE code_hash = \(hash) AND used_at IS NULL AND purpose = \(purpose) AND expires_at >= \(at)
                RETURNING \(fragment: Self.oneTimeCodeColumns)
                """, Self.decodeOneTimeCode) { return .redeemed(redeemed) }
            // Not redeemed now: absent, for something else, expired, or used before (each statement reads the
            // latest committed rows, so a concurrent redemption is seen here).
            guard let code = try await session.queryFirst(
                "SELECT " + Self.oneTimeCodeColumns + " FROM one_time_codes WHERE code_hash = \(hash)",
                Self.decodeOneTimeCode),
                code.purpose == purpose, code.expiresAt >= at, code.usedAt != nil else { return nil }
            return .alreadyUsed(code)
        }
    }

    public func pruneExpiredCredentials(before: Int64) async throws(StoreError) -> Int {
        // Personal access tokens (no grant) are the user's to revoke and are never pruned. Used codes stay until
        // they expire: a replay must still be recognised. Counted on the server, one row back per table.
        try await database.write { session in
            var pruned = 0
            for statement: SQL in [
                "DELETE FROM one_time_codes WHERE expires_at < \(before) RETURNING 1",
                "DELETE FROM refresh_tokens WHERE expires_at < \(before) RETURNING 1",
                "DELETE FROM access_tokens WHERE grant_id IS NOT NULL AND expires_at < \(before) RETURNING 1",
            ] {
                let counted: SQL = "WITH pruned AS (" + statement + ") SELECT count(*) FROM pruned"
                pruned += try await session.queryFirst(counted) { try $0.int(0) } ?? 0
            }
            return pruned
        }
    }

    /// The columns `decodeOneTimeCode` reads, in its order (also for `RETURNING`).
    static let oneTimeCodeColumns: SQL =
        "id, code_hash, user_id, purpose, payload, created_at, expires_at, used_at"

    static func decodeOneTimeCode(_ row: ResultRow) throws -> OneTimeCode {
        OneTimeCode(id: try row.int64(0), codeHash: try row.text(1), userID: try row.optionalInt64(2),
                    purpose: try row.text(3), payload: try row.text(4), createdAt: try row.int64(5),
                    expiresAt: try row.int64(6), usedAt: try row.optionalInt64(7))
    }
}
