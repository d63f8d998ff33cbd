/// What the introspection endpoint tells a resource server about a token: only `active: false` for anything not
/// currently usable, else who it speaks for and what it may do.
/// Spec: RFC 7662 §2.2.
public struct OAuthIntrospection: Sendable, Hashable, Codable {
    public var active: Bool
    public var scope: String?
    public var clientID: String?
    public var username: String?
    public var tokenType: String?
    public var exp: Int64?
    public var iat: Int64?
    public var sub: String?

    public static let inactive = OAuthIntrospection(active: false)

    public init(active: Bool, scope: String? = nil, clientID: String? = nil, username: String? = nil,
                tokenType: String? = nil, exp: Int64? = nil, iat: Int64? = nil, sub: String? = nil) {
        self.active = active; self.scope = scope; self.clientID = clientID; self.username = username
        self.tokenType = tokenType; self.exp = exp; self.iat = iat; self.sub = sub
    }

    enum CodingKeys: String, CodingKey {
        case active, scope, clientID = "client_id", username, tokenType = "token_type", exp, iat, sub
    }
}
