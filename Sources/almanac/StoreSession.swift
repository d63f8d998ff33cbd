import AlmanacServer
import ArgumentParser
import CalendarStore
import Logging
import PostgresStore
import SQLiteStore

/// The store the commands work on, as the `store` setting says: SQLite in the data directory (the default) or
/// PostgreSQL. Only the executable picks a store.
enum StoreSession {
    /// Opens the store for `options` (and `configuration`, read from `options` when nil), runs `body`, and closes
    /// the store whether `body` succeeds or throws.
    static func withStore<T>(_ options: DataOptions, configuration: ServerConfiguration? = nil,
                             _ body: (any CalendarStore) async throws -> T) async throws -> T {
        let configuration = try configuration ?? options.serverConfiguration()
        if configuration.store == "sqlite" {
            _ = try options.preparedDataDirectory()
            let store = try SQLiteStore(path: options.databasePath)
            defer { store.close() }
            return try await body(store)
        }
        let store: PostgresStore
        do {
            store = try await PostgresStore(
                configuration: PostgresStoreConfiguration(url: configuration.store,
                                                          passwordFile: configuration.storePasswordFile),
                logger: Logger(label: "almanac.postgres"))
        } catch .invalidArgument(let problem) {
            throw ValidationError("store: \(problem)")
        } catch .unavailable(let problem), .backend(let problem) {
            throw ValidationError("store: cannot open the PostgreSQL store: \(problem)")
        }
        do {
            let result = try await body(store)
            await store.close()
            return result
        } catch {
            await store.close()
            throw error
        }
    }
}
