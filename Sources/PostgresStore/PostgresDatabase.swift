import CalendarStore
import Logging
import PostgresNIO
import Synchronization

/// The pool of connections of a `PostgresStore`, and the one place where PostgreSQL failures become `StoreError`s.
///
/// Writes run in a READ COMMITTED transaction that takes its row locks first (the calendar's row, in id order when
/// there are several), so writers of one calendar are serialised on that row until they commit: revisions are given
/// out and committed in order, which keeps every sync token complete whichever node wrote. A transaction that
/// PostgreSQL aborts for a serialization failure or a deadlock (SQLSTATE 40001, 40P01) is run again from the start,
/// a few times; failures to reach the server are `unavailable` (retryable), anything else `backend`.
struct PostgresDatabase: Sendable {
    let connector: PostgresConnector
    let logger: Logger
    /// Attempts of a transaction that keeps failing with a retryable SQLSTATE.
    static let attempts = 5

    /// Runs `body` on a connection outside any transaction (each statement sees the latest committed data).
    func read<T: Sendable>(_ body: @escaping @Sendable (PostgresSession) async throws -> T)
        async throws(StoreError) -> T {
        do {
            return try await onCurrentPool { client, ticket in
                try await client.withConnection { connection in
                    connector.leaseEnded(ticket)
                    return try await body(PostgresSession(connection: connection, logger: logger))
                }
            }
        } catch {
            throw failure(error)
        }
    }

    /// Runs `body` in one transaction, retried from the start when PostgreSQL aborts it as retryable. Returns only
    /// once the commit is acknowledged (durable with the server's `synchronous_commit`).
    func write<T: Sendable>(_ body: @escaping @Sendable (PostgresSession) async throws -> T)
        async throws(StoreError) -> T {
        var attempt = 1
        while true {
            do {
                return try await onCurrentPool { client, ticket in
                    try await client.withConnection { connection in
                        connector.leaseEnded(ticket)
                        let session = PostgresSession(connection: connection, logger: logger)
                        try await session.run("BEGIN")
                        do {
                            let value = try await body(session)
                            try await session.run("COMMIT")
                            return value
                        } catch {
                            // A failed ROLLBACK means the connection is gone; the pool drops it, the server aborts.
                            _ = try? await session.run("ROLLBACK")
                            throw error
                        }
                    }
                }
            } catch {
                let mapped = failure(error)
                if Self.isRetryable(error), attempt < Self.attempts {
                    attempt += 1
                    try? await Task.sleep(for: .milliseconds(5 * attempt))
                    continue
                }
                throw mapped
            }
        }
    }

    /// Runs `operation` on the connector's current pool, given the id to report its connection with (`leaseEnded`),
    /// and answers `unavailable` at once when that pool is retired before the operation ends (see
    /// `PostgresConnector.operationStarted`). The operation runs in a task of its own so the caller can be answered
    /// without it.
    private func onCurrentPool<T: Sendable>(
        _ operation: @escaping @Sendable (PostgresClient, _ ticket: Int) async throws -> T) async throws -> T {
        let connector = self.connector
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let answer = SingleAnswer(continuation)
            let (client, id) = connector.operationStarted { answer.resume(throwing: $0) }
            Task {
                defer { connector.operationEnded(id) }
                do {
                    answer.resume(returning: try await operation(client, id))
                } catch {
                    answer.resume(throwing: error)
                }
            }
        }
    }

    /// The error for the caller; a lost primary also sends the connector looking for the new one.
    private func failure(_ error: any Error) -> StoreError {
        let mapped = Self.mapping(error)
        if case .unavailable = mapped, !Self.isRetryable(error) { connector.connectionFailed() }
        return mapped
    }

    /// SQLSTATE of a server error, nil for other failures.
    static func sqlState(_ error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }

    /// Serialization failures and deadlocks: the transaction was aborted as a whole and may simply be run again.
    static func isRetryable(_ error: any Error) -> Bool {
        guard let state = sqlState(error) else { return false }
        return state == "40001" || state == "40P01"
    }

    static func mapping(_ error: any Error) -> StoreError {
        if let error = error as? StoreError { return error }
        guard let error = error as? PSQLError else { return .unavailable("\(error)") }
        guard let info = error.serverInfo, let state = info[.sqlState] else {
            // No answer from a server: refused, dropped or timed out connections.
            return .unavailable("PostgreSQL connection: \(error.code)")
        }
        let message = "PostgreSQL \(state): \(info[.message] ?? "")"
        // 08: connection exceptions; 57P01-57P03: the server is shutting down or starting; 25006: a read-only
        // transaction (a standby that has not been promoted); 40001/40P01 after the last attempt.
        let retryable: Set = ["57P01", "57P02", "57P03", "25006", "40001", "40P01"]
        return state.hasPrefix("08") || retryable.contains(state) ? .unavailable(message) : .backend(message)
    }
}

/// A continuation resumed by whichever comes first, the operation or its pool's retirement; later ones are ignored.
private final class SingleAnswer<T: Sendable>: Sendable {
    private let continuation: Mutex<CheckedContinuation<T, any Error>?>

    init(_ continuation: CheckedContinuation<T, any Error>) { self.continuation = Mutex(continuation) }

    func resume(returning value: T) { take()?.resume(returning: value) }

    func resume(throwing error: any Error) { take()?.resume(throwing: error) }

    private func take() -> CheckedContinuation<T, any Error>? {
        continuation.withLock { continuation in
            defer { continuation = nil }
            return continuation
        }
    }
}
