import CalendarStore
import Logging
import PostgresNIO

/// One connection of the pool, inside a transaction (`PostgresDatabase.write`) or not (`read`): the few query shapes
/// the store needs, with rows read through `ResultRow`.
struct PostgresSession {
    let connection: PostgresConnection
    let logger: Logger

    /// Every row of `query`, decoded.
    func query<T>(_ sql: SQL, _ decode: (ResultRow) throws -> T) async throws -> [T] {
        var results: [T] = []
        for try await row in try await connection.query(sql.query, logger: logger) {
            results.append(try decode(ResultRow(row.makeRandomAccess())))
        }
        return results
    }

    /// The first row of `query`, decoded; nil when there is none.
    func queryFirst<T>(_ sql: SQL, _ decode: (ResultRow) throws -> T) async throws -> T? {
        var first: T?
        for try await row in try await connection.query(sql.query, logger: logger) where first == nil {
            first = try decode(ResultRow(row.makeRandomAccess()))
        }
        return first
    }

    /// Whether `query` returns a row.
    func exists(_ sql: SQL) async throws -> Bool {
        try await queryFirst(sql) { _ in true } ?? false
    }

    /// Runs a statement; returns how many rows it returned (statements that change rows say `RETURNING 1` to be
    /// counted: the wire protocol's command tag is not exposed by postgres-nio's query API).
    @discardableResult
    func run(_ sql: SQL) async throws -> Int {
        var count = 0
        for try await _ in try await connection.query(sql.query, logger: logger) { count += 1 }
        return count
    }
}

/// A row of a result, read by column position.
struct ResultRow {
    let cells: PostgresRandomAccessRow

    init(_ cells: PostgresRandomAccessRow) { self.cells = cells }

    func int64(_ column: Int) throws -> Int64 { try cells[column].decode(Int64.self) }
    func int(_ column: Int) throws -> Int { Int(try cells[column].decode(Int64.self)) }
    func optionalInt64(_ column: Int) throws -> Int64? { try cells[column].decode(Int64?.self) }
    func text(_ column: Int) throws -> String { try cells[column].decode(String.self) }
    func optionalText(_ column: Int) throws -> String? { try cells[column].decode(String?.self) }
    func bool(_ column: Int) throws -> Bool { try cells[column].decode(Bool.self) }
    func strings(_ column: Int) throws -> [String] { try cells[column].decode([String].self) }
    func bytes(_ column: Int) throws -> [UInt8] {
        var buffer = try cells[column].decode(ByteBuffer.self)
        return buffer.readBytes(length: buffer.readableBytes) ?? []
    }
}

extension [UInt8] {
    /// The bytes as a `bytea` parameter.
    var bytea: ByteBuffer { ByteBuffer(bytes: self) }
}
