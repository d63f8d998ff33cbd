/// Counts failed logins per user name and per client address; after `limit` failures within `window` either key is
/// refused (429) without checking the password until the oldest failures age out. This bounds online guessing and
/// the bcrypt work an attacker can make the server do.
public actor LoginThrottle {
    public let limit: Int
    public let window: Duration
    /// Most keys tracked at once, so a spray of made-up user names cannot grow memory without bound.
    public let maximumKeys: Int
    private var failures: [Key: [ContinuousClock.Instant]] = [:]

    enum Key: Hashable {
        case user(String)
        case address(String)
    }

    public init(limit: Int = 5, window: Duration = .seconds(60), maximumKeys: Int = 10_000) {
        precondition(limit > 0 && maximumKeys > 0)
        self.limit = limit
        self.window = window
        self.maximumKeys = maximumKeys
    }

    /// How long the client must wait, or nil when it may try to log in now.
    public func retryAfter(userName: String?, address: String?, now: ContinuousClock.Instant = .now) -> Duration? {
        let waits = keys(userName: userName, address: address).compactMap { key -> Duration? in
            let recent = recentFailures(key, now: now)
            guard recent.count >= limit else { return nil }
            // Logins resume once the count in the window drops below the limit.
            return recent[recent.count - limit].advanced(by: window) - now
        }
        return waits.max()
    }

    public func recordFailure(userName: String?, address: String?, now: ContinuousClock.Instant = .now) {
        for key in keys(userName: userName, address: address) {
            var recent = recentFailures(key, now: now)
            recent.append(now)
            if failures[key] == nil && failures.count >= maximumKeys { makeRoom(now: now) }
            failures[key] = recent
        }
    }

    /// A correct password clears the user name's count; the address keeps its count, since one address may be
    /// guessing at several accounts.
    public func recordSuccess(userName: String) {
        failures[.user(userName)] = nil
    }

    private func keys(userName: String?, address: String?) -> [Key] {
        [userName.map(Key.user), address.map(Key.address)].compactMap { $0 }
    }

    private func recentFailures(_ key: Key, now: ContinuousClock.Instant) -> [ContinuousClock.Instant] {
        let start = now.advanced(by: .zero - window)
        let recent = (failures[key] ?? []).filter { $0 > start }
        failures[key] = recent.isEmpty ? nil : recent
        return recent
    }

    private func makeRoom(now: ContinuousClock.Instant) {
        let start = now.advanced(by: .zero - window)
        failures = failures.compactMapValues { times in
            let recent = times.filter { $0 > start }
            return recent.isEmpty ? nil : recent
        }
        if failures.count >= maximumKeys,
           let oldest = failures.min(by: { ($0.value.last ?? now) < ($1.value.last ?? now) }) {
            failures[oldest.key] = nil
        }
    }
}
