import CalendarStore
import Logging
import NIOSSL
import PostgresNIO
import Synchronization

/// Finds the primary among the configured hosts and keeps a connection pool to it; after a failover, finds the
/// promoted standby and moves to it.
///
/// A request that fails for want of a connection (or is refused by a server that became read-only) reports it
/// here (`connectionFailed`), and so does a watchdog when a request has waited `leaseWarning` for a connection
/// (postgres-nio's pool keeps such requests queued while it retries a dead host, for a minute before it gives up).
/// The failed request answers `unavailable` (503, retryable), and one reselection runs in the background, at most
/// once a second: it probes the listed hosts in order, and when the first that accepts writes
/// is another than the current one, later requests use a new pool to it and the requests still queued on the old
/// one fail at once. A primary that only restarts keeps its pool, which reconnects by itself. Nothing is retried behind the client's back: a write whose commit was not
/// acknowledged may or may not have happened, and only the client can decide to repeat it.
final class PostgresConnector: Sendable {
    let configuration: PostgresStoreConfiguration
    private let logger: Logger
    private let state: Mutex<State>

    private struct Pool: Sendable {
        let client: PostgresClient
        let running: Task<Void, Never>
        let host: PostgresStoreConfiguration.Host
    }

    private struct State: Sendable {
        var pool: Pool
        var reselecting = false
        var lastReselection: ContinuousClock.Instant?
        var retired: [Pool] = []
        /// Operations waiting for a connection, by id: since when.
        var waiting: [Int: ContinuousClock.Instant] = [:]
        var nextTicket = 0
        /// Operations in flight, by id: the pool generation they run on and how to fail them.
        var operations: [Int: (generation: Int, fail: @Sendable (StoreError) -> Void)] = [:]
        var generation = 0
        var watchdog: Task<Void, Never>?
    }

    /// How long a request may wait for a connection before the primary is looked for again.
    static let leaseWarning: Duration = .seconds(2)

