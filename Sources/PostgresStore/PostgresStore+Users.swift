import CalendarStore

extension PostgresStore {
    public func createUser(_ user: NewUser) async throws(StoreError) -> User {
        guard !user.name.isEmpty else { throw .invalidArgument("empty user name") }
        return try await database.write { session in
            // Queued behind every other node's name or address change, so the checks see what those committed.
            try await Self.lockPrincipals(session)
            guard try await !Self.isPrincipalNameTaken(user.name, session),
                  try await !Self.isEmailTaken(user.email, exceptUserID: nil, session) else {
                throw StoreError.alreadyExists
            }
            try await Self.claimPrincipalName(user.name, session)
            let created = Self.now()
            let id = try await session.queryFirst("""
                INSERT INTO users (name, display_name, email, password_hash, is_admin, created_at, status)
                VALUES (\(user.name), \(user.displayName), \(user.email), \(user.passwordHash), \(user.isAdmin),
                        \(created), \(user.status.rawValue))
                RETURNING id
                """) { try $0.int64(0) }
            guard let id else { throw StoreError.backend("INSERT INTO users returned no id") }
            return User(id: id, name: user.name, displayName: user.displayName, email: user.email,
                        passwordHash: user.passwordHash, isAdmin: user.isAdmin, createdAt: created,
                        status: user.status)
        }
    }

    public func user(named name: String) async throws(StoreError) -> User? {
        try await database.read { session in
            try await session.queryFirst(Self.userQuery(where: "name = \(name)"), Self.decodeUser)
        }
    }

    public func user(id: Int64) async throws(StoreError) -> User? {
        try await database.read { session in
            try await session.queryFirst(Self.userQuery(where: "id = \(id)"), Self.decodeUser)
        }
    }

    public func users() async throws(StoreError) -> [User] {
        try await database.read { session in
            try await session.query(Self.userQuery(where: "true ORDER BY name"), Self.decodeUser)
        }
    }

    public func setPasswordHash(userID: Int64, hash: String) async throws(StoreError) {
        try await database.write { session in
            guard try await session.run("""
                UPDATE users SET password_hash = \(hash) WHERE id = \(userID) RETURNING 1
                """) == 1 else { throw StoreError.notFound }
        }
    }

    public func deleteUser(id: Int64) async throws(StoreError) {
        // Foreign keys cascade to app passwords, access tokens, idempotency keys, calendars and all their content, memberships, the
        // grants to the user, presentations, settings and preferences, notices, delegations, queued mail, one-time
        // codes and OAuth grants with their tokens; the grants they made stay.
        try await database.write { session in
            guard let name = try await session.queryFirst("DELETE FROM users WHERE id = \(id) RETURNING name", {
                try $0.text(0)
            }) else { throw StoreError.notFound }
            try await session.run("DELETE FROM principal_names WHERE name = \(name)")
        }
    }

    public func user(email: String) async throws(StoreError) -> User? {
        guard !email.isEmpty else { return nil }
        // `users_by_email` on (lower(email), id): under the "C" collation lower() folds ASCII letters only, and the
        // index yields the smallest id first. The parameter is folded under "C" too, whatever the database's
        // default collation, so lookups and the uniqueness check agree.
        return try await database.read { session in
            try await session.queryFirst(Self.userQuery(where: "lower(email) = lower(\(email) COLLATE \"C\") ORDER BY id LIMIT 1"),
                                         Self.decodeUser)
        }
    }

    // MARK: App passwords

    public func addAppPassword(userID: Int64, label: String, passwordHash: String) async throws(StoreError)
        -> AppPassword {
        try await database.write { session in
            guard try await Self.userExists(userID, session) else { throw StoreError.notFound }
            let created = Self.now()
            let id = try await session.queryFirst("""
                INSERT INTO app_passwords (user_id, label, password_hash, created_at)
                VALUES (\(userID), \(label), \(passwordHash), \(created)) RETURNING id
                """) { try $0.int64(0) }
            guard let id else { throw StoreError.backend("INSERT INTO app_passwords returned no id") }
            return AppPassword(id: id, userID: userID, label: label, passwordHash: passwordHash, createdAt: created)
        }
    }

    public func appPasswords(userID: Int64) async throws(StoreError) -> [AppPassword] {
        try await database.read { session in
            try await session.query("""
                SELECT id, user_id, label, password_hash, created_at FROM app_passwords
                WHERE user_id = \(userID) ORDER BY id
                """) { row in
                AppPassword(id: try row.int64(0), userID: try row.int64(1), label: try row.text(2),
                            passwordHash: try row.text(3), createdAt: try row.int64(4))
            }
        }
    }

    public func revokeAppPassword(userID: Int64, id: Int64) async throws(StoreError) {
        try await database.write { session in
            guard try await session.run("""
                DELETE FROM app_passwords WHERE id = \(id) AND user_id = \(userID) RETURNING 1
                """) == 1 else { throw StoreError.notFound }
        }
    }

    // MARK: Helpers

    static func userQuery(where condition: SQL) -> SQL {
        "SELECT " + userColumns + " FROM users WHERE " + condition
    }

    /// The columns `decodeUser` reads, in its order (also for `RETURNING`).
    static let userColumns: SQL =
        "id, name, display_name, email, password_hash, is_admin, created_at, status, deletion_due_at"

    static func decodeUser(_ row: ResultRow) throws -> User {
        User(id: try row.int64(0), name: try row.text(1), displayName: try row.text(2), email: try row.text(3),
             passwordHash: try row.text(4), isAdmin: try row.bool(5), createdAt: try row.int64(6),
             status: decodeStatus(try row.text(7)), deletionDueAt: try row.optionalInt64(8))
    }

    /// The CHECK constraint admits only the raw values; anything else would be read as `disabled`, which signs no
    /// one in.
    static func decodeStatus(_ text: String) -> AccountStatus { AccountStatus(rawValue: text) ?? .disabled }

    static func userExists(_ id: Int64, _ session: PostgresSession) async throws -> Bool {
        try await session.exists("SELECT 1 FROM users WHERE id = \(id)")
    }

    /// Takes `name` in the namespace users and groups share (`/principals/<name>/`); `alreadyExists` when a user or
    /// group holds it. The insert waits for a concurrent one of the same name and then fails on the key, so two
    /// nodes never both take a name.
    static func claimPrincipalName(_ name: String, _ session: PostgresSession) async throws {
        guard try await session.run("""
            INSERT INTO principal_names (name) VALUES (\(name)) ON CONFLICT DO NOTHING RETURNING 1
            """) == 1 else { throw StoreError.alreadyExists }
    }
}
