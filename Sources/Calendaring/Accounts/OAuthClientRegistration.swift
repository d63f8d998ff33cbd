import CalendarStore
import Foundation

/// Registers third-party applications (the administrator's job, from the CLI): checks their redirection URIs and
/// makes their id and, for a confidential client, a secret shown once and stored as its SHA-256.
/// Spec: RFC 6749 §2 (client types), §3.1.2 (absolute URIs without a fragment); RFC 8252 §7 (native apps: a
/// private-use scheme, or http on a loopback address).
public struct OAuthClientRegistration: Sendable {
    public static let secretPrefix = "almcs_"
    let store: any CalendarStore

    public init(store: any CalendarStore) {
        self.store = store
    }

    /// The client, and its secret when `confidential`.
    public func register(name: String, redirectURIs: [String], confidential: Bool)
        async throws(OAuthError) -> (client: OAuthClient, secret: String?) {
        let name = name.trimmingSpaces
        guard !name.isEmpty, name.count <= 100 else {
            throw OAuthError(.invalidRequest, "A client's name must be 1 to 100 characters.")
        }
        guard !redirectURIs.isEmpty else {
            throw OAuthError(.invalidRequest, "A client needs at least one redirection URI.")
        }
        for uri in redirectURIs {
            if let problem = Self.problem(withRedirectURI: uri) {
                throw OAuthError(.invalidRequest, "The redirection URI \(uri) \(problem).")
            }
        }
        let secret = confidential ? SecretGenerator.hexSecret(prefix: Self.secretPrefix) : nil
        let record = NewOAuthClient(clientID: SecretGenerator.hexSecret(prefix: "client_", byteCount: 12), name: name,
                                    redirectURIs: redirectURIs, secretHash: secret.map(AccessTokenIssuer.hash))
        do {
            return (try await store.addOAuthClient(record), secret)
        } catch .alreadyExists {
            throw OAuthError(.invalidRequest, "A client with that id exists already; try again.")
        } catch {
            throw .store(error)
        }
    }

    /// What is wrong with a redirection URI; nil when it may be registered.
    static func problem(withRedirectURI text: String) -> String? {
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased() else {
            return "is not an absolute URI"
        }
        if url.fragment != nil { return "has a fragment, which RFC 6749 §3.1.2 forbids" }
        switch scheme {
        case "https":
            return (url.host ?? "").isEmpty ? "has no host" : nil
        case "http":
            return OAuthRedirectMatch.isLoopback(url.host ?? "")
                ? nil : "uses http on a host other than a loopback address (use https)"
        default:
            // A native app's private-use scheme, in reverse domain name form (RFC 8252 §7.1).
            return scheme.contains(".") ? nil : "uses a scheme that is neither https nor a reverse domain name"
        }
    }
}
