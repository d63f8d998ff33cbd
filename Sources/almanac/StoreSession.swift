import AlmanacServer
import CalendarStore
import SQLiteStore

/// The store the commands work on: SQLite in the data directory. Only the executable picks a store.
enum StoreSession {
    /// Opens the store for `options`, runs `body`, and closes the store whether `body` succeeds or throws.
    static func withStore<T>(_ options: DataOptions,
                             _ body: (any CalendarStore) async throws -> T) async throws -> T {
        _ = try options.preparedDataDirectory()
        let store = try SQLiteStore(path: options.databasePath)
        do {
            let result = try await body(store)
            store.close()
            return result
        } catch {
            store.close()
            throw error
        }
    }
}
