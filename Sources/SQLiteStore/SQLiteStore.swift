import CalendarStore
import Foundation

/// `CalendarStore` over one SQLite database file.
///
/// WAL journal with `synchronous = FULL` (an acknowledged write survives a crash), foreign keys on, a busy timeout.
/// One writer connection serializes all writes, group-committed: concurrent writes share a `BEGIN IMMEDIATE`
/// transaction, each in its own savepoint that checks its preconditions and writes (`WriteBatcher`); a small pool of
/// readers serves reads from WAL snapshots. Blocking SQLite calls run on dedicated
/// dispatch queues, never on Swift's cooperative pool.
public final class SQLiteStore: CalendarStore {
    let pool: SQLiteConnectionPool

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    /// The parent directory must exist. `readers` is the number of read connections.
    public convenience init(path: String, readers: Int = 4) throws(StoreError) {
        try self.init(path: path, readers: readers, writeBatchLimit: 256)
    }

    /// `writeBatchLimit`: the most write requests one commit takes (1 gives one commit per request, for comparison).
    init(path: String, readers: Int, writeBatchLimit: Int) throws(StoreError) {
        let writer: SQLiteConnection
        do {
            writer = try SQLiteConnection(path: path, mode: .readWrite)
            // WAL lets readers work beside the writer; the mode is stored in the file, set it before any reader opens.
            let mode = try writer.queryFirst("PRAGMA journal_mode = WAL") { $0.text(0) }
            guard mode?.lowercased() == "wal" else {
                throw StoreError.backend("could not enable WAL journal mode (got \(mode ?? "nothing"))")
            }
            try SchemaMigrations.migrate(writer)
        } catch {
            throw StoreError.mapping(error)
        }
        var readerWorkers: [SQLiteWorker] = []
        for number in 0..<max(1, readers) {
            do {
                let connection = try SQLiteConnection(path: path, mode: .readOnly)
                readerWorkers.append(SQLiteWorker(label: "almanac.sqlite.reader\(number)", connection: connection))
            } catch {
                throw StoreError.mapping(error)
            }
        }
        pool = SQLiteConnectionPool(writer: SQLiteWorker(label: "almanac.sqlite.writer", connection: writer),
                                    readers: readerWorkers, writeBatchLimit: writeBatchLimit)
    }

    /// Closes every connection. Calls after `close()` fail with `backend`. Blocks until running calls finish.
    public func close() {
        pool.close()
    }

    static func now() -> Int64 { Int64(Date().timeIntervalSince1970) }

    // MARK: Users

    public func createUser(_ user: NewUser) async throws(StoreError) -> User {
        guard !user.name.isEmpty else { throw .invalidArgument("empty user name") }
        return try await pool.write { db in
            // The single writer makes the checks and the insert one step: no other write runs in between.
            guard try !Self.isPrincipalNameTaken(db, user.name) else { throw StoreError.alreadyExists }
            guard try !Self.isEmailTaken(db, user.email, exceptUserID: nil) else { throw StoreError.alreadyExists }
            let created = Self.now()
            try db.run("""
                INSERT INTO users (name, display_name, email, password_hash, is_admin, created_at, status)
                VALUES (\(user.name), \(user.displayName), \(user.email), \(user.passwordHash), \(user.isAdmin),
                        \(created), \(user.status.rawValue))
                """)
            return User(id: db.lastInsertRowID, name: user.name, displayName: user.displayName, email: user.email,
                        passwordHash: user.passwordHash, isAdmin: user.isAdmin, createdAt: created, status: user.status)
        }
    }

    public func user(named name: String) async throws(StoreError) -> User? {
        try await pool.read { db in try db.queryFirst(Self.userQuery + " WHERE name = \(name)", Self.decodeUser) }
    }

    public func user(id: Int64) async throws(StoreError) -> User? {
        try await pool.read { db in try db.queryFirst(Self.userQuery + " WHERE id = \(id)", Self.decodeUser) }
    }

    public func users() async throws(StoreError) -> [User] {
        try await pool.read { db in try db.query(Self.userQuery + " ORDER BY name", Self.decodeUser) }
    }

    public func setPasswordHash(userID: Int64, hash: String) async throws(StoreError) {
        try await pool.write { db in
            guard try db.run("UPDATE users SET password_hash = \(hash) WHERE id = \(userID)") == 1 else {
                throw StoreError.notFound
            }
        }
    }

    public func deleteUser(id: Int64) async throws(StoreError) {
        // Foreign keys cascade to app passwords, access tokens, idempotency keys, calendars, their objects, instances and change logs,
        // the user's memberships, the calendar and object grants to them and their presentations (see
        // `SchemaMigrations.version5`: the grants they made stay), their settings and preferences, one-time codes,
        // OAuth grants and through those the grants' access and refresh tokens (`SchemaMigrations.version12`).
        try await pool.write { db in
            guard try db.run("DELETE FROM users WHERE id = \(id)") == 1 else { throw StoreError.notFound }
        }
    }

    static let userQuery: SQL = """
        SELECT id, name, display_name, email, password_hash, is_admin, created_at, status, deletion_due_at FROM users
        """

    static func decodeUser(_ row: SQLiteRow) -> User {
        User(id: row.int64(0), name: row.text(1), displayName: row.text(2), email: row.text(3),
             passwordHash: row.text(4), isAdmin: row.bool(5), createdAt: row.int64(6),
             status: decodeStatus(row.text(7)), deletionDueAt: row.optionalInt64(8))
    }

    /// The CHECK constraint admits only the raw values; anything else would be read as `disabled`, which signs no
    /// one in.
    static func decodeStatus(_ text: String) -> AccountStatus { AccountStatus(rawValue: text) ?? .disabled }

    // MARK: App passwords

    public func addAppPassword(userID: Int64, label: String, passwordHash: String) async throws(StoreError)
        -> AppPassword {
        try await pool.write { db in
            guard try db.queryFirst("SELECT 1 FROM users WHERE id = \(userID)", { _ in true }) != nil else {
                throw StoreError.notFound
            }
            let created = Self.now()
            try db.run("""
                INSERT INTO app_passwords (user_id, label, password_hash, created_at)
                VALUES (\(userID), \(label), \(passwordHash), \(created))
                """)
            return AppPassword(id: db.lastInsertRowID, userID: userID, label: label, passwordHash: passwordHash,
                               createdAt: created)
        }
    }

    public func appPasswords(userID: Int64) async throws(StoreError) -> [AppPassword] {
        try await pool.read { db in
            try db.query("""
                SELECT id, user_id, label, password_hash, created_at FROM app_passwords
                WHERE user_id = \(userID) ORDER BY id
                """) { row in
                AppPassword(id: row.int64(0), userID: row.int64(1), label: row.text(2), passwordHash: row.text(3),
                            createdAt: row.int64(4))
            }
        }
    }

    public func revokeAppPassword(userID: Int64, id: Int64) async throws(StoreError) {
        try await pool.write { db in
            guard try db.run("DELETE FROM app_passwords WHERE id = \(id) AND user_id = \(userID)") == 1 else {
                throw StoreError.notFound
            }
        }
    }
}
