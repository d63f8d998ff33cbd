import CSQLite

/// One SQLite connection with a cache of prepared statements.
///
/// Not thread-safe: a connection is opened in multi-thread mode and used by one `SQLiteWorker` queue at a time.
final class SQLiteConnection {
    enum Mode {
        case readWrite
        case readOnly
    }

    enum TransactionKind {
        /// Takes the write lock at BEGIN, so checks and writes happen under it (no lost updates).
        case immediate
        /// A read snapshot: every statement of the body sees the same committed state.
        case deferred
    }

    private var handle: OpaquePointer?
    private var statements: [String: SQLiteStatement] = [:]
    private static let statementCacheLimit = 256

    init(path: String, mode: Mode, busyTimeoutMilliseconds: Int32 = 5_000) throws(SQLiteError) {
        let access = mode == .readWrite ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY
        var handle: OpaquePointer?
        let code = sqlite3_open_v2(path, &handle, access | SQLITE_OPEN_NOMUTEX, nil)
        guard code == SQLITE_OK, let handle else {
            let error = SQLiteError(code: code, db: handle)
            sqlite3_close_v2(handle)
            throw error
        }
        self.handle = handle
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
        // FULL makes every commit fsync the WAL: an acknowledged write survives a crash or kill -9.
        try execute(script: "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;")
    }

    deinit { close() }

    /// Finalizes the cached statements and closes the connection. Later calls fail with `SQLITE_MISUSE`.
    func close() {
        statements.removeAll()
        if let handle { sqlite3_close_v2(handle) }
        handle = nil
    }

    private func db() throws(SQLiteError) -> OpaquePointer {
        guard let handle else { throw SQLiteError(code: SQLITE_MISUSE, message: "the connection is closed") }
        return handle
    }

    /// Runs trusted SQL text without parameters: migrations and pragmas written in this module, never input.
    func execute(script: String) throws(SQLiteError) {
        let db = try db()
        let code = sqlite3_exec(db, script, nil, nil, nil)
        guard code == SQLITE_OK else { throw SQLiteError(code: code, db: db) }
    }

    /// Runs a statement that returns no rows; returns the number of rows it changed.
    @discardableResult
    func run(_ sql: SQL) throws(SQLiteError) -> Int {
        let statement = try prepared(sql)
        defer { statement.reset() }
        while try statement.step() {}
        return Int(sqlite3_changes64(try db()))
    }

    /// Every row of a query, decoded.
    func query<T>(_ sql: SQL, _ decode: (SQLiteRow) -> T) throws(SQLiteError) -> [T] {
        let statement = try prepared(sql)
        defer { statement.reset() }
        var rows: [T] = []
        while try statement.step() { rows.append(decode(statement.row)) }
        return rows
    }

    /// The first row of a query, decoded; nil when there is none.
    func queryFirst<T>(_ sql: SQL, _ decode: (SQLiteRow) -> T) throws(SQLiteError) -> T? {
        let statement = try prepared(sql)
        defer { statement.reset() }
        return try statement.step() ? decode(statement.row) : nil
    }

    var lastInsertRowID: Int64 { handle.map { sqlite3_last_insert_rowid($0) } ?? 0 }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    func transaction<T>(_ kind: TransactionKind, _ body: () throws -> T) throws -> T {
        try execute(script: kind == .immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED")
        do {
            let result = try body()
            try execute(script: "COMMIT")
            return result
        } catch {
            try? execute(script: "ROLLBACK")
            throw error
        }
    }

    /// True inside a transaction. SQLite rolls a transaction back by itself after some errors (I/O, disk full),
    /// which leaves it false in the middle of a batch.
    var isInTransaction: Bool { handle.map { sqlite3_get_autocommit($0) == 0 } ?? false }

    /// Runs `body` inside a savepoint of the current transaction: kept when it returns, undone alone when it throws,
    /// so one failing write of a batch leaves the others of the same transaction intact. When SQLite has rolled
    /// back the whole transaction meanwhile (no savepoint left to return to), throws `TransactionLost`.
    func savepoint<T>(_ body: () throws -> T) throws -> T {
        try run("SAVEPOINT write")
        do {
            let result = try body()
            try run("RELEASE write")
            return result
        } catch {
            guard isInTransaction else { throw TransactionLost(cause: error) }
            try run("ROLLBACK TO write")
            try run("RELEASE write")
            throw error
        }
    }

    private func prepared(_ sql: SQL) throws(SQLiteError) -> SQLiteStatement {
        let statement: SQLiteStatement
        if let cached = statements[sql.text] {
            statement = cached
        } else {
            statement = try SQLiteStatement(db: try db(), sql: sql.text)
            // `IN (...)` lists give one text per length; a bound keeps such variants from growing the cache forever.
            if statements.count >= Self.statementCacheLimit { statements.removeAll() }
            statements[sql.text] = statement
        }
        try statement.bind(sql.bindings)
        return statement
    }
}

/// SQLite ended the whole transaction while one of its writes failed: every write of it so far is undone.
struct TransactionLost: Error, CustomStringConvertible {
    let cause: any Error
    var description: String { "transaction rolled back by SQLite: \(cause)" }
}
