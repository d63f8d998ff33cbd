import CSQLite

/// A prepared statement of one connection. Not thread-safe: it lives on its connection's queue.
final class SQLiteStatement {
    private let handle: OpaquePointer
    private let db: OpaquePointer

    /// SQLite copies bound text and blobs (`SQLITE_TRANSIENT`), so Swift buffers need not outlive the call.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(db: OpaquePointer, sql: String) throws(SQLiteError) {
        var handle: OpaquePointer?
        let code = sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &handle, nil)
        guard code == SQLITE_OK, let handle else { throw SQLiteError(code: code, db: db) }
        self.handle = handle
        self.db = db
    }

    deinit { sqlite3_finalize(handle) }

    /// Binds `values` to the parameters 1...n, clearing any earlier run's state.
    func bind(_ values: [SQLiteValue]) throws(SQLiteError) {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32 = switch value {
            case .null: sqlite3_bind_null(handle, index)
            case .integer(let number): sqlite3_bind_int64(handle, index, number)
            case .real(let number): sqlite3_bind_double(handle, index, number)
            case .text(let string):
                sqlite3_bind_text(handle, index, string, Int32(string.utf8.count), Self.transient)
            case .blob(let bytes) where bytes.isEmpty:
                // A null pointer would bind NULL; an empty blob must stay an empty blob.
                sqlite3_bind_zeroblob(handle, index, 0)
            case .blob(let bytes):
                bytes.withUnsafeBytes { sqlite3_bind_blob(handle, index, $0.baseAddress, Int32($0.count), Self.transient) }
            }
            guard code == SQLITE_OK else { throw SQLiteError(code: code, db: db) }
        }
    }

    /// Steps once: true when a row is available through `row`, false when the statement is done.
    func step() throws(SQLiteError) -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code:
            let error = SQLiteError(code: code, db: db)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Releases the read cursor, so a finished statement does not pin a snapshot.
    func reset() { sqlite3_reset(handle) }

    var row: SQLiteRow { SQLiteRow(handle: handle) }
}

/// The current row of a statement; valid only until the statement steps again.
struct SQLiteRow {
    fileprivate let handle: OpaquePointer

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(handle, column)) }

    func bool(_ column: Int32) -> Bool { sqlite3_column_int64(handle, column) != 0 }

    func optionalInt64(_ column: Int32) -> Int64? { isNull(column) ? nil : int64(column) }

    func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }

    func text(_ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    func blob(_ column: Int32) -> [UInt8] {
        // Per the SQLite docs, ask for the pointer first, then the size of that representation.
        guard let pointer = sqlite3_column_blob(handle, column) else { return [] }
        let count = Int(sqlite3_column_bytes(handle, column))
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }
}
