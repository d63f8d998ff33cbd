import CalendarStore
import Foundation
import Logging
import NIOSSL
import PostgresNIO

/// `CalendarStore` over PostgreSQL, for several Almanac nodes on one database.
///
/// Each node keeps a pool of connections (postgres-nio's `PostgresClient`). Every mutating call is one transaction
/// whose checks (preconditions, UID uniqueness, existence) run after it has locked the rows it depends on, so two
/// nodes never both win a conditional write; commits are durable when acknowledged (`synchronous_commit`, and with
/// a synchronous standby, on both machines). See `PostgresDatabase` for transactions and errors and
/// `PostgresSchema` for the tables.
public final class PostgresStore: CalendarStore {
    let database: PostgresDatabase
    let homes = CalendarHomes()
    private let client: PostgresClient
    private let running: Task<Void, Never>

    /// Connects, waits until the database answers, and brings its schema up to date (migrations run once, whichever
    /// node starts first). `unavailable` when no listed host accepts writes within `connectTimeout`.
    public init(configuration: PostgresStoreConfiguration, logger: Logger = Logger(label: "almanac.postgres"),
                connectTimeout: Duration = .seconds(30)) async throws(StoreError) {
        let host = try await Self.writableHost(configuration, logger: logger, timeout: connectTimeout)
        // The pool's own messages at error level only: a lease requested before `run()` has started is only logged
        // (and then served), and connection failures reach callers as `unavailable` anyway.
        var backgroundLogger = logger
        backgroundLogger.logLevel = max(logger.logLevel, .error)
        let client = PostgresClient(configuration: try Self.clientConfiguration(configuration, host: host),
                                    backgroundLogger: backgroundLogger)
        self.client = client
        running = Task { await client.run() }
        database = PostgresDatabase(client: client, logger: logger)
        do {
            try await PostgresSchema.migrate(database)
        } catch {
            running.cancel()
            throw error
        }
    }

    /// Closes every connection; calls afterwards fail.
    public func close() async {
        running.cancel()
        _ = await running.value
    }

    static func now() -> Int64 { Int64(Date().timeIntervalSince1970) }

    // MARK: Connecting

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

    /// The first listed host that is a primary (accepts writes), trying the list again until `timeout`.
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
