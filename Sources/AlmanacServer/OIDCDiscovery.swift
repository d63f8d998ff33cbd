/// The parts of a provider's discovery document the sign-in uses.
/// Spec: OpenID Connect Discovery 1.0 §3, §4.3 (the issuer must equal the one configured).
struct OIDCDiscovery: Decodable, Sendable {
    var issuer: String
    var authorizationEndpoint: String
    var tokenEndpoint: String
    var jwksURI: String

    enum CodingKeys: String, CodingKey {
        case issuer, authorizationEndpoint = "authorization_endpoint", tokenEndpoint = "token_endpoint"
        case jwksURI = "jwks_uri"
    }
}
