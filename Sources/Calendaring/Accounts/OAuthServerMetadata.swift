/// The authorization server's description at `/.well-known/oauth-authorization-server`, from which a client
/// learns the endpoints and what they support.
/// Spec: RFC 8414 §2, §3.
public struct OAuthServerMetadata: Sendable, Hashable, Codable {
    public var issuer: String
    public var authorizationEndpoint: String
    public var tokenEndpoint: String
    public var revocationEndpoint: String
    public var introspectionEndpoint: String
    public var scopesSupported: [String]
    public var responseTypesSupported = ["code"]
    public var grantTypesSupported = ["authorization_code", "refresh_token"]
    public var codeChallengeMethodsSupported = ["S256"]
    public var tokenEndpointAuthMethodsSupported = ["none", "client_secret_basic", "client_secret_post"]
    public var authorizationResponseIssParameterSupported = true

    public init(issuer: String) {
        self.issuer = issuer
        self.authorizationEndpoint = issuer + "/oauth/authorize"
        self.tokenEndpoint = issuer + "/oauth/token"
        self.revocationEndpoint = issuer + "/oauth/revoke"
        self.introspectionEndpoint = issuer + "/oauth/introspect"
        self.scopesSupported = AccessTokenScope.allCases.map(\.rawValue)
    }

    enum CodingKeys: String, CodingKey {
        case issuer
        case authorizationEndpoint = "authorization_endpoint"
        case tokenEndpoint = "token_endpoint"
        case revocationEndpoint = "revocation_endpoint"
        case introspectionEndpoint = "introspection_endpoint"
        case scopesSupported = "scopes_supported"
        case responseTypesSupported = "response_types_supported"
        case grantTypesSupported = "grant_types_supported"
        case codeChallengeMethodsSupported = "code_challenge_methods_supported"
        case tokenEndpointAuthMethodsSupported = "token_endpoint_auth_methods_supported"
        case authorizationResponseIssParameterSupported = "authorization_response_iss_parameter_supported"
    }
}
