import CalendarStore
import Foundation

/// Almanac as an OAuth 2.0 authorization server for third-party apps: the authorization code flow with PKCE, refresh
/// tokens that rotate on every use, revocation and introspection. Every token it issues is an ordinary access token
/// (`AccessTokenIssuer`) tied to the grant the user consented to, so both doors accept it with its scopes, and
/// revoking the grant ends all of them. Codes and refresh tokens are redeemed atomically in the store, so any node
/// may answer any step.
/// Spec: RFC 6749 §4.1 (authorization code), §6 (refresh), RFC 7636 (PKCE), RFC 7009 (revocation), RFC 7662
/// (introspection), OAuth 2.0 Security BCP (RFC 9700) §4.14 (refresh token rotation).
public struct OAuthAuthorizationServer: Sendable {
    /// An authorization code lives ten minutes at most (RFC 6749 §4.1.2).
    public static let codeLifetime: Int64 = 600
    public static let accessTokenLifetime: Int64 = 3_600
    public static let refreshTokenLifetime: Int64 = 30 * 86_400
    static let codePrefix = "almc_"
    static let refreshPrefix = "almr_"
    static let codePurpose = "oauth-code"

    let store: any CalendarStore
    let tokens: AccessTokenIssuer
    /// The server's identifier in redirects (RFC 9207 iss) and metadata: its base URL.
    public let issuer: String

    public init(store: any CalendarStore, issuer: String) {
        self.store = store
        self.tokens = AccessTokenIssuer(store: store)
        self.issuer = issuer
    }

    /// What the code carries from consent to exchange.
    struct CodePayload: Codable {
        var grantID: Int64
        var clientID: String
        var redirectURI: String
        var codeChallenge: String

        var json: String {
            // Encoding four plain fields cannot fail.
            String(decoding: (try? JSONEncoder().encode(self)) ?? Data(), as: UTF8.self)
        }

        init(grantID: Int64, clientID: String, redirectURI: String, codeChallenge: String) {
            self.grantID = grantID; self.clientID = clientID; self.redirectURI = redirectURI
            self.codeChallenge = codeChallenge
        }

        init?(json: String) {
            guard let decoded = try? JSONDecoder().decode(Self.self, from: Data(json.utf8)) else { return nil }
            self = decoded
        }
    }

    // MARK: Authorization

    /// Checks an authorization request's parameters. Errors without `redirect` are for the person (unknown client,
    /// unregistered redirection URI); the others go back to the client.
    public func authorizationRequest(_ parameters: [String: String]) async throws(OAuthError)
        -> OAuthAuthorizationRequest {
        guard let clientID = parameters["client_id"], !clientID.isEmpty else {
            throw OAuthError(.invalidRequest, "The request names no client (client_id is missing).")
        }
        let found: OAuthClient?
        do {
            found = try await store.oauthClient(clientID: clientID)
        } catch {
            throw .store(error)
        }
        guard let client = found else {
            throw OAuthError(.invalidClient, "No application is registered as \(clientID).")
        }
        let redirectURI: String
        if let asked = parameters["redirect_uri"] {
            guard client.redirectURIs.contains(where: { OAuthRedirectMatch.matches(asked, registered: $0) }) else {
                throw OAuthError(.invalidRequest, "\(client.name) did not register the redirection URI \(asked).")
            }
            redirectURI = asked
        } else if client.redirectURIs.count == 1 {
            redirectURI = client.redirectURIs[0]
        } else {
            throw OAuthError(.invalidRequest, "\(client.name) registered several redirection URIs; the request must name one.")
        }
        let redirect = OAuthRedirect(uri: redirectURI, state: parameters["state"])
        guard parameters["response_type"] == "code" else {
            throw OAuthError(.unsupportedResponseType, "Only response_type=code is supported.", redirect: redirect)
        }
        guard parameters["code_challenge_method"] == "S256",
              let challenge = parameters["code_challenge"], PKCE.isValidChallenge(challenge) else {
            throw OAuthError(.invalidRequest, "A PKCE code_challenge with code_challenge_method=S256 is required "
                                 + "(RFC 7636).", redirect: redirect)
        }
        let scopes = try Self.scopes(parameters["scope"], redirect: redirect)
        return OAuthAuthorizationRequest(client: client, redirect: redirect, scopes: scopes, codeChallenge: challenge)
    }

    /// The user approved: a grant for the scopes they may have (`admin` only for an administrator) and a code for
    /// the client. Returns where to send the browser.
    public func approve(_ request: OAuthAuthorizationRequest, user: User, now: Int64) async throws(OAuthError)
        -> String {
        let scopes = request.scopes.filter { $0 != .admin || user.isAdmin }
        guard !scopes.isEmpty else {
            throw OAuthError(.invalidScope, "\(user.name) may not grant the scopes asked for.", redirect: request.redirect)
        }
        let code = SecretGenerator.hexSecret(prefix: Self.codePrefix)
        do {
            let grant = try await store.createOAuthGrant(userID: user.id, clientID: request.client.clientID,
                                                         scopes: scopes.map(\.rawValue))
            let payload = CodePayload(grantID: grant.id, clientID: request.client.clientID,
                                      redirectURI: request.redirect.uri, codeChallenge: request.codeChallenge)
            _ = try await store.addOneTimeCode(NewOneTimeCode(codeHash: AccessTokenIssuer.hash(code), userID: user.id,
                                                              purpose: Self.codePurpose, payload: payload.json,
                                                              expiresAt: now + Self.codeLifetime))
        } catch {
            throw .store(error)
        }
        return request.redirect.location([("code", code)], issuer: issuer)
    }

    /// The user said no.
    public func deny(_ request: OAuthAuthorizationRequest) -> String {
        request.redirect.location(for: OAuthError(.accessDenied, "The user did not allow access."), issuer: issuer)
    }

    /// The scopes a request names (space-separated, RFC 6749 §3.3); `calendars.read` when it names none.
    static func scopes(_ text: String?, redirect: OAuthRedirect?) throws(OAuthError) -> [AccessTokenScope] {
        let names = (text ?? "").split(separator: " ").map(String.init)
        if names.isEmpty { return [.calendarsRead] }
        var scopes: [AccessTokenScope] = []
        for name in names {
            guard let scope = AccessTokenScope(rawValue: name) else {
                throw OAuthError(.invalidScope, "Unknown scope \(name); the scopes are "
                                     + AccessTokenScope.allCases.map(\.rawValue).joined(separator: ", ") + ".",
                                 redirect: redirect)
            }
            if !scopes.contains(scope) { scopes.append(scope) }
        }
        return scopes.sorted()
    }
}
