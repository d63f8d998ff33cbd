import CalendarStore
import CalendarStoreTesting
import Testing

/// The store contract against the in-memory reference store.
struct InMemoryStoreContractTests {
    @Test(arguments: StoreContract.checks)
    func contract(_ check: ContractCheck) async throws {
        try await check.run(InMemoryStore())
    }

    @Test func checkNamesAreUnique() {
        let names = StoreContract.checks.map(\.name)
        #expect(Set(names).count == names.count)
    }
}
