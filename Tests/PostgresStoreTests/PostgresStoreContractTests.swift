import CalendarStore
import CalendarStoreTesting
import PostgresStore
import Testing

/// The store contract against PostgreSQL, each check in a fresh schema.
@Suite(.enabled(if: TestPostgres.isConfigured, "set ALMANAC_TEST_POSTGRES to a postgres:// URL to run"))
struct PostgresStoreContractTests {
    @Test(arguments: StoreContract.checks)
    func contract(_ check: ContractCheck) async throws {
        let schema = try TemporarySchema()
        let store = try await schema.store()
        do {
            try await check.run(store)
        } catch {
            await store.close()
            await schema.drop()
            throw error
        }
        await store.close()
        await schema.drop()
    }
}
