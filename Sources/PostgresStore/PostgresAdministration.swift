import CalendarStore
import Logging
import PostgresNIO

/// Statements an administrator (or a test) runs once, outside any store: creating a schema, an extension.
public enum PostgresAdministration {
    /// Runs `statement` (trusted text, not input) on the first writable host, on a connection of its own.
    public static func execute(_ statement: String, configuration: PostgresStoreConfiguration,
                               logger: Logger = Logger(label: "almanac.postgres")) async throws(StoreError) {
        let host = try await PostgresConnector.writableHost(configuration, logger: logger, timeout: .seconds(10))
        do {
            let connection = try await PostgresConnection.connect(
                configuration: try PostgresConnector.connectionConfiguration(configuration, host: host), id: 1,
                logger: logger)
            do {
                try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
            } catch {
                try? await connection.close()
                throw error
            }
            try? await connection.close()
        } catch {
            throw PostgresDatabase.mapping(error)
        }
    }
}
