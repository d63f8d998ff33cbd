import CalendarStore
import Foundation

/// Slows down online password guessing without letting one client lock out another.
///
/// - Per (user name, client address) pair: after `failuresBeforeDelay` failures each attempt must wait a delay that
///   doubles per failure up to `maximumDelay` (answered 429 with Retry-After, without checking the password).
///   Failures for alice from one address never delay alice from another address, nor bob from the same address.
/// - Per address: `sprayNames` distinct user names failing within `sprayWindow` refuse the address for every name,
///   because one address guessing at many accounts is spraying passwords, not a user mistyping one.
///
/// The failures are kept in the store (`CalendarStore.recordThrottleEvent`), so every node on one database counts
/// the same ones (an attacker behind a round-robin balancer gets one allowance, not one per node) and a restart
/// forgives nothing. Time is passed in as wall-clock milliseconds (`now`), so tests need no sleeping.
public struct LoginThrottle: Sendable {
    public let policy: LoginThrottlePolicy
    private let store: any CalendarStore

    public init(store: any CalendarStore, policy: LoginThrottlePolicy = LoginThrottlePolicy()) {
        precondition(policy.failuresBeforeDelay >= 0 && policy.sprayNames > 0)
        self.store = store
        self.policy = policy
    }

    /// Wall-clock milliseconds since 1970, the throttle's time.
    public static func now() -> Int64 { Int64((Date().timeIntervalSince1970 * 1_000).rounded()) }

    /// How long the client at `address` must wait before trying `userName`, or nil when it may try now.
    /// A nil name stands for credentials that could not be decoded; a nil address for a connection without one.
    public func retryAfter(userName: String?, address: String?, now: Int64) async throws(StoreError) -> Duration? {
        // One read for both keys: this runs before every authenticated request (before the credential cache, so
        // that a throttled client learns nothing from any password it tries).
        let pairKey = Self.pairKey(userName, address)
        let addressKey = address.map(Self.addressKey)
        let window = max(policy.forgetAfter, policy.sprayWindow).milliseconds
        let events = try await store.throttleEvents(keys: [pairKey] + (addressKey.map { [$0] } ?? []),
                                                    since: now - window)
        var waits: [Duration] = []
        let failures = (events[pairKey] ?? []).filter { $0.at > now - policy.forgetAfter.milliseconds }
        if let last = failures.last?.at {
            let wait = .milliseconds(last - now) + policy.delay(afterFailures: failures.count)
            if wait > .zero { waits.append(wait) }
        }
        if let addressKey, let wait = sprayWait(events[addressKey] ?? [], now: now) { waits.append(wait) }
        return waits.max()
    }

    public func recordFailure(userName: String?, address: String?, now: Int64) async throws(StoreError) {
        try await store.recordThrottleEvent(key: Self.pairKey(userName, address), subject: userName ?? "", weight: 1,
                                            at: now)
        guard let address else { return }
        try await store.recordThrottleEvent(key: Self.addressKey(address), subject: userName ?? "", weight: 1, at: now)
    }

    /// A correct password clears the pair. The address keeps the names that failed there: a sprayer who guesses one
    /// account right must not wipe the record of the others.
    public func recordSuccess(userName: String, address: String?) async throws(StoreError) {
        try await store.clearThrottleEvents(key: Self.pairKey(userName, address))
    }

    /// While `sprayNames` distinct names failed from the address within the window (`events` are its failures):
    /// the time until the oldest of them leaves the window.
    private func sprayWait(_ events: [ThrottleEvent], now: Int64) -> Duration? {
        var latest: [String: Int64] = [:]
        for event in events where event.at > now - policy.sprayWindow.milliseconds { latest[event.subject] = event.at }
        guard latest.count >= policy.sprayNames else { return nil }
        // Logins resume once fewer than `sprayNames` names remain in the window.
        let times = latest.values.sorted()
        return .milliseconds(times[times.count - policy.sprayNames] + policy.sprayWindow.milliseconds - now)
    }

    /// Keys in the store's throttle ledger. The address comes first: it holds no space, so the first space after
    /// it ends it whatever the user name holds (PostgreSQL text cannot hold the NUL a separator would want).
    static func pairKey(_ userName: String?, _ address: String?) -> String {
        "login-pair \(address ?? "-") \(userName ?? "")"
    }

    static func addressKey(_ address: String) -> String { "login-address \(address)" }
}

extension Duration {
    /// Whole milliseconds.
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000 + attoseconds / 1_000_000_000_000_000
    }
}
