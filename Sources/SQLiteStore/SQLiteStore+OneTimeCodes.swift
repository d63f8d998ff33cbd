import CalendarStore

/// One-time codes in `one_time_codes`, and the pruning of every expired credential; see
/// `SchemaMigrations.version12`.
extension SQLiteStore {
    public func addOneTimeCode(_ code: NewOneTimeCode) async throws(StoreError) -> OneTimeCode {
        try await pool.write { db in
            if let userID = code.userID,
               try db.queryFirst("SELECT 1 FROM users WHERE id = \(userID)", { _ in true }) == nil {
                throw StoreError.notFound
            }
            // The single writer makes the check and the insert one step.
            guard try db.queryFirst("SELECT 1 FROM one_time_codes WHERE code_hash = \(code.codeHash)", { _ in true })
                == nil else { throw StoreError.alreadyExists }
            let created = Self.now()
            try db.run("""
                INSERT INTO one_time_codes (code_hash, user_id, purpose, payload, created_at, expires_at)
                VALUES (\(code.codeHash), \(code.userID), \(code.purpose), \(code.payload), \(created),
                        \(code.expiresAt))
                """)
            return OneTimeCode(id: db.lastInsertRowID, codeHash: code.codeHash, userID: code.userID,
                               purpose: code.purpose, payload: code.payload, createdAt: created,
                               expiresAt: code.expiresAt, usedAt: nil)
        }
    }

    public func redeemOneTimeCode(hash: String, purpose: String, at: Int64) async throws(StoreError)
        -> OneTimeCodeUse? {
        // A write even when nothing changes: the single writer orders it after any other redemption of the code, so
        // exactly one caller finds it unused.
        try await pool.write { db in
            guard var code = try db.queryFirst(Self.oneTimeCodeQuery + " WHERE code_hash = \(hash)",
                                               Self.decodeOneTimeCode),
                  code.purpose == purpose, code.expiresAt >= at else { return nil }
            guard code.usedAt == nil else { return .alreadyUsed(code) }
            try db.run("UPDATE one_time_codes SET used_at = \(at) WHERE id = \(code.id)")
            code.usedAt = at
            return .redeemed(code)
        }
    }

    public func pruneExpiredCredentials(before: Int64) async throws(StoreError) -> Int {
        // Personal access tokens (no grant) are the user's to revoke and are never pruned; an expired one is refused
        // at sign-in and listed until then. Used codes stay until they expire: a replay must still be recognised.
        try await pool.write { db in
            try db.run("DELETE FROM one_time_codes WHERE expires_at < \(before)")
                + db.run("DELETE FROM refresh_tokens WHERE expires_at < \(before)")
                + db.run("DELETE FROM access_tokens WHERE grant_id IS NOT NULL AND expires_at < \(before)")
        }
    }

    static let oneTimeCodeQuery: SQL = """
        SELECT id, code_hash, user_id, purpose, payload, created_at, expires_at, used_at FROM one_time_codes
        """

    static func decodeOneTimeCode(_ row: SQLiteRow) -> OneTimeCode {
        OneTimeCode(id: row.int64(0), codeHash: row.text(1), userID: row.optionalInt64(2), purpose: row.text(3),
                    payload: row.text(4), createdAt: row.int64(5), expiresAt: row.int64(6),
                    usedAt: row.optionalInt64(7))
    }
}
