extension SchemaMigrations {
    /// Per-user settings the server acts on (issue #12: who may see a user's busy times).
    ///
    /// - `user_settings`: one row per user who chose something, keyed by the user and deleted with them; a missing
    ///   row or NULL column means the server's default. The value is `FreeBusyVisibility`'s raw value.
    static let version6 = """
        CREATE TABLE user_settings (
            user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
            freebusy_visibility TEXT CHECK (freebusy_visibility IN ('everyone', 'sharees', 'nobody'))
        ) WITHOUT ROWID;
        """
}
