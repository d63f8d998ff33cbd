extension SchemaMigrations {
    /// Notices about shared calendars in each user's notification collection (issue #12).
    ///
    /// - `share_notices`: keyed by the user whose collection holds the notice, deleted with them; `uid` is unique
    ///   per user and a notice written again replaces the row, taking a new `id` (AUTOINCREMENT never reuses one),
    ///   so the largest id tells a polling client that something changed. The calendar is kept by id and name
    ///   without a foreign key: a notice that a share ended outlives the calendar.
    static let version7 = """
        CREATE TABLE share_notices (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            uid TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('invitation', 'reply')),
            status TEXT NOT NULL CHECK (status IN ('invited', 'accepted', 'declined', 'removed')),
            calendar_id INTEGER NOT NULL,
            owner_id INTEGER NOT NULL,
            sharee_id INTEGER NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('free-busy', 'read', 'write', 'manage')),
            calendar_name TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            UNIQUE (user_id, uid)
        );
        """
}
