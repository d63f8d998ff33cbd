import CalendarStore
import Foundation
import Logging
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
    let putBatcher = PutBatcher()
    private let connector: PostgresConnector

    /// Connects to the first listed host that accepts writes, waiting up to `connectTimeout` for one, and brings
    /// the schema up to date (migrations run once, whichever node starts first). `unavailable` when no host does.
    public init(configuration: PostgresStoreConfiguration, logger: Logger = Logger(label: "almanac.postgres"),
                connectTimeout: Duration = .seconds(30)) async throws(StoreError) {
        connector = try await PostgresConnector(configuration: configuration, logger: logger,
                                                connectTimeout: connectTimeout)
        database = PostgresDatabase(connector: connector, logger: logger)
        do {
            try await PostgresSchema.migrate(database)
        } catch {
            await connector.close()
            throw error
        }
    }

    /// Closes every connection; calls afterwards fail.
    public func close() async {
        await connector.close()
    }

    /// The host the store writes to now: the first listed one at start, the promoted standby after a failover.
    public var primary: PostgresStoreConfiguration.Host { connector.host }

    static func now() -> Int64 { Int64(Date().timeIntervalSince1970) }

}
