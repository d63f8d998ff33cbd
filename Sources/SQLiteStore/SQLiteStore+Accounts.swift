import CalendarStore

/// Account changes after creation: profile, status and role, and the deletion a user asked for; see
/// `SchemaMigrations.version12`.
extension SQLiteStore {
    public func updateUser(id: Int64, _ update: UserUpdate) async throws(StoreError) -> User {
        try await pool.write { db in
            guard try db.queryFirst("SELECT 1 FROM users WHERE id = \(id)", { _ in true }) != nil else {
                throw StoreError.notFound
            }
            // The single writer makes the check and the update one step.
            if let email = update.email, try Self.isEmailTaken(db, email, exceptUserID: id) {
                throw StoreError.alreadyExists
            }
            // A nil field keeps the stored value.
            try db.run("""
                UPDATE users SET display_name = coalesce(\(update.displayName), display_name),
                                 email = coalesce(\(update.email), email),
                                 status = coalesce(\(update.status?.rawValue), status),
                                 is_admin = coalesce(\(update.isAdmin), is_admin)
                WHERE id = \(id)
                """)
            guard let user = try db.queryFirst(Self.userQuery + " WHERE id = \(id)", Self.decodeUser) else {
                throw StoreError.notFound
            }
            return user
        }
    }

    public func scheduleUserDeletion(id: Int64, at: Int64?) async throws(StoreError) {
        try await pool.write { db in
            guard try db.run("UPDATE users SET deletion_due_at = \(at) WHERE id = \(id)") == 1 else {
                throw StoreError.notFound
            }
        }
    }

    public func usersDueForDeletion(at: Int64) async throws(StoreError) -> [User] {
        // `users_by_deletion` holds only the accounts with a deletion due, in the order wanted.
        try await pool.read { db in
            try db.query(Self.userQuery + """
                 WHERE deletion_due_at IS NOT NULL AND deletion_due_at <= \(at) ORDER BY deletion_due_at, id
                """, Self.decodeUser)
        }
    }

    // MARK: Helpers

    /// Whether another user than `exceptUserID` has this non-empty address, ASCII letters folded: a calendar user
    /// address names one account (scheduling delivers to it, a sign-up proves it). `users_by_email` is declared with
    /// NOCASE, so this is an index search. An empty address (none) is never taken.
    static func isEmailTaken(_ db: SQLiteConnection, _ email: String, exceptUserID: Int64?) throws -> Bool {
        guard !email.isEmpty else { return false }
        return try db.queryFirst("""
            SELECT 1 FROM users WHERE email = \(email) COLLATE NOCASE AND id IS NOT \(exceptUserID) LIMIT 1
            """, { _ in true }) != nil
    }
}
