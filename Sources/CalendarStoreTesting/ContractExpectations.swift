import CalendarStore

/// The assertions of the contract suite. They throw instead of recording, so the suite needs no test framework.
enum Expect {
    static func that(_ condition: Bool, _ message: @autoclosure () -> String,
                     file: StaticString = #fileID, line: UInt = #line) throws(ContractViolation) {
        if !condition { throw ContractViolation(message(), file: file, line: line) }
    }

    static func equal<T: Equatable>(_ actual: T, _ expected: T, _ what: @autoclosure () -> String,
                                    file: StaticString = #fileID, line: UInt = #line) throws(ContractViolation) {
        if actual != expected {
            throw ContractViolation("\(what()): expected \(expected), got \(actual)", file: file, line: line)
        }
    }

    static func some<T>(_ value: T?, _ what: @autoclosure () -> String,
                        file: StaticString = #fileID, line: UInt = #line) throws(ContractViolation) -> T {
        guard let value else { throw ContractViolation("\(what()): expected a value, got nil", file: file, line: line) }
        return value
    }

    /// Runs `body` and requires it to fail with exactly `expected`.
    static func error<T>(_ expected: StoreError, _ what: @autoclosure () -> String,
                         file: StaticString = #fileID, line: UInt = #line,
                         _ body: () async throws -> T) async throws(ContractViolation) {
        try await failure(what(), file: file, line: line, body) { $0 == expected ? nil : "\(expected)" }
    }

    /// Runs `body` and requires it to fail with `invalidArgument` (any message).
    static func invalidArgument<T>(_ what: @autoclosure () -> String,
                                   file: StaticString = #fileID, line: UInt = #line,
                                   _ body: () async throws -> T) async throws(ContractViolation) {
        try await failure(what(), file: file, line: line, body) {
            if case .invalidArgument = $0 { nil } else { "invalidArgument" }
        }
    }

    /// `mismatch` returns nil when the error is the expected one, else a description of what was expected.
    private static func failure<T>(_ what: String, file: StaticString, line: UInt, _ body: () async throws -> T,
                                   mismatch: (StoreError) -> String?) async throws(ContractViolation) {
        let outcome: String
        do {
            let value = try await body()
            outcome = "success (\(value))"
        } catch let error as StoreError {
            guard let expected = mismatch(error) else { return }
            throw ContractViolation("\(what): expected \(expected), got \(error)", file: file, line: line)
        } catch {
            outcome = "\(error)"
        }
        throw ContractViolation("\(what): expected a StoreError, got \(outcome)", file: file, line: line)
    }
}
