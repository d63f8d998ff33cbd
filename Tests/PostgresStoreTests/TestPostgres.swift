import CalendarStore
import Foundation
import Logging
import PostgresStore

/// The PostgreSQL server the tests use: `ALMANAC_TEST_POSTGRES` (a `postgres://` URL of a database the user
/// owns), which `.ci/run` sets after starting one (`conformance/postgres.sh`). Without it these tests are skipped.
enum TestPostgres {
    static let url: String? = ProcessInfo.processInfo.environment["ALMANAC_TEST_POSTGRES"].flatMap {
        $0.isEmpty ? nil : $0
    }

    static var isConfigured: Bool { url != nil }
}

/// A schema of its own for one test, dropped when the test is done: every check of the contract starts from an
/// empty store without a new database per check. `public` stays on the search path for the `pg_trgm` operator
/// classes, which the first store created there.
struct TemporarySchema {
    let name = "test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    let base: PostgresStoreConfiguration

    init() throws {
        guard let url = TestPostgres.url else { throw StoreError.invalidArgument("ALMANAC_TEST_POSTGRES is not set") }
        base = try PostgresStoreConfiguration(url: url)
    }

    /// A store whose tables live in this schema (created here unless `existingSchema`: a second node on it).
    func store(existingSchema: Bool = false, maximumConnections: Int = 4) async throws -> PostgresStore {
        if !existingSchema {
            try await Self.prepareDatabase(base)
            try await PostgresAdministration.execute("CREATE SCHEMA \(name)", configuration: base)
        }
        var configuration = base
        configuration.schema = "\(name), public"
        configuration.maximumConnections = maximumConnections
        return try await PostgresStore(configuration: configuration, connectTimeout: .seconds(10))
    }

    func drop() async {
        try? await PostgresAdministration.execute("DROP SCHEMA IF EXISTS \(name) CASCADE", configuration: base)
    }

    /// `pg_trgm` in `public`, once, so that no test schema owns it (dropping that schema would take the extension
    /// with it).
    private static func prepareDatabase(_ configuration: PostgresStoreConfiguration) async throws {
        try await PostgresAdministration.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public",
                                                 configuration: configuration)
    }
}
