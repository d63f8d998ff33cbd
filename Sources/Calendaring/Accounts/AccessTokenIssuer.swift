import CalendarStore

/// Makes access tokens (personal ones, and those OAuth 2.0 grants issue) and recognises them: a secret of 256 random bits (`alm_` and 64 hexadecimal digits,
/// so it is easy to find in a leaked file and to tell from a password), stored only as its SHA-256.
public struct AccessTokenIssuer: Sendable {
    public static let prefix = "alm_"
    /// The longest life a token may be given.
    public static let maxLifetimeDays = 3_650

    let store: any CalendarStore

    public init(store: any CalendarStore) {
        self.store = store
    }

    /// A new token for `user`: the stored record and the secret, which is shown once and never stored.
    public func issue(for user: User, label: String, scopes: [AccessTokenScope], lifetimeDays: Int?, now: Int64)
        async throws(CalendaringError) -> (token: AccessToken, secret: String) {
        let label = label.trimmingSpaces
        guard !label.isEmpty, label.count <= 100,
              !label.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .refused(.invalidToken, reason: "A token's label must be 1 to 100 printable characters.")
        }
        guard !scopes.isEmpty else {
            throw .refused(.invalidToken, reason: "A token needs at least one scope: "
                               + AccessTokenScope.allCases.map(\.rawValue).joined(separator: ", ") + ".")
        }
        if scopes.contains(.admin) && !user.isAdmin {
            throw .refused(.needPrivileges, reason: "Only an administrator's token may have the admin scope.")
        }
        if let lifetimeDays, !(1...Self.maxLifetimeDays).contains(lifetimeDays) {
            throw .refused(.invalidToken, reason: "A token lives 1 to \(Self.maxLifetimeDays) days.")
        }
        return try await save(NewAccessToken(userID: user.id, label: label, tokenHash: "",
                                             scopes: Array(Set(scopes)).sorted().map(\.rawValue),
                                             expiresAt: lifetimeDays.map { now + Int64($0) * 86_400 }))
    }

    /// Stores `record` under a new secret (its `tokenHash` is replaced) and returns both.
    package func save(_ record: NewAccessToken) async throws(CalendaringError) -> (token: AccessToken, secret: String) {
        let secret = SecretGenerator.hexSecret(prefix: Self.prefix)
        var record = record
        record.tokenHash = Self.hash(secret)
        do {
            return (try await store.addAccessToken(record), secret)
        } catch {
            throw .store(error)
        }
    }

    /// Whether the text looks like one of these tokens (the bearer of anything else is not looked up).
    public static func looksLikeToken(_ text: some StringProtocol) -> Bool {
        SecretGenerator.isHexSecret(text, prefix: prefix)
    }

    /// The stored form of a secret: its SHA-256 in lowercase hexadecimal.
    public static func hash(_ secret: String) -> String {
        SHA256.hexDigest(Array(secret.utf8))
    }

    /// The scopes a stored token names (unknown names, from a newer version, are left out).
    public static func scopes(of token: AccessToken) -> Set<AccessTokenScope> {
        Set(token.scopes.compactMap(AccessTokenScope.init(rawValue:)))
    }
}
