import CalendarStore

/// An OAuth 2.0 refusal as the protocol spells it: the error code a client acts on and a sentence for its
/// developer. When the client's redirection URI is known to be its own (`redirect`), authorization errors go back
/// to the client there; before that (unknown client, unregistered URI) they are shown to the person and never
/// redirected, so the server cannot be used as an open redirector.
/// Spec: RFC 6749 §4.1.2.1 (authorization errors), §5.2 (token errors), RFC 7009 §2.2.1.
public struct OAuthError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        case invalidRequest = "invalid_request"
        case invalidClient = "invalid_client"
        case invalidGrant = "invalid_grant"
        case unauthorizedClient = "unauthorized_client"
        case unsupportedGrantType = "unsupported_grant_type"
        case unsupportedResponseType = "unsupported_response_type"
        case invalidScope = "invalid_scope"
        case accessDenied = "access_denied"
        case serverError = "server_error"
        case temporarilyUnavailable = "temporarily_unavailable"
    }

    public var code: Code
    public var description: String
    /// Where the error goes back to the client, when the request named a registered redirection URI.
    public var redirect: OAuthRedirect?

    public init(_ code: Code, _ description: String, redirect: OAuthRedirect? = nil) {
        self.code = code; self.description = description; self.redirect = redirect
    }

    /// The store failed: the client may retry (RFC 6749 §4.1.2.1 temporarily_unavailable).
    static func store(_ error: StoreError) -> OAuthError {
        OAuthError(.temporarilyUnavailable, "The server's store is unavailable; try again shortly.")
    }
}
