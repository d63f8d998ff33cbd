import CalendarStore
import Calendaring
import Foundation
import WebDAV

/// Checks HTTP Basic credentials against an account password or any of the account's app passwords.
/// Spec: RFC 7617 (Basic), RFC 6585 §4 (429 while throttled).
///
/// Order of work per request: throttle check (no bcrypt while throttled), user lookup, credential cache, then
/// bcrypt against the account hash and each app password hash, then the account's standing: only an `active`
/// account signs in (one whose address is unconfirmed, or that an administrator disabled, is rejected like a wrong
/// password, so the answer tells nothing about the account). An account whose
/// deletion is scheduled stays active until it goes, so its owner can take the deletion back.
public struct Authenticator: Sendable {
    public enum Outcome: Sendable, Hashable {
        case authenticated(DAVPrincipal)
        /// A personal access token (`tokenID`): the user, limited to what its scopes allow.
        case token(DAVPrincipal, scopes: Set<AccessTokenScope>, tokenID: Int64)
        /// No or malformed credentials, unknown user or wrong password: answer 401 with a challenge.
        case rejected
        /// Too many recent failures for this user name from this address, or for many names from this address:
        /// answer 429 without checking.
        case throttled(retryAfter: Duration)
    }

    public let store: any CalendarStore
    public let hasher: PasswordHasher
    public let cache: CredentialCache
    public let throttle: LoginThrottle
    /// Checked when the user does not exist, so that a wrong user name costs the same time as a wrong password
    /// and response timing does not reveal which accounts exist.
    private let decoyHash: String

    public init(store: any CalendarStore, hasher: PasswordHasher, cache: CredentialCache = CredentialCache(),
                throttle: LoginThrottle? = nil) {
        self.store = store
        self.hasher = hasher
        self.cache = cache
        self.throttle = throttle ?? LoginThrottle(store: store)
        self.decoyHash = hasher.hashSynchronously(PasswordGenerator.password(length: 24))
    }

    /// Authenticates the `Authorization` header value sent from `address`. `now` times the credential cache,
    /// `wallClock` (milliseconds since 1970) the throttle, which nodes share through the store.
    public func authenticate(authorization: String?, address: String?, now: ContinuousClock.Instant = .now,
                             wallClock: Int64 = LoginThrottle.now()) async throws(StoreError) -> Outcome {
        guard let authorization else { return .rejected }
        if let bearer = Self.bearerToken(authorization) {
            return try await authenticate(bearer: bearer, address: address, wallClock: wallClock)
        }
        guard let credentials = BasicCredentials(authorization: authorization) else {
            try await throttle.recordFailure(userName: nil, address: address, now: wallClock)
            return .rejected
        }
        if let wait = try await throttle.retryAfter(userName: credentials.userName, address: address, now: wallClock) {
            return .throttled(retryAfter: wait)
        }
        guard let user = try await store.user(named: credentials.userName) else {
            _ = await hasher.verify(credentials.password, hash: decoyHash)
            try await throttle.recordFailure(userName: credentials.userName, address: address, now: wallClock)
            return .rejected
        }
        let principal = DAVPrincipal(userID: user.id, userName: user.name)
        let fingerprint = cache.fingerprint(credentials)
        if let entry = await cache.entry(for: fingerprint, now: now) {
            if entry.userID == user.id, try await isCurrent(entry.matchedHash, of: user) {
                if user.status == .active { return .authenticated(principal) }
                // Disabled since it was remembered: from this very request on.
                await cache.forget(fingerprint)
                try await throttle.recordFailure(userName: credentials.userName, address: address, now: wallClock)
                return .rejected
            }
            await cache.forget(fingerprint)
        }
        if let matched = try await matchingHash(for: credentials.password, of: user), user.status == .active {
            await cache.remember(fingerprint, userID: user.id, matchedHash: matched, now: now)
            try await throttle.recordSuccess(userName: credentials.userName, address: address)
            return .authenticated(principal)
        }
        try await throttle.recordFailure(userName: credentials.userName, address: address, now: wallClock)
        return .rejected
    }

    /// A bearer token: looked up by its digest (no slow hash: the secret has 256 random bits), refused when it is
    /// unknown, expired, or its user is gone or not active. Failures count against the address as wrong passwords
    /// do, so a client guessing tokens is throttled like one guessing passwords.
    /// Spec: RFC 6750 §2.1 (the Authorization request header), §3.1 (invalid_token answers 401).
    private func authenticate(bearer: String, address: String?, wallClock: Int64) async throws(StoreError) -> Outcome {
        if let wait = try await throttle.retryAfter(userName: nil, address: address, now: wallClock) {
            return .throttled(retryAfter: wait)
        }
        guard AccessTokenIssuer.looksLikeToken(bearer),
              let token = try await store.accessToken(hash: AccessTokenIssuer.hash(bearer)),
              token.expiresAt.map({ $0 * 1_000 > wallClock }) ?? true,
              let user = try await store.user(id: token.userID), user.status == .active else {
            try await throttle.recordFailure(userName: nil, address: address, now: wallClock)
            return .rejected
        }
        // When it was last used, to a minute: enough to tell a forgotten token, without a write per request.
        let seconds = wallClock / 1_000
        if token.lastUsedAt.map({ seconds - $0 >= 60 }) ?? true {
            try await store.recordAccessTokenUse(id: token.id, at: seconds)
        }
        return .token(DAVPrincipal(userID: user.id, userName: user.name), scopes: AccessTokenIssuer.scopes(of: token),
                      tokenID: token.id)
    }

    /// The token of an `Authorization: Bearer ...` header; nil for any other scheme.
    static func bearerToken(_ authorization: String) -> String? {
        let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return parts[1].trimmingCharacters(in: .whitespaces)
    }

    /// True while `hash` is still the user's password hash or one of their app passwords' hashes.
    private func isCurrent(_ hash: String, of user: User) async throws(StoreError) -> Bool {
        if hash == user.passwordHash { return true }
        return try await store.appPasswords(userID: user.id).contains { $0.passwordHash == hash }
    }

    /// The stored hash `password` matches: the account password first, then app passwords oldest first.
    private func matchingHash(for password: String, of user: User) async throws(StoreError) -> String? {
        if !user.passwordHash.isEmpty, await hasher.verify(password, hash: user.passwordHash) {
            return user.passwordHash
        }
        for appPassword in try await store.appPasswords(userID: user.id) {
            if await hasher.verify(password, hash: appPassword.passwordHash) { return appPassword.passwordHash }
        }
        return nil
    }
}
