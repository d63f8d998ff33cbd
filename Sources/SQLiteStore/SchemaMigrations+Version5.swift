extension SchemaMigrations {
    /// Groups and sharing (issue #12): the grants the access model reads on every request.
    ///
    /// - `user_groups` and `group_members`: groups are server-wide principals, like users, so they are keyed by
    ///   their own id. Their names share the principal namespace with user names; the stores check both tables in
    ///   the writing transaction. `group_members_by_user` answers "which groups is this user in".
    /// - Calendar grants are two tables, one per kind of grantee, so that foreign keys give every lifecycle rule:
    ///   deleting a calendar, a user or a group deletes the grants of it or to it (ON DELETE CASCADE), in the same
    ///   transaction. Both are keyed by calendar, (calendar_id, user_id) and (calendar_id, group_id), as every
    ///   table of a calendar's data is (a later PostgreSQL store or a distributed engine shards by calendar home),
    ///   and hold role and state in the key's row (WITHOUT ROWID), so one key search answers "what does this
    ///   grantee hold on this calendar". `effectiveRole` is one query: that search for the user, and one per group
    ///   the user is a member of, found from `group_members_by_user` — its cost follows the user's groups, never
    ///   the calendar's other grants. The `_by_user` / `_by_group` indexes serve the reverse lookups
    ///   (`sharedCalendars`) and the cascades from users and groups.
    /// - `granted_by` has no foreign key: the grants a user made on others' calendars stay when the user is deleted,
    ///   and keep the id as a record of who shared (ids are never reused). NULL when the system made the grant.
    /// - `sharee_presentations`: a sharee's own name and colour for a calendar, per (calendar, user), so each
    ///   member of a group grant has their own; NULL columns show the owner's.
    /// - `object_grants`: one object shared with a user. Its foreign key to `objects(calendar_id, name)` cascades
    ///   on delete (a deleted object, or calendar, or owner, drops its grants) and on update (`moveObject` rewrites
    ///   the object row's calendar and name, and its grants follow in the same statement).
    /// - Roles and states are the raw values of `CalendarRole` and `ShareState`, checked by constraints.
    static let version5 = """
        CREATE TABLE user_groups (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE,
            display_name TEXT NOT NULL,
            email TEXT,
            created_at INTEGER NOT NULL
        );
        CREATE TABLE group_members (
            group_id INTEGER NOT NULL REFERENCES user_groups(id) ON DELETE CASCADE,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            PRIMARY KEY (group_id, user_id)
        ) WITHOUT ROWID;
        CREATE INDEX group_members_by_user ON group_members(user_id, group_id);
        CREATE TABLE calendar_user_grants (
            calendar_id INTEGER NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            role TEXT NOT NULL CHECK (role IN ('free-busy', 'read', 'write', 'manage')),
            state TEXT NOT NULL CHECK (state IN ('invited', 'accepted', 'declined')),
            granted_by INTEGER,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (calendar_id, user_id)
        ) WITHOUT ROWID;
        CREATE INDEX calendar_user_grants_by_user ON calendar_user_grants(user_id, calendar_id);
        CREATE TABLE calendar_group_grants (
            calendar_id INTEGER NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
            group_id INTEGER NOT NULL REFERENCES user_groups(id) ON DELETE CASCADE,
            role TEXT NOT NULL CHECK (role IN ('free-busy', 'read', 'write', 'manage')),
            state TEXT NOT NULL CHECK (state IN ('invited', 'accepted', 'declined')),
            granted_by INTEGER,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (calendar_id, group_id)
        ) WITHOUT ROWID;
        CREATE INDEX calendar_group_grants_by_group ON calendar_group_grants(group_id, calendar_id);
        CREATE TABLE sharee_presentations (
            calendar_id INTEGER NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            display_name TEXT,
            color TEXT,
            PRIMARY KEY (calendar_id, user_id)
        ) WITHOUT ROWID;
        CREATE INDEX sharee_presentations_by_user ON sharee_presentations(user_id, calendar_id);
        CREATE TABLE object_grants (
            calendar_id INTEGER NOT NULL,
            object_name TEXT NOT NULL,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            role TEXT NOT NULL CHECK (role IN ('read', 'write')),
            granted_by INTEGER,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (calendar_id, object_name, user_id),
            FOREIGN KEY (calendar_id, object_name) REFERENCES objects(calendar_id, name)
                ON DELETE CASCADE ON UPDATE CASCADE
        ) WITHOUT ROWID;
        CREATE INDEX object_grants_by_user ON object_grants(user_id, calendar_id, object_name);
        """
}
