/// A third-party application the administrator registered with Almanac's OAuth 2.0 authorization server.
public struct OAuthClient: Sendable, Hashable, Identifiable {
    public var id: Int64
    /// The public `client_id`; unique.
    public var clientID: String
    /// The name the consent page shows.
    public var name: String
    /// The exact redirection URIs the client may ask for (RFC 6749 §3.1.2.2), in the order registered.
    public var redirectURIs: [String]
    /// The SHA-256 of a confidential client's secret (lowercase hex); nil for a public client (PKCE only).
    public var secretHash: String?
    public var createdAt: Int64

    public init(id: Int64, clientID: String, name: String, redirectURIs: [String], secretHash: String?,
                createdAt: Int64) {
        self.id = id; self.clientID = clientID; self.name = name; self.redirectURIs = redirectURIs
        self.secretHash = secretHash; self.createdAt = createdAt
    }
}

public struct NewOAuthClient: Sendable, Hashable {
    public var clientID: String
    public var name: String
    public var redirectURIs: [String]
    public var secretHash: String?

    public init(clientID: String, name: String, redirectURIs: [String], secretHash: String?) {
        self.clientID = clientID; self.name = name; self.redirectURIs = redirectURIs; self.secretHash = secretHash
    }
}

/// One consent a user gave a client: the scopes it may use. The access and refresh tokens issued under it belong to
/// it and go with it, so revoking the grant (or a replayed code or refresh token) ends the whole token family.
public struct OAuthGrant: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var userID: Int64
    public var clientID: String
    public var scopes: [String]
    public var createdAt: Int64

    public init(id: Int64, userID: Int64, clientID: String, scopes: [String], createdAt: Int64) {
        self.id = id; self.userID = userID; self.clientID = clientID; self.scopes = scopes; self.createdAt = createdAt
    }
}

/// A refresh token of a grant, stored as the SHA-256 of its secret. Using one replaces it (rotation); a replaced
/// token used again shows that it leaked.
public struct RefreshToken: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var grantID: Int64
    public var tokenHash: String
    public var createdAt: Int64
    public var expiresAt: Int64
    /// When it was used and so replaced; nil while it is the grant's live token.
    public var replacedAt: Int64?

    public init(id: Int64, grantID: Int64, tokenHash: String, createdAt: Int64, expiresAt: Int64, replacedAt: Int64?) {
        self.id = id; self.grantID = grantID; self.tokenHash = tokenHash; self.createdAt = createdAt
        self.expiresAt = expiresAt; self.replacedAt = replacedAt
    }
}

/// What using a refresh token found.
public enum RefreshTokenUse: Sendable, Hashable {
    /// The token was live; it is now replaced (exactly one concurrent caller gets this) and the caller issues the
    /// next one under `grant`.
    case rotated(RefreshToken, grant: OAuthGrant)
    /// The token had already been replaced: it was stolen or replayed, and the caller revokes the grant.
    case replayed(RefreshToken, grant: OAuthGrant)
}
