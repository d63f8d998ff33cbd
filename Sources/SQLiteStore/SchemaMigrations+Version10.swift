extension SchemaMigrations {
    /// Personal access tokens.
    ///
    /// - `access_tokens`: one row per token, stored only as the SHA-256 of its secret; `token_hash` is unique because
    ///   signing in finds the token by it. `AUTOINCREMENT`, as for app passwords, so a revoked token's id never
    ///   names a newer token. `scopes` holds the scope names separated by single spaces (scope names have none).
    ///   Rows go with their user through the foreign key.
    /// - `access_tokens_by_user` serves a user's list, oldest first.
    static let version10 = """
        CREATE TABLE access_tokens (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            label TEXT NOT NULL,
            token_hash TEXT NOT NULL UNIQUE,
            scopes TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            expires_at INTEGER,
            last_used_at INTEGER
        );
        CREATE INDEX access_tokens_by_user ON access_tokens(user_id, id);
        """
}
