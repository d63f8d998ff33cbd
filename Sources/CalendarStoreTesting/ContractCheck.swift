import CalendarStore

/// One named check of the store contract, run against a fresh, empty store.
///
/// A store's test target runs every check of `StoreContract.checks`:
/// `@Test(arguments: StoreContract.checks) func contract(_ check: ContractCheck) async throws`.
public struct ContractCheck: Sendable, CustomStringConvertible {
    /// A dotted name, `area.behaviour`, shown by the test runner.
    public let name: String
    /// Throws `ContractViolation` when the store breaks the contract (other errors are unexpected failures).
    public let run: @Sendable (any CalendarStore) async throws -> Void

    public init(_ name: String, run: @escaping @Sendable (any CalendarStore) async throws -> Void) {
        self.name = name
        self.run = run
    }

    public var description: String { name }
}

/// A store did something the contract forbids. Carries where in the contract suite the expectation was written.
public struct ContractViolation: Error, Sendable, CustomStringConvertible {
    public let message: String
    public let file: String
    public let line: Int

    public init(_ message: String, file: StaticString = #fileID, line: UInt = #line) {
        self.message = message
        self.file = "\(file)"
        self.line = Int(line)
    }

    public var description: String { "\(file):\(line): \(message)" }
}
