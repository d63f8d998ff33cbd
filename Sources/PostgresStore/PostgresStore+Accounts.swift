import CalendarStore

/// Account changes after creation (profile, status, role, the deletion a user asked for) and the checks that keep
/// names and e-mail addresses unique with ASCII letters folded across nodes; see `PostgresSchema.version5`.
extension PostgresStore {
    public func updateUser(id: Int64, _ update: UserUpdate) async throws(StoreError) -> User {
        try await database.write { session in
            if let email = update.email, !email.isEmpty {
                // An address is given: queue behind every other node's name or address change, so the check below
                // sees what those committed and none of them can take the address between check and update.
                try await Self.lockPrincipals(session)
                guard try await Self.userExists(id, session) else { throw StoreError.notFound }
                guard try await !Self.isEmailTaken(email, exceptUserID: id, session) else {
                    throw StoreError.alreadyExists
                }
            }
            // A nil field keeps the stored value.
            let updated = try await session.queryFirst("""
                UPDATE users SET display_name = coalesce(\(update.displayName)::text, display_name),
                                 email = coalesce(\(update.email)::text, email),
                                 status = coalesce(\(update.status?.rawValue)::text, status),
                                 is_admin = coalesce(\(update.isAdmin)::boolean, is_admin)
                WHERE id = \(id)
                RETURNING \(fragment: Self.userColumns)
                """, Self.decodeUser)
            guard let updated else { throw StoreError.notFound }
            return updated
        }
    }

    public func scheduleUserDeletion(id: Int64, at: Int64?) async throws(StoreError) {
        try await database.write { session in
            guard try await session.run("""
                UPDATE users SET deletion_due_at = \(at)::bigint WHERE id = \(id) RETURNING 1
                """) == 1 else { throw StoreError.notFound }
        }
    }

    public func usersDueForDeletion(at: Int64) async throws(StoreError) -> [User] {
        // `users_by_deletion` holds only the accounts with a deletion due, in the order wanted.
        try await database.read { session in
            try await session.query(Self.userQuery(where: """
                deletion_due_at IS NOT NULL AND deletion_due_at <= \(at) ORDER BY deletion_due_at, id
                """), Self.decodeUser)
        }
    }

    // MARK: Helpers

    /// Locks the one row of `principal_lock` until the transaction ends: every write that could make two
    /// principals' names, or two users' addresses, equal with ASCII letters folded takes it first, so such writes
    /// run one at a time across all nodes (see `PostgresSchema.version5` for why a row and not an advisory lock).
    /// Under READ COMMITTED each later statement of the transaction sees what the previous holder committed.
    static func lockPrincipals(_ session: PostgresSession) async throws {
        guard try await session.exists("SELECT 1 FROM principal_lock WHERE id = 1 FOR UPDATE") else {
            throw StoreError.backend("principal_lock has no row")
        }
    }

    /// Whether a user or a group has a name equal to `name` with ASCII letters folded (under "C", `lower()` folds
    /// those only; the parameter is put in "C" too, or the database's default collation would fold more). Served
    /// by `users_by_folded_name` and `user_groups_by_folded_name`. Meaningful after `lockPrincipals`.
    static func isPrincipalNameTaken(_ name: String, _ session: PostgresSession) async throws -> Bool {
        try await session.exists("""
            SELECT 1 FROM users WHERE lower(name) = lower(\(name) COLLATE "C")
            UNION ALL SELECT 1 FROM user_groups WHERE lower(name) = lower(\(name) COLLATE "C")
            """)
    }

    /// Whether another user than `exceptUserID` has this non-empty address, ASCII letters folded, as
    /// `isPrincipalNameTaken` compares names; served by `users_by_email`. An empty address is never taken.
    static func isEmailTaken(_ email: String, exceptUserID: Int64?, _ session: PostgresSession) async throws -> Bool {
        guard !email.isEmpty else { return false }
        // Ids are positive, so 0 excludes nobody.
        return try await session.exists("""
            SELECT 1 FROM users WHERE lower(email) = lower(\(email) COLLATE "C") AND id <> \(exceptUserID ?? 0) LIMIT 1
            """)
    }
}
