import CalendarStore
import Dispatch

/// A connection confined to its own serial dispatch queue. SQLite calls block, so they run there and never on
/// Swift's cooperative thread pool; callers await them through a continuation.
final class SQLiteWorker: @unchecked Sendable {
    // @unchecked: `connection` is only touched on `queue`, which serializes every use of it.
    private let queue: DispatchQueue
    private var connection: SQLiteConnection?

    init(label: String, connection: SQLiteConnection) {
        self.queue = DispatchQueue(label: label)
        self.connection = connection
    }

    /// Runs `body` with the connection on the worker's queue.
    func perform<T: Sendable>(_ body: @escaping @Sendable (SQLiteConnection) throws -> T) async throws(StoreError)
        -> T {
        let result: Result<T, StoreError> = await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: self.run(body)) }
        }
        return try result.get()
    }

    /// Runs `job` on the worker's queue with the connection (nil once closed); for the write batcher, which
    /// resumes its callers itself.
    func enqueue(_ job: @escaping @Sendable (SQLiteConnection?) -> Void) {
        queue.async { job(self.connection) }
    }

    /// Runs `body` on the worker's queue, blocking the caller; for opening and closing only.
    func performBlocking<T>(_ body: (SQLiteConnection) throws -> T) throws(StoreError) -> T {
        try queue.sync { run(body) }.get()
    }

    /// Closes the connection; later calls fail with `backend`.
    func close() {
        queue.sync {
            connection?.close()
            connection = nil
        }
    }

    private func run<T>(_ body: (SQLiteConnection) throws -> T) -> Result<T, StoreError> {
        guard let connection else { return .failure(.backend("the store is closed")) }
        do {
            return .success(try body(connection))
        } catch {
            return .failure(.mapping(error))
        }
    }
}
