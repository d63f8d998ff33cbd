/// A secret that works once and briefly: an e-mail verification link, an OAuth 2.0 authorization code, the state of
/// a single sign-on round trip. Stored only as the SHA-256 of the secret (it has 256 random bits), with what it is
/// for and what it carries, so a code made on one node is redeemed on any other.
public struct OneTimeCode: Sendable, Hashable, Identifiable {
    public var id: Int64
    /// The lowercase hexadecimal SHA-256 of the secret.
    public var codeHash: String
    /// The user it speaks for; nil before anyone signed in (single sign-on state).
    public var userID: Int64?
    /// What it is for (`email-verification`, `oauth-code`, ...); redeeming it for anything else fails.
    public var purpose: String
    /// What the caller stored with it, opaque to the store (a small JSON document).
    public var payload: String
    /// Seconds since 1970.
    public var createdAt: Int64
    public var expiresAt: Int64
    /// When it was redeemed; nil until then.
    public var usedAt: Int64?

    public init(id: Int64, codeHash: String, userID: Int64?, purpose: String, payload: String, createdAt: Int64,
                expiresAt: Int64, usedAt: Int64?) {
        self.id = id; self.codeHash = codeHash; self.userID = userID; self.purpose = purpose; self.payload = payload
        self.createdAt = createdAt; self.expiresAt = expiresAt; self.usedAt = usedAt
    }
}

public struct NewOneTimeCode: Sendable, Hashable {
    public var codeHash: String
    public var userID: Int64?
    public var purpose: String
    public var payload: String
    public var expiresAt: Int64

    public init(codeHash: String, userID: Int64?, purpose: String, payload: String, expiresAt: Int64) {
        self.codeHash = codeHash; self.userID = userID; self.purpose = purpose; self.payload = payload
        self.expiresAt = expiresAt
    }
}

/// What redeeming a code found.
public enum OneTimeCodeUse: Sendable, Hashable {
    /// The code was unused; it is now used (exactly one concurrent caller, on any node, gets this).
    case redeemed(OneTimeCode)
    /// The code had been redeemed before (RFC 6749 §4.1.2: a replayed authorization code revokes what it issued).
    case alreadyUsed(OneTimeCode)
}
