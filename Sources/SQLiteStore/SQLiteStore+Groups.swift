import CalendarStore

/// Groups and their members in `user_groups` and `group_members`; see `SchemaMigrations.version5`.
extension SQLiteStore {
    public func createGroup(_ group: NewGroup) async throws(StoreError) -> GroupRecord {
        guard !group.name.isEmpty else { throw .invalidArgument("empty group name") }
        return try await pool.write { db in
            guard try !Self.isPrincipalNameTaken(db, group.name) else { throw StoreError.alreadyExists }
            let created = Self.now()
            try db.run("""
                INSERT INTO user_groups (name, display_name, email, created_at)
                VALUES (\(group.name), \(group.displayName), \(group.email), \(created))
                """)
            return GroupRecord(id: db.lastInsertRowID, name: group.name, displayName: group.displayName,
                               email: group.email, createdAt: created)
        }
    }

    public func group(named name: String) async throws(StoreError) -> GroupRecord? {
        try await pool.read { db in try db.queryFirst(Self.groupQuery + " WHERE name = \(name)", Self.decodeGroup) }
    }

    public func group(id: Int64) async throws(StoreError) -> GroupRecord? {
        try await pool.read { db in try db.queryFirst(Self.groupQuery + " WHERE id = \(id)", Self.decodeGroup) }
    }

    public func groups() async throws(StoreError) -> [GroupRecord] {
        try await pool.read { db in try db.query(Self.groupQuery + " ORDER BY name", Self.decodeGroup) }
    }

    public func deleteGroup(id: Int64) async throws(StoreError) {
        // Foreign keys cascade to the memberships and the calendar grants to the group.
        try await pool.write { db in
            guard try db.run("DELETE FROM user_groups WHERE id = \(id)") == 1 else { throw StoreError.notFound }
        }
    }

    public func addMember(groupID: Int64, userID: Int64) async throws(StoreError) {
        try await pool.write { db in
            guard try db.queryFirst("SELECT 1 FROM user_groups WHERE id = \(groupID)", { _ in true }) != nil,
                  try db.queryFirst("SELECT 1 FROM users WHERE id = \(userID)", { _ in true }) != nil else {
                throw StoreError.notFound
            }
            try db.run("INSERT INTO group_members (group_id, user_id) VALUES (\(groupID), \(userID)) ON CONFLICT DO NOTHING")
        }
    }

    public func removeMember(groupID: Int64, userID: Int64) async throws(StoreError) {
        try await pool.write { db in
            guard try db.run("DELETE FROM group_members WHERE group_id = \(groupID) AND user_id = \(userID)") == 1 else {
                throw StoreError.notFound
            }
        }
    }

    public func members(groupID: Int64) async throws(StoreError) -> [User] {
        try await pool.read { db in
            try db.query(Self.userQuery + """
                 WHERE id IN (SELECT user_id FROM group_members WHERE group_id = \(groupID)) ORDER BY name
                """, Self.decodeUser)
        }
    }

    public func groups(memberID: Int64) async throws(StoreError) -> [GroupRecord] {
        try await pool.read { db in
            try db.query(Self.groupQuery + """
                 WHERE id IN (SELECT group_id FROM group_members WHERE user_id = \(memberID)) ORDER BY name
                """, Self.decodeGroup)
        }
    }

    // MARK: Helpers

    /// Users and groups share the principal namespace (`/principals/<name>/`), and a name is taken when one equals
    /// it with ASCII letters folded (`Alice` takes `alice`: a client or a person typing the name would confuse
    /// them). `users_by_folded_name` and `user_groups_by_folded_name` are declared with NOCASE, so this is two index
    /// searches. Callers run it in the write that inserts, which the single writer makes atomic.
    static func isPrincipalNameTaken(_ db: SQLiteConnection, _ name: String) throws -> Bool {
        try db.queryFirst("""
            SELECT 1 FROM users WHERE name = \(name) COLLATE NOCASE
            UNION ALL SELECT 1 FROM user_groups WHERE name = \(name) COLLATE NOCASE
            """, { _ in true }) != nil
    }

    static let groupQuery: SQL = "SELECT id, name, display_name, email, created_at FROM user_groups"

    static func decodeGroup(_ row: SQLiteRow) -> GroupRecord {
        GroupRecord(id: row.int64(0), name: row.text(1), displayName: row.text(2), email: row.optionalText(3),
                    createdAt: row.int64(4))
    }
}
