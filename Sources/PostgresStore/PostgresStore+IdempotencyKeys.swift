import CalendarStore
import Foundation

/// Idempotency keys in `idempotency_keys`; see `PostgresSchema.version4`.
extension PostgresStore {
    /// Attempts of a claim that finds the key held but then no record when it reads it.
    static let claimAttempts = 3

    public func claimIdempotencyKey(userID: Int64, key: String, requestHash: String, at: Int64, expiredBefore: Int64)
        async throws(StoreError) -> IdempotencyClaim {
        try await database.write { session in
            // KEY SHARE, as the foreign key would take: a concurrent deleteUser waits instead of failing the insert.
            guard try await Self.keyShare(.user(userID), session) else { throw StoreError.notFound }
            for _ in 1...Self.claimAttempts {
                // The primary key decides between nodes: of several inserting a free key at once, one inserts and the
                // others wait for it, then find the row. An expired record is replaced in the same statement; a live
                // one is left as it is, but locked all the same (ON CONFLICT DO UPDATE locks the row it finds even
                // when its WHERE refuses the update), so no release or prune can remove it before the read below.
                if try await session.run("""
                    INSERT INTO idempotency_keys (user_id, key, request_hash, status, headers, body, created_at)
                    VALUES (\(userID), \(key), \(requestHash), NULL, NULL, NULL, \(at))
                    ON CONFLICT (user_id, key) DO UPDATE SET request_hash = excluded.request_hash, status = NULL,
                        headers = NULL, body = NULL, created_at = excluded.created_at
                    WHERE idempotency_keys.created_at < \(expiredBefore)
                    RETURNING 1
                    """) == 1 { return .claimed }
                // Each statement reads the latest committed rows, so the row the insert found is visible here. Should
                // it be missing anyway (it is locked, so it cannot be), the next attempt claims the freed key.
                if let held = try await session.queryFirst(
                    Self.idempotencyQuery(where: "user_id = \(userID) AND key = \(key)"),
                    Self.decodeIdempotencyRecord) { return .existing(held) }
            }
            throw StoreError.unavailable("idempotency key kept changing during \(Self.claimAttempts) claims")
        }
    }

    public func completeIdempotencyKey(userID: Int64, key: String, response: IdempotencyRecord.StoredResponse)
        async throws(StoreError) {
        try await database.write { session in
            guard try await session.run("""
                UPDATE idempotency_keys
                SET status = \(response.status), headers = \(Self.encodeHeaders(response.headers)),
                    body = \(response.body.bytea)
                WHERE user_id = \(userID) AND key = \(key) RETURNING 1
                """) == 1 else { throw StoreError.notFound }
        }
    }

    public func releaseIdempotencyKey(userID: Int64, key: String) async throws(StoreError) {
        // A record pruned or released meanwhile deletes no row, which is fine: the key is free either way.
        try await database.write { session in
            _ = try await session.run("DELETE FROM idempotency_keys WHERE user_id = \(userID) AND key = \(key)")
        }
    }

    public func pruneIdempotencyKeys(before: Int64) async throws(StoreError) -> Int {
        // Counted on the server: a day's records may be many, and one row comes back instead of one per record.
        try await database.write { session in
            try await session.queryFirst("""
                WITH pruned AS (DELETE FROM idempotency_keys WHERE created_at < \(before) RETURNING 1)
                SELECT count(*) FROM pruned
                """) { try $0.int(0) } ?? 0
        }
    }

    static func idempotencyQuery(where condition: SQL) -> SQL {
        "SELECT user_id, key, request_hash, status, headers, body, created_at FROM idempotency_keys WHERE " + condition
    }

    static func decodeIdempotencyRecord(_ row: ResultRow) throws -> IdempotencyRecord {
        var response: IdempotencyRecord.StoredResponse?
        // A running claim has all three response columns NULL; a completed one has all three set.
        if let status = try row.optionalInt64(3) {
            guard let headers = decodeHeaders(try row.optionalText(4) ?? "") else {
                throw StoreError.backend("idempotency_keys: unreadable headers")
            }
            response = IdempotencyRecord.StoredResponse(status: Int(status), headers: headers, body: try row.bytes(5))
        }
        return IdempotencyRecord(userID: try row.int64(0), key: try row.text(1), requestHash: try row.text(2),
                                 response: response, createdAt: try row.int64(6))
    }

    /// The headers as a JSON array of `[name, value]` arrays, in their order, as SQLite stores them.
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
