extension SchemaMigrations {
    /// Account lifecycle, preferences, one-time codes and the OAuth 2.0 authorization server's records.
    ///
    /// - `users.status`: `AccountStatus`'s raw value, `active` for every existing account; `users.deletion_due_at`:
    ///   when a deletion the user asked for is due (NULL: none). `users_by_deletion` is partial, so it holds only the
    ///   few accounts on their way out and the sweep reads them earliest first.
    /// - `users_by_folded_name`, `user_groups_by_folded_name`: names are unique with ASCII letters folded from now on
    ///   (`COLLATE NOCASE`), checked by the single writer before each insert; these indexes make that check an index
    ///   search. No UNIQUE index: a database written before this version may already hold `Alice` beside `alice` (or
    ///   two users sharing an e-mail address), and the migration keeps them instead of failing on them.
    /// - `user_settings.preferences`: the user's preferences as the JSON text the caller stored; NULL for none. A
    ///   column of the settings row rather than a table of its own: one row per user, deleted with them.
    /// - `one_time_codes`: one row per code, stored only as the SHA-256 of its secret (unique: redeeming finds it by
    ///   it). `user_id` is NULL for codes made before anyone signed in; a user's codes go with them.
    ///   `one_time_codes_by_expiry` serves pruning.
    /// - `oauth_clients`: one row per registered application, `client_id` unique; `redirect_uris` is a JSON array of
    ///   strings, in the order registered (exact strings, any character).
    /// - `oauth_grants`: one row per consent, going with its user or its client through the foreign keys; `scopes`
    ///   as in `access_tokens` (names separated by single spaces).
    /// - `refresh_tokens`: a grant's refresh tokens by the SHA-256 of their secret; a replaced token stays (with
    ///   `replaced_at`) so its replay is recognised, and goes with its grant.
    /// - `access_tokens.grant_id`: the grant that issued the token, NULL for a personal token; grant-issued tokens go
    ///   with their grant. (ADD COLUMN may carry a REFERENCES clause because its default is NULL.)
    /// `AUTOINCREMENT` throughout, as for app passwords and access tokens: a deleted row's id never names a newer one.
    static let version12 = """
        ALTER TABLE users ADD COLUMN status TEXT NOT NULL DEFAULT 'active'
            CHECK (status IN ('active', 'unverified', 'disabled'));
        ALTER TABLE users ADD COLUMN deletion_due_at INTEGER;
        CREATE INDEX users_by_deletion ON users(deletion_due_at, id) WHERE deletion_due_at IS NOT NULL;
        CREATE INDEX users_by_folded_name ON users(name COLLATE NOCASE);
        CREATE INDEX user_groups_by_folded_name ON user_groups(name COLLATE NOCASE);
        ALTER TABLE user_settings ADD COLUMN preferences TEXT;
        CREATE TABLE one_time_codes (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            code_hash TEXT NOT NULL UNIQUE,
            user_id INTEGER REFERENCES users(id) ON DELETE CASCADE,
            purpose TEXT NOT NULL,
            payload TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            used_at INTEGER
        );
        CREATE INDEX one_time_codes_by_user ON one_time_codes(user_id) WHERE user_id IS NOT NULL;
        CREATE INDEX one_time_codes_by_expiry ON one_time_codes(expires_at);
        CREATE TABLE oauth_clients (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            client_id TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            redirect_uris TEXT NOT NULL,
            secret_hash TEXT,
            created_at INTEGER NOT NULL
        );
        CREATE TABLE oauth_grants (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            client_id TEXT NOT NULL REFERENCES oauth_clients(client_id) ON DELETE CASCADE,
            scopes TEXT NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX oauth_grants_by_user ON oauth_grants(user_id, id);
        CREATE INDEX oauth_grants_by_client ON oauth_grants(client_id);
        CREATE TABLE refresh_tokens (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            grant_id INTEGER NOT NULL REFERENCES oauth_grants(id) ON DELETE CASCADE,
            token_hash TEXT NOT NULL UNIQUE,
            created_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            replaced_at INTEGER
        );
        CREATE INDEX refresh_tokens_by_grant ON refresh_tokens(grant_id, id);
        CREATE INDEX refresh_tokens_by_expiry ON refresh_tokens(expires_at);
        ALTER TABLE access_tokens ADD COLUMN grant_id INTEGER REFERENCES oauth_grants(id) ON DELETE CASCADE;
        CREATE INDEX access_tokens_by_grant ON access_tokens(grant_id) WHERE grant_id IS NOT NULL;
        CREATE INDEX access_tokens_by_grant_expiry ON access_tokens(expires_at) WHERE grant_id IS NOT NULL;
        """
}