    init(configuration: PostgresStoreConfiguration, logger: Logger, connectTimeout: Duration) async throws(StoreError) {
        self.configuration = configuration
        self.logger = logger
        let host = try await Self.writableHost(configuration, logger: logger, timeout: connectTimeout)
        state = Mutex(State(pool: try Self.pool(configuration, host: host, logger: logger)))
        let watchdog = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(500))
                self?.checkWaiting()
            }
        }
        state.withLock { $0.watchdog = watchdog }
    }

    /// An operation starts on the current pool: its client and the id to give `operationEnded`. When that pool is
    /// retired (the primary moved), `fail` is called at once: a query in flight on a server that went away is not
    /// always failed by postgres-nio (seen with an immediate shutdown during a synchronous commit), and the
    /// request must not wait for it.
    /// The operation starts out waiting for a connection: call `leaseEnded(id)` once it has one.
    func operationStarted(fail: @escaping @Sendable (StoreError) -> Void) -> (client: PostgresClient, id: Int) {
        state.withLock { state in
            state.nextTicket += 1
            state.operations[state.nextTicket] = (state.generation, fail)
            state.waiting[state.nextTicket] = .now
            return (state.pool.client, state.nextTicket)
        }
    }

    func operationEnded(_ id: Int) {
        state.withLock { state in
            state.operations[id] = nil
            state.waiting[id] = nil
        }
    }

    /// The operation `id` has its connection.
    func leaseEnded(_ id: Int) {
        state.withLock { _ = $0.waiting.removeValue(forKey: id) }
    }

    private func checkWaiting() {
        let now = ContinuousClock.now
        let stuck = state.withLock { state in
            state.waiting.values.contains { now - $0 > Self.leaseWarning }
        }
        if stuck { connectionFailed() }
    }

    /// The pool requests use now.
    var client: PostgresClient { state.withLock { $0.pool.client } }

    var host: PostgresStoreConfiguration.Host { state.withLock { $0.pool.host } }

    /// A request could not reach the primary: look for it again, unless a look is under way or was just taken.
    func connectionFailed() {
        let start = state.withLock { state -> Bool in
            let now = ContinuousClock.now
            if state.reselecting { return false }
            if let last = state.lastReselection, now - last < .seconds(1) { return false }
            state.reselecting = true
            state.lastReselection = now
            return true
        }
        guard start else { return }
        Task { await reselect() }
    }

    private func reselect() async {
        defer { state.withLock { $0.reselecting = false } }
        guard let found = try? await Self.writableHost(configuration, logger: logger, timeout: .zero) else {
            logger.warning("No PostgreSQL host accepts writes yet", metadata: ["store": "\(configuration.redacted)"])
            // Requests that have waited a while now would only wait for the promotion: answer them (503, retry
            // later) rather than leave them to the pool, which keeps them queued for a minute.
            let doomed = state.withLock { state in
                let now = ContinuousClock.now
                let late = state.waiting.filter { now - $0.value > Self.leaseWarning }.keys
                let failing = late.compactMap { state.operations.removeValue(forKey: $0)?.fail }
                for ticket in late { state.waiting[ticket] = nil }
                return failing
            }
            for fail in doomed { fail(.unavailable("no PostgreSQL host accepts writes")) }
            return
        }
        guard found != host, let pool = try? Self.pool(configuration, host: found, logger: logger) else { return }
        let (old, doomed) = state.withLock { state in
            let old = state.pool
            state.retired.append(old)
            state.pool = pool
            let doomed = state.operations.filter { $0.value.generation == state.generation }
            for id in doomed.keys { state.operations[id] = nil }
            state.generation += 1
            return (old, doomed.values.map(\.fail))
        }
        // Requests still on the old pool fail (their server is gone or read-only); its reconnecting stops.
        for fail in doomed { fail(.unavailable("the PostgreSQL primary moved during the request")) }
        old.running.cancel()
        logger.notice("PostgreSQL primary moved", metadata: ["host": "\(found.name):\(found.port)"])
    }

    func close() async {
        state.withLock { $0.watchdog?.cancel() }
        let pools = state.withLock { [$0.pool] + $0.retired }
        for pool in pools {
            pool.running.cancel()
            _ = await pool.running.value
        }
    }

    private static func pool(_ configuration: PostgresStoreConfiguration, host: PostgresStoreConfiguration.Host,
                             logger: Logger) throws(StoreError) -> Pool {
        // The pool's own messages at error level only: a lease requested before `run()` has started is only logged
        // (and then served), and connection failures reach callers as `unavailable` anyway.
        var backgroundLogger = logger
        backgroundLogger.logLevel = max(logger.logLevel, .error)
        let client = PostgresClient(configuration: try clientConfiguration(configuration, host: host),
                                    backgroundLogger: backgroundLogger)
        return Pool(client: client, running: Task { await client.run() }, host: host)
    }

    static func clientConfiguration(_ configuration: PostgresStoreConfiguration,
                                    host: PostgresStoreConfiguration.Host) throws(StoreError)
        -> PostgresClient.Configuration {
        var client = PostgresClient.Configuration(host: host.name, port: host.port, username: configuration.username,
                                                  password: configuration.password, database: configuration.database,
                                                  tls: try tls(configuration))
        client.options.maximumConnections = configuration.maximumConnections
        client.options.connectTimeout = .seconds(5)
        if let schema = configuration.schema {
            client.options.additionalStartupParameters = [("search_path", schema)]
        }
        return client
    }

    private static func tls(_ configuration: PostgresStoreConfiguration) throws(StoreError)
        -> PostgresClient.Configuration.TLS {
        switch configuration.tls {
        case .disable: .disable
        case .prefer: .prefer(try tlsConfiguration(configuration))
        case .require, .verifyFull: .require(try tlsConfiguration(configuration))
        }
    }

    /// libpq's prefer and require encrypt without checking whom they talk to; verify-full checks the certificate
    /// and the host name against `rootCertificatePath` (or the system's roots).
    private static func tlsConfiguration(_ configuration: PostgresStoreConfiguration) throws(StoreError)
        -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        guard configuration.tls == .verifyFull else {
            tls.certificateVerification = .none
            return tls
        }
        if let path = configuration.rootCertificatePath {
            do {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(path))
            } catch {
                throw .invalidArgument("cannot read the PostgreSQL root certificate \(path): \(error)")
            }
        }
        tls.certificateVerification = .fullVerification
        return tls
    }

    /// The first listed host that is a primary (accepts writes), trying the list again until `timeout` (one pass
    /// when it is zero).
    static func writableHost(_ configuration: PostgresStoreConfiguration, logger: Logger, timeout: Duration)
        async throws(StoreError) -> PostgresStoreConfiguration.Host {
        let deadline = ContinuousClock.now + timeout
        var lastProblem = "no host listed"
        repeat {
            for host in configuration.hosts {
                switch await probe(host, configuration, logger: logger) {
                case .success(true): return host
                case .success(false): lastProblem = "\(host.name):\(host.port) is a standby (read-only)"
                case .failure(let problem): lastProblem = "\(host.name):\(host.port): \(problem)"
                }
            }
            guard ContinuousClock.now < deadline else { break }
            try? await Task.sleep(for: .milliseconds(500))
        } while ContinuousClock.now < deadline
        throw .unavailable("no PostgreSQL host of \(configuration.redacted) accepts writes (\(lastProblem))")
    }

    /// Whether the host answers as a primary; the reason when it cannot be reached.
    private static func probe(_ host: PostgresStoreConfiguration.Host, _ configuration: PostgresStoreConfiguration,
                              logger: Logger) async -> Result<Bool, ProbeFailure> {
        do {
            let session = try await PostgresConnection.connect(
                configuration: try connectionConfiguration(configuration, host: host), id: 0, logger: logger)
            var primary = false
            do {
                for try await inRecovery in try await session.query("SELECT pg_is_in_recovery()", logger: logger)
                    .decode(Bool.self) {
                    primary = !inRecovery
                }
            } catch {
                try? await session.close()
                throw error
            }
            try? await session.close()
            return .success(primary)
        } catch {
            return .failure(ProbeFailure(description: String(describing: PostgresDatabase.mapping(error))))
        }
    }

    /// A single connection's configuration (probes, administration), with the pool's TLS and schema.
    static func connectionConfiguration(_ configuration: PostgresStoreConfiguration,
                                        host: PostgresStoreConfiguration.Host) throws(StoreError)
        -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS
        do {
            switch configuration.tls {
            case .disable: tls = .disable
            case .prefer: tls = .prefer(try NIOSSLContext(configuration: try tlsConfiguration(configuration)))
            case .require, .verifyFull:
                tls = .require(try NIOSSLContext(configuration: try tlsConfiguration(configuration)))
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw .invalidArgument("PostgreSQL TLS settings: \(error)")
        }
        var connection = PostgresConnection.Configuration(host: host.name, port: host.port,
                                                          username: configuration.username,
                                                          password: configuration.password,
                                                          database: configuration.database, tls: tls)
        connection.options.connectTimeout = .seconds(5)
        if let schema = configuration.schema {
            connection.options.additionalStartupParameters = [("search_path", schema)]
        }
        return connection
    }


    private struct ProbeFailure: Error { let description: String }
}
