import Foundation
import Logging
import ServiceLifecycle

/// Keeps the materialised instances of recurring series ahead of the clock: every `interval` it runs one pass that
/// re-indexes the series whose expansion falls behind "now plus the index horizon" (and forgets old throttle events).
/// Requests never do this work; a query beyond an object's horizon is answered by expanding that object on demand.
///
/// The first pass runs at start, so objects written by an older version (or before a long downtime) are brought up
/// to date without waiting an interval. A failed pass is logged and retried at the next interval.
public struct IndexMaintenanceService: Service {
    public typealias Pass = @Sendable (Date) async throws -> Int

    private let interval: Duration
    private let pass: Pass
    private let logger: Logger

    public init(interval: Duration, logger: Logger, pass: @escaping Pass) {
        self.interval = interval
        self.pass = pass
        self.logger = logger
    }

    public func run() async throws {
        // Graceful shutdown cancels the sleep (and the pass, between store calls) and ends the loop.
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await runPass()
                try await Task.sleep(for: interval)
            }
        }
    }

    func runPass() async {
        let started = ContinuousClock.now
        do {
            let count = try await pass(Date())
            if count > 0 {
                logger.info("Index maintenance re-indexed \(count) objects in \(ContinuousClock.now - started)")
            }
        } catch is CancellationError {
            return
        } catch {
            logger.error("Index maintenance failed; retrying in \(interval)",
                         metadata: ["error": .string(String(reflecting: error))])
        }
    }
}
