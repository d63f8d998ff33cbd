import CalendarStore
import Foundation

/// Idempotency keys in `idempotency_keys`; see `SchemaMigrations.version11`.
extension SQLiteStore {
    public func claimIdempotencyKey(userID: Int64, key: String, requestHash: String, at: Int64, expiredBefore: Int64)
        async throws(StoreError) -> IdempotencyClaim {
        try await pool.write { db in
            guard try db.queryFirst("SELECT 1 FROM users WHERE id = \(userID)", { _ in true }) != nil else {
                throw StoreError.notFound
            }
            // The single writer makes the check and the insert one step.
            if let held = try db.queryFirst(Self.idempotencyQuery + " WHERE user_id = \(userID) AND key = \(key)",
                                            Self.decodeIdempotencyRecord)?.get(),
               held.createdAt >= expiredBefore {
                return .existing(held)
            }
            // Free, or held by an expired record, which the new claim replaces whole (its response goes with it).
            try db.run("""
                INSERT INTO idempotency_keys (user_id, key, request_hash, status, headers, body, created_at)
                VALUES (\(userID), \(key), \(requestHash), NULL, NULL, NULL, \(at))
                ON CONFLICT (user_id, key) DO UPDATE SET request_hash = excluded.request_hash, status = NULL,
                    headers = NULL, body = NULL, created_at = excluded.created_at
                """)
            return .claimed
        }
    }

    public func completeIdempotencyKey(userID: Int64, key: String, response: IdempotencyRecord.StoredResponse)
        async throws(StoreError) {
        try await pool.write { db in
            guard try db.run("""
                UPDATE idempotency_keys
                SET status = \(response.status), headers = \(Self.encodeHeaders(response.headers)),
                    body = \(response.body)
                WHERE user_id = \(userID) AND key = \(key)
                """) == 1 else { throw StoreError.notFound }
        }
    }

    public func releaseIdempotencyKey(userID: Int64, key: String) async throws(StoreError) {
        // A record pruned or released meanwhile deletes no row, which is fine: the key is free either way.
        try await pool.write { db in
            _ = try db.run("DELETE FROM idempotency_keys WHERE user_id = \(userID) AND key = \(key)")
        }
    }

    public func pruneIdempotencyKeys(before: Int64) async throws(StoreError) -> Int {
        try await pool.write { db in try db.run("DELETE FROM idempotency_keys WHERE created_at < \(before)") }
    }

    static let idempotencyQuery: SQL = """
        SELECT user_id, key, request_hash, status, headers, body, created_at FROM idempotency_keys
        """

    /// A record, or `backend` when its stored headers are not the JSON this store writes.
    static func decodeIdempotencyRecord(_ row: SQLiteRow) -> Result<IdempotencyRecord, StoreError> {
        var response: IdempotencyRecord.StoredResponse?
        // A running claim has all three response columns NULL; a completed one has all three set.
        if let status = row.optionalInt64(3) {
            guard let headers = decodeHeaders(row.optionalText(4) ?? "") else {
                return .failure(.backend("idempotency_keys: unreadable headers"))
            }
            response = IdempotencyRecord.StoredResponse(status: Int(status), headers: headers, body: row.blob(5))
        }
        return .success(IdempotencyRecord(userID: row.int64(0), key: row.text(1), requestHash: row.text(2),
                                          response: response, createdAt: row.int64(6)))
    }

    /// The headers as a JSON array of `[name, value]` arrays, in their order: one column keeps a record one row, and
    /// JSON keeps any byte of a name or value apart from the separators.
    static func encodeHeaders(_ headers: [[String]]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        // Encoding arrays of strings cannot fail.
        return String(decoding: (try? encoder.encode(headers)) ?? Data("[]".utf8), as: UTF8.self)
    }

    static func decodeHeaders(_ text: String) -> [[String]]? {
        try? JSONDecoder().decode([[String]].self, from: Data(text.utf8))
    }
}
