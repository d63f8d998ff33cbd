import CalendarStore
import CalendarStoreTesting
import SQLiteStore
import Testing

/// The store contract against a fresh SQLite file per check.
struct SQLiteStoreContractTests {
    @Test(arguments: StoreContract.checks)
    func contract(_ check: ContractCheck) async throws {
        let database = try TemporaryDatabase()
        defer { database.remove() }
        let store = try SQLiteStore(path: database.path)
        defer { store.close() }
        try await check.run(store)
    }
}
