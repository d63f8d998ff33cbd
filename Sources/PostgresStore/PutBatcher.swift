import CalendarStore
import Synchronization

/// Group commit of single puts, per calendar.
///
/// Writers of one calendar are serialised on its row lock, and each commit waits for the disk (and for a synchronous
/// standby): one put per transaction would cap a calendar at one commit's latency per write. Instead concurrent puts
/// to one calendar queue here; one of them (the first to find the calendar idle) runs every put waiting at that
/// moment, in order, in one transaction under one lock, and acknowledges each only after the COMMIT. A put refused
/// by its own checks (precondition, UID) writes nothing before it is refused, so it fails alone while the others
/// commit; when the transaction itself fails, none of its puts is acknowledged. A lone writer pays no added delay.
final class PutBatcher: Sendable {
    /// One put waiting for its calendar's transaction.
    struct Request: Sendable {
        let put: PreparedPut
        let answer: @Sendable (Result<PutResult, StoreError>) -> Void
    }

    private struct Queues: Sendable {
        var pending: [Int64: [Request]] = [:]
        /// Calendars whose puts are being written now.
        var busy: Set<Int64> = []
    }

    private let queues = Mutex(Queues())
    /// The most puts one transaction takes.
    let limit = 64

    /// Writes `put` into the calendar, in a transaction shared with the puts waiting beside it.
    func put(_ put: PreparedPut, calendarID: Int64, database: PostgresDatabase) async throws(StoreError) -> PutResult {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<PutResult, StoreError>, Never>) in
            let request = Request(put: put) { continuation.resume(returning: $0) }
            let lead = queues.withLock { queues in
                queues.pending[calendarID, default: []].append(request)
                return queues.busy.insert(calendarID).inserted
            }
            guard lead else { return }
            Task { await self.drain(calendarID, database: database) }
        }
        return try result.get()
    }

    /// Writes batches for the calendar until none is waiting.
    private func drain(_ calendarID: Int64, database: PostgresDatabase) async {
        while let batch = nextBatch(calendarID) {
            let puts = batch.map(\.put)
            do {
                let results = try await database.write { session -> [Result<PutResult, StoreError>] in
                    guard let home = try await PostgresStore.lockCalendar(session, calendarID) else {
                        throw StoreError.notFound
                    }
                    var results: [Result<PutResult, StoreError>] = []
                    for put in puts {
                        do {
                            results.append(.success(try await PostgresStore.write(put, home: home,
                                                                                  calendarID: calendarID, session)))
                        } catch let refusal as StoreError {
                            results.append(.failure(refusal))
                        }
                    }
                    return results
                }
                for (request, result) in zip(batch, results) { request.answer(result) }
            } catch {
                for request in batch { request.answer(.failure(error)) }
            }
        }
    }

    /// The next puts of the calendar, oldest first; nil (and the calendar idle again) when none is waiting.
    private func nextBatch(_ calendarID: Int64) -> [Request]? {
        queues.withLock { queues in
            let waiting = queues.pending[calendarID] ?? []
            guard !waiting.isEmpty else {
                queues.pending[calendarID] = nil
                queues.busy.remove(calendarID)
                return nil
            }
            let batch = Array(waiting.prefix(limit))
            queues.pending[calendarID] = Array(waiting.dropFirst(batch.count))
            return batch
        }
    }
}
