import Foundation

/// An external OpenID Connect provider people may sign in with (the organisation's Keycloak, Entra ID, Google
/// Workspace ...): where it is, and the client Almanac is registered as there.
public struct SingleSignOnConfiguration: Sendable, Hashable {
    /// The provider's issuer identifier; its discovery document is at `<issuer>/.well-known/openid-configuration`.
    public var issuer: String
    public var clientID: String
    public var clientSecret: String
    /// What the sign-in button says after "Sign in with".
    public var displayName: String

    public init(issuer: String, clientID: String, clientSecret: String, displayName: String) {
        var issuer = issuer
        while issuer.hasSuffix("/") { issuer.removeLast() }
        self.issuer = issuer; self.clientID = clientID; self.clientSecret = clientSecret; self.displayName = displayName
    }
}
