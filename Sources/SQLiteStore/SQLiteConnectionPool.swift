import CalendarStore
import Synchronization

/// One writer and a few readers over one database file.
///
/// All writes go through the single writer, group-committed by `WriteBatcher`: each write runs in a savepoint of
/// a `BEGIN IMMEDIATE` transaction it may share with other writes, so its checks and changes are serialized with
/// every other write, and it returns once that transaction committed. Reads run in WAL snapshots on the reader that
/// has the fewest calls pending, so they proceed while a write is in progress, and see every acknowledged write.
final class SQLiteConnectionPool: Sendable {
    private let writer: SQLiteWorker
    private let batcher: WriteBatcher
    private let readers: [SQLiteWorker]
    /// Calls queued or running per reader.
    private let pending: Mutex<[Int]>

    /// `writeBatchLimit` is the most writes one commit takes.
    init(writer: SQLiteWorker, readers: [SQLiteWorker], writeBatchLimit: Int) {
        precondition(!readers.isEmpty, "a pool needs at least one reader")
        self.writer = writer
        self.batcher = WriteBatcher(worker: writer, limit: writeBatchLimit)
        self.readers = readers
        self.pending = Mutex(Array(repeating: 0, count: readers.count))
    }

    /// Transactions the writer committed so far.
    var commitCount: Int { batcher.commitCount }

    /// Writes waiting for the writer.
    var pendingWrites: Int { batcher.pendingCount }

    /// Runs `body` as one write: applied completely or not at all, and durable when this returns.
    func write<T: Sendable>(_ body: @escaping @Sendable (SQLiteConnection) throws -> T) async throws(StoreError) -> T {
        let result: Result<T, StoreError> = await withCheckedContinuation { continuation in
            batcher.submit(WriteBatcher.Request(
                apply: { db in
                    let value = try body(db)
                    return { failure in continuation.resume(returning: failure.map { .failure($0) } ?? .success(value)) }
                },
                fail: { error in continuation.resume(returning: .failure(error)) }))
        }
        return try result.get()
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
