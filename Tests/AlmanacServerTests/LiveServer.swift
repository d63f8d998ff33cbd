import AlmanacServer
import CalendarStoreTesting
import Hummingbird
import Logging

/// The real server over an in-memory store with the given users, as the end-to-end suites start it on loopback.
enum LiveServer {
    struct Account {
        var name: String
        var email: String
        var displayName: String?
        var isAdmin = false
    }

    static func application(store: InMemoryStore, accounts: [Account], password: String, label: String,
                            configure: (inout ServerConfiguration) -> Void = { _ in })
        async throws -> some ApplicationProtocol {
        var configuration = ServerConfiguration(logLevel: .error, maxRequestBodySize: 200_000, bcryptCost: 4)
        configure(&configuration)
        let administration = UserAdministration(store: store, calDAVConfiguration: configuration.calDAVConfiguration,
                                                bcryptCost: 4)
        for account in accounts {
            _ = try await administration.addUser(name: account.name, password: password, email: account.email,
                                                 displayName: account.displayName, isAdmin: account.isAdmin)
        }
        return try AlmanacApplication.make(configuration: configuration, store: store, logger: Logger(label: label))
    }
}
