import CalendarStore

/// Groups and their members in `user_groups` and `group_members`; see `PostgresSchema.version1`.
extension PostgresStore {
    public func createGroup(_ group: NewGroup) async throws(StoreError) -> GroupRecord {
        guard !group.name.isEmpty else { throw .invalidArgument("empty group name") }
        return try await database.write { session in
            // Users and groups share `/principals/<name>/`, and a name is taken by one equal to it with ASCII letters
            // folded: the check runs behind every other node's name change (`lockPrincipals`). The exact name's row
            // in `principal_names` is what two nodes creating the same name collide on besides.
            try await Self.lockPrincipals(session)
            guard try await !Self.isPrincipalNameTaken(group.name, session) else { throw StoreError.alreadyExists }
            try await Self.claimPrincipalName(group.name, session)
            let created = Self.now()
            let id = try await session.queryFirst("""
                INSERT INTO user_groups (name, display_name, email, created_at)
                VALUES (\(group.name), \(group.displayName), \(group.email)::text, \(created))
                RETURNING id
                """) { try $0.int64(0) }
            guard let id else { throw StoreError.backend("INSERT INTO user_groups returned no id") }
            return GroupRecord(id: id, name: group.name, displayName: group.displayName, email: group.email,
                               createdAt: created)
        }
    }

    public func group(named name: String) async throws(StoreError) -> GroupRecord? {
        try await database.read { session in
            try await session.queryFirst(Self.groupQuery(where: "name = \(name)"), Self.decodeGroup)
        }
    }

    public func group(id: Int64) async throws(StoreError) -> GroupRecord? {
        try await database.read { session in
            try await session.queryFirst(Self.groupQuery(where: "id = \(id)"), Self.decodeGroup)
        }
    }

    public func groups() async throws(StoreError) -> [GroupRecord] {
        try await database.read { session in
            try await session.query(Self.groupQuery(where: "true ORDER BY name"), Self.decodeGroup)
        }
    }

    public func deleteGroup(id: Int64) async throws(StoreError) {
        // Foreign keys cascade to the memberships and the calendar grants to the group; the name is freed for a
        // user or a new group.
        try await database.write { session in
            guard let name = try await session.queryFirst("DELETE FROM user_groups WHERE id = \(id) RETURNING name", {
                try $0.text(0)
            }) else { throw StoreError.notFound }
            try await session.run("DELETE FROM principal_names WHERE name = \(name)")
        }
    }

    public func addMember(groupID: Int64, userID: Int64) async throws(StoreError) {
        try await database.write { session in
            // KEY SHARE, as the foreign keys would take: a concurrent delete of the group or the user waits for this
            // transaction instead of turning the insert into a foreign-key failure after the checks passed.
            guard try await session.exists("SELECT 1 FROM user_groups WHERE id = \(groupID) FOR KEY SHARE"),
                  try await session.exists("SELECT 1 FROM users WHERE id = \(userID) FOR KEY SHARE") else {
                throw StoreError.notFound
            }
            try await session.run("""
                INSERT INTO group_members (group_id, user_id) VALUES (\(groupID), \(userID)) ON CONFLICT DO NOTHING
                """)
        }
    }

    public func removeMember(groupID: Int64, userID: Int64) async throws(StoreError) {
        try await database.write { session in
            guard try await session.run("""
                DELETE FROM group_members WHERE group_id = \(groupID) AND user_id = \(userID) RETURNING 1
                """) == 1 else { throw StoreError.notFound }
        }
    }

    public func members(groupID: Int64) async throws(StoreError) -> [User] {
        try await database.read { session in
            try await session.query(Self.userQuery(where: """
                id IN (SELECT user_id FROM group_members WHERE group_id = \(groupID)) ORDER BY name
                """), Self.decodeUser)
        }
    }

    public func groups(memberID: Int64) async throws(StoreError) -> [GroupRecord] {
        try await database.read { session in
            // `group_members_by_user` finds the memberships without walking the groups.
            try await session.query(Self.groupQuery(where: """
                id IN (SELECT group_id FROM group_members WHERE user_id = \(memberID)) ORDER BY name
                """), Self.decodeGroup)
        }
    }

    // MARK: Helpers

    static func groupQuery(where condition: SQL) -> SQL {
        "SELECT id, name, display_name, email, created_at FROM user_groups WHERE " + condition
    }

    static func decodeGroup(_ row: ResultRow) throws -> GroupRecord {
        GroupRecord(id: try row.int64(0), name: try row.text(1), displayName: try row.text(2),
                    email: try row.optionalText(3), createdAt: try row.int64(4))
    }
}
