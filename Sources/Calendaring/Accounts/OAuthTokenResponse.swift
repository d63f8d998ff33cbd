/// A successful token response: a bearer access token for both doors, its life in seconds, the refresh token that
/// replaces the one used, and the scopes granted (which may be fewer than asked).
/// Spec: RFC 6749 §5.1, RFC 6750.
public struct OAuthTokenResponse: Sendable, Hashable, Codable {
    public var accessToken: String
    public var tokenType: String
    public var expiresIn: Int64
    public var refreshToken: String
    public var scope: String

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token", tokenType = "token_type", expiresIn = "expires_in"
        case refreshToken = "refresh_token", scope
    }
}
