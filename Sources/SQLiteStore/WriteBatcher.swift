import CalendarStore
import Synchronization

/// Group commit for the single writer connection.
///
/// Every write request joins a queue. The writer takes all pending requests (at most `limit`) into one
/// `BEGIN IMMEDIATE` … `COMMIT`, each inside its own savepoint: a request that throws (a failed precondition, a UID
/// conflict) is undone alone and gets its own error while the others commit. Requests are acknowledged only after
/// `COMMIT` returned, which with WAL and `synchronous = FULL` means durable; when the commit itself fails, no request
/// of the batch is acknowledged as written. While one batch waits for its fsync the next one gathers, so many
/// concurrent writers share each sync to disk instead of paying one each, and a lone writer pays no added delay.
final class WriteBatcher: Sendable {
    /// Acknowledges a write that was applied inside the batch: nil once the batch committed, else the error that
    /// kept it from committing.
    typealias Acknowledgement = @Sendable (StoreError?) -> Void

    /// One write waiting for the writer.
    struct Request: Sendable {
        /// Applies the write with the writer's connection, inside a savepoint; returns how to acknowledge it.
        let apply: @Sendable (SQLiteConnection) throws -> Acknowledgement
        /// Reports that the write was not applied.
        let fail: @Sendable (StoreError) -> Void
    }

    private struct Queue: Sendable {
        var pending: [Request] = []
        /// True while a drain is scheduled or running on the writer, so each request schedules at most one.
        var draining = false
    }

    private let worker: SQLiteWorker
    private let limit: Int
    private let queue = Mutex(Queue())
    private let commits = Atomic<Int>(0)

    /// `limit` is the most requests one transaction takes (1 gives one commit per request).
    init(worker: SQLiteWorker, limit: Int) {
        self.worker = worker
        self.limit = max(1, limit)
    }

    /// Transactions committed so far (tests and measurements).
    var commitCount: Int { commits.load(ordering: .relaxed) }

    /// Requests waiting for the writer.
    var pendingCount: Int { queue.withLock { $0.pending.count } }

    func submit(_ request: Request) {
        let schedule = queue.withLock { queue in
            queue.pending.append(request)
            defer { queue.draining = true }
            return !queue.draining
        }
        if schedule { worker.enqueue { connection in self.drain(connection) } }
    }

    /// Runs on the writer's queue until no request is pending.
    private func drain(_ connection: SQLiteConnection?) {
        while let batch = nextBatch() {
            guard let connection else {
                for request in batch { request.fail(.backend("the store is closed")) }
                continue
            }
            run(batch, on: connection)
        }
    }

    private func nextBatch() -> [Request]? {
        queue.withLock { queue in
            guard !queue.pending.isEmpty else {
                queue.draining = false
                return nil
            }
            let count = min(limit, queue.pending.count)
            defer { queue.pending.removeFirst(count) }
            return Array(queue.pending.prefix(count))
        }
    }

    private func run(_ batch: [Request], on db: SQLiteConnection) {
        do {
            try db.run("BEGIN IMMEDIATE")
        } catch {
            for request in batch { request.fail(.mapping(error)) }
            return
        }
        var applied: [Acknowledgement] = []
        // Refusals are reported after the commit too: the state they describe may come from an earlier write of
        // this batch, which is not visible to anyone before it commits.
        var refused: [() -> Void] = []
        for (position, request) in batch.enumerated() {
            do {
                applied.append(try db.savepoint { try request.apply(db) })
            } catch let lost as TransactionLost {
                // SQLite undid the whole transaction (I/O error, disk full): nothing of this batch is written.
                let error = StoreError.mapping(lost)
                for acknowledge in applied { acknowledge(error) }
                for report in refused { report() }
                request.fail(.mapping(lost.cause))
                for rest in batch[(position + 1)...] { rest.fail(error) }
                return
            } catch {
                let error = StoreError.mapping(error)
                refused.append { request.fail(error) }
            }
        }
        do {
            try db.run("COMMIT")
            commits.add(1, ordering: .relaxed)
            for acknowledge in applied { acknowledge(nil) }
        } catch {
            let failure = StoreError.mapping(error)
            if db.isInTransaction { _ = try? db.run("ROLLBACK") }
            for acknowledge in applied { acknowledge(failure) }
        }
        for report in refused { report() }
    }
}
