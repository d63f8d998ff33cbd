/// How a client identified itself at the token, revocation or introspection endpoint: in an `Authorization: Basic`
/// header (client_secret_basic), in the form (client_secret_post), or by its id alone (a public client).
/// Spec: RFC 6749 §2.3.1.
public struct OAuthClientCredentials: Sendable, Hashable {
    public var clientID: String
    public var secret: String?
    /// True when they came in the Authorization header: a failure then answers 401 with a challenge (§5.2).
    public var viaHeader: Bool

    public init(clientID: String, secret: String?, viaHeader: Bool) {
        self.clientID = clientID; self.secret = secret; self.viaHeader = viaHeader
    }
}
