import Dispatch
import Foundation
@testable import SQLiteStore

/// Holds the store's writer queue busy, so that writes submitted meanwhile queue up and meet in one batch when it
/// resumes: group commit made deterministic for tests.
final class WriterPause: Sendable {
    private let release = DispatchSemaphore(value: 0)
    private let store: SQLiteStore

    init(_ store: SQLiteStore) {
        self.store = store
        let started = DispatchSemaphore(value: 0)
        Thread.detachNewThread { [release] in
            _ = try? store.pool.withWriterBlocking { _ in
                started.signal()
                release.wait()
            }
        }
        started.wait()
    }

    /// Waits until `count` writes are queued behind the pause.
    func waitForPendingWrites(_ count: Int) async throws {
        while store.pool.pendingWrites < count { try await Task.sleep(for: .milliseconds(1)) }
    }

    func resume() { release.signal() }
}
