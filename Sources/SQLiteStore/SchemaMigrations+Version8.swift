extension SchemaMigrations {
    /// Delegates (calendar-proxy, issue #12).
    ///
    /// - `delegations`: keyed by the owner, one row per delegate, deleted with either user.
    static let version8 = """
        CREATE TABLE delegations (
            owner_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            delegate_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            mode TEXT NOT NULL CHECK (mode IN ('read', 'write')),
            PRIMARY KEY (owner_id, delegate_id),
            CHECK (owner_id <> delegate_id)
        ) WITHOUT ROWID;
        CREATE INDEX delegations_by_delegate ON delegations (delegate_id, owner_id);
        """
}
