import CalendarStore

/// An authorization request that passed every check: a registered client, one of its redirection URIs, the scopes
/// it asks for and its PKCE challenge. The consent page shows it; approving it issues a code.
public struct OAuthAuthorizationRequest: Sendable, Hashable {
    public var client: OAuthClient
    public var redirect: OAuthRedirect
    public var scopes: [AccessTokenScope]
    public var codeChallenge: String

    /// The request's parameters, as the consent form carries them back.
    public var parameters: [(name: String, value: String)] {
        var out: [(String, String)] = [
            ("response_type", "code"), ("client_id", client.clientID), ("redirect_uri", redirect.uri),
            ("scope", scopes.map(\.rawValue).joined(separator: " ")),
            ("code_challenge", codeChallenge), ("code_challenge_method", "S256"),
        ]
        if let state = redirect.state { out.append(("state", state)) }
        return out.map { (name: $0.0, value: $0.1) }
    }
}
