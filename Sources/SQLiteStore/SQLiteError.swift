import CSQLite
import CalendarStore

/// A failed SQLite call: the extended result code and SQLite's message.
struct SQLiteError: Error, Sendable, CustomStringConvertible {
    let code: Int32
    let message: String

    init(code: Int32, message: String) {
        self.code = code
        self.message = message
    }

    /// The error of the last failed call on `db`.
    init(code: Int32, db: OpaquePointer?) {
        self.code = code
        self.message = db.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
    }

    var description: String { "SQLite error \(code): \(message)" }
}

extension StoreError {
    /// The one place where failures inside the SQLite store become `StoreError`s: contract errors thrown by the
    /// store's own checks pass through; engine errors are `backend`.
    static func mapping(_ error: any Error) -> StoreError {
        switch error {
        case let error as StoreError: error
        case let error as SQLiteError: .backend(error.description)
        default: .backend("\(error)")
        }
    }
}
