import CalendarStore
import Synchronization

/// One writer and a few readers over one database file.
///
/// All writes go through the single writer, each in a `BEGIN IMMEDIATE` transaction, so a write's checks and
/// changes are serialized with every other write. Reads run in WAL snapshots on the reader that has the fewest
/// calls pending, so they proceed while a write is in progress.
final class SQLiteConnectionPool: Sendable {
    private let writer: SQLiteWorker
    private let readers: [SQLiteWorker]
    /// Calls queued or running per reader.
    private let pending: Mutex<[Int]>

    init(writer: SQLiteWorker, readers: [SQLiteWorker]) {
        precondition(!readers.isEmpty, "a pool needs at least one reader")
        self.writer = writer
        self.readers = readers
        self.pending = Mutex(Array(repeating: 0, count: readers.count))
    }

    /// Runs `body` in a write transaction: committed when it returns, rolled back when it throws.
    func write<T: Sendable>(_ body: @escaping @Sendable (SQLiteConnection) throws -> T) async throws(StoreError) -> T {
        try await writer.perform { connection in try connection.transaction(.immediate) { try body(connection) } }
    }

    /// Runs `body` in a read transaction on the least busy reader.
    func read<T: Sendable>(_ body: @escaping @Sendable (SQLiteConnection) throws -> T) async throws(StoreError) -> T {
        let chosen = pending.withLock { counts in
            let index = counts.indices.min { counts[$0] < counts[$1] }!
            counts[index] += 1
            return index
        }
        defer { pending.withLock { $0[chosen] -= 1 } }
        return try await readers[chosen].perform { connection in
            try connection.transaction(.deferred) { try body(connection) }
        }
    }

    /// Runs `body` on the writer outside any transaction, blocking: for migrations and tests.
    func withWriterBlocking<T>(_ body: (SQLiteConnection) throws -> T) throws(StoreError) -> T {
        try writer.performBlocking(body)
    }

    /// Runs `body` on a reader outside any transaction, blocking: for tests.
    func withReaderBlocking<T>(_ body: (SQLiteConnection) throws -> T) throws(StoreError) -> T {
        try readers[0].performBlocking(body)
    }

    /// Closes the readers, then the writer (the last connection to close checkpoints the WAL).
    func close() {
        for reader in readers { reader.close() }
        writer.close()
    }
}
