import ArgumentParser
import CalendarStore
import Calendaring
import Foundation

/// `almanac oauth-client ...`: the applications that may ask users for access through OAuth 2.0 (authorization code
/// with PKCE). Registering them is the administrator's decision, so it is done here rather than by the apps.
struct OAuthClientCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "oauth-client", abstract: "Register the applications that may use OAuth 2.0 sign-in.",
        subcommands: [Add.self, List.self, Remove.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Register an application; its client id (and secret) are printed.",
            discussion: """
                A public client (a phone, desktop or browser app, which cannot keep a secret) proves itself with \
                PKCE alone; a --confidential client (a server-side app) also gets a secret, printed once. \
                Redirection URIs must be https, http on a loopback address (any port matches, RFC 8252 §7.3), or a \
                private-use scheme such as com.example.app:/callback.
                """)

        @Option(help: "The name users see on the consent page.") var name: String
        @Option(name: .customLong("redirect-uri"), parsing: .singleValue,
                help: "A redirection URI the app may ask for (repeat for several).")
        var redirectURIs: [String]
        @Flag(help: "Give the client a secret (a server-side app).") var confidential = false
        @OptionGroup var data: DataOptions

        func run() async throws {
            try await StoreSession.withStore(data) { store in
                let registered = try await OAuthClientRegistration(store: store)
                    .register(name: name, redirectURIs: redirectURIs, confidential: confidential)
                print("Registered '\(registered.client.name)': client_id \(registered.client.clientID)")
                if let secret = registered.secret {
                    print("client_secret \(secret)")
                    print("Store the secret now: it is not shown again.")
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the registered applications.")

        @OptionGroup var data: DataOptions

        func run() async throws {
            try await StoreSession.withStore(data) { store in
                let clients = try await store.oauthClients()
                guard !clients.isEmpty else {
                    print("No applications are registered.")
                    return
                }
                print(Table.render([["CLIENT ID", "NAME", "TYPE", "REDIRECTION URIS"]] + clients.map {
                    [$0.clientID, $0.name, $0.secretHash == nil ? "public" : "confidential",
                     $0.redirectURIs.joined(separator: " ")]
                }))
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove", abstract: "Remove an application; every token it was given stops working at once.")

        @Argument(help: "The client id (see 'list').") var clientID: String
        @OptionGroup var data: DataOptions

        func run() async throws {
            try await StoreSession.withStore(data) { store in
                do {
                    try await store.deleteOAuthClient(clientID: clientID)
                } catch StoreError.notFound {
                    throw ValidationError("No application is registered as '\(clientID)'.")
                }
                print("Removed '\(clientID)' and every authorization users gave it.")
            }
        }
    }
}
