/// Recently verified credentials, so a client syncing a thousand resources pays one bcrypt, not a thousand.
///
/// An entry remembers which stored hash the password matched (the account password's or one app password's). The
/// authenticator accepts a hit only while that hash is still current for the user, so changing a password or
/// revoking an app password takes effect on the next request, even when another process (the CLI) made the change.
/// Entries also expire after `timeToLive`, and the cache never holds more than `capacity` entries.
public actor CredentialCache {
    struct Entry: Sendable, Hashable {
        var userID: Int64
        /// The bcrypt hash the password matched.
        var matchedHash: String
        var expires: ContinuousClock.Instant
    }

    public let capacity: Int
    public let timeToLive: Duration
    private let key = FingerprintKey()
    private var entries: [CredentialFingerprint: Entry] = [:]

    public init(capacity: Int = 1024, timeToLive: Duration = .seconds(300)) {
        precondition(capacity > 0)
        self.capacity = capacity
        self.timeToLive = timeToLive
    }

    nonisolated func fingerprint(_ credentials: BasicCredentials) -> CredentialFingerprint {
        key.fingerprint(userName: credentials.userName, password: credentials.password)
    }

    /// The live entry for `fingerprint`; an expired one is dropped.
    func entry(for fingerprint: CredentialFingerprint, now: ContinuousClock.Instant) -> Entry? {
        guard let entry = entries[fingerprint] else { return nil }
        guard entry.expires > now else {
            entries[fingerprint] = nil
            return nil
        }
        return entry
    }

    func remember(_ fingerprint: CredentialFingerprint, userID: Int64, matchedHash: String,
                  now: ContinuousClock.Instant) {
        if entries[fingerprint] == nil && entries.count >= capacity { makeRoom(now: now) }
        entries[fingerprint] = Entry(userID: userID, matchedHash: matchedHash, expires: now.advanced(by: timeToLive))
    }

    func forget(_ fingerprint: CredentialFingerprint) {
        entries[fingerprint] = nil
    }

    /// Drops every entry of a user; `UserAdministration` calls it when it changes their credentials in-process.
    public func forget(userID: Int64) {
        entries = entries.filter { $0.value.userID != userID }
    }

    public var count: Int { entries.count }

    /// Drops expired entries, and when none were, the entry closest to expiry (the oldest one).
    private func makeRoom(now: ContinuousClock.Instant) {
        entries = entries.filter { $0.value.expires > now }
        if entries.count >= capacity, let oldest = entries.min(by: { $0.value.expires < $1.value.expires }) {
            entries[oldest.key] = nil
        }
    }
}
