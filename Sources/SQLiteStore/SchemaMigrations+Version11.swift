extension SchemaMigrations {
    /// Idempotency keys of the JSON API.
    ///
    /// - `idempotency_keys`: one row per (user, key): the request it was first used for (`request_hash`) and, once
    ///   that request finished, its response: `status`, `headers` (a JSON array of `[name, value]` pairs, in order)
    ///   and `body`, all three NULL while the request is still running. Rows go with their user through the foreign
    ///   key. A rowid table, not `WITHOUT ROWID`: a row carries a response body, often larger than such tables suit.
    /// - `idempotency_keys_by_time` serves pruning (records are kept for a limited time).
    static let version11 = """
        CREATE TABLE idempotency_keys (
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            request_hash TEXT NOT NULL,
            status INTEGER,
            headers TEXT,
            body BLOB,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (user_id, key)
        );
        CREATE INDEX idempotency_keys_by_time ON idempotency_keys(created_at);
        """
}
