/// A personal access token: a secret an app or script is given once, stored only as its SHA-256 (the secret has
/// 256 random bits, so a fast digest is as safe as a slow hash and lets the server find the token by it), with
/// the scopes it may use and when it stops working.
public struct AccessToken: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var userID: Int64
    public var label: String
    /// The lowercase hexadecimal SHA-256 of the secret.
    public var tokenHash: String
    /// What the token may do (`calendars.read`, `calendars.write`, `freebusy`, `admin`), in the order given.
    public var scopes: [String]
    /// Seconds since 1970.
    public var createdAt: Int64
    /// When it stops working, seconds since 1970; nil for never.
    public var expiresAt: Int64?
    /// When it was last used to sign in, seconds since 1970 (recorded at most about once a minute); nil for never.
    public var lastUsedAt: Int64?
    /// The OAuth 2.0 grant that issued it; nil for a personal token the user made.
    public var grantID: Int64?

    public init(id: Int64, userID: Int64, label: String, tokenHash: String, scopes: [String], createdAt: Int64,
                expiresAt: Int64?, lastUsedAt: Int64?, grantID: Int64? = nil) {
        self.id = id; self.userID = userID; self.label = label; self.tokenHash = tokenHash; self.scopes = scopes
        self.createdAt = createdAt; self.expiresAt = expiresAt; self.lastUsedAt = lastUsedAt; self.grantID = grantID
    }
}

/// A token to store; the store gives it its id and creation time.
public struct NewAccessToken: Sendable, Hashable {
    public var userID: Int64
    public var label: String
    public var tokenHash: String
    public var scopes: [String]
    public var expiresAt: Int64?
    public var grantID: Int64?

    public init(userID: Int64, label: String, tokenHash: String, scopes: [String], expiresAt: Int64?,
                grantID: Int64? = nil) {
        self.userID = userID; self.label = label; self.tokenHash = tokenHash; self.scopes = scopes
        self.expiresAt = expiresAt; self.grantID = grantID
    }
}
