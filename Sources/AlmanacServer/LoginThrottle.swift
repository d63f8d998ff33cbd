/// Slows down online password guessing without letting one client lock out another.
///
/// - Per (user name, client address) pair: after `failuresBeforeDelay` failures each attempt must wait a delay that
///   doubles per failure up to `maximumDelay` (answered 429 with Retry-After, without checking the password).
///   Failures for alice from one address never delay alice from another address, nor bob from the same address.
/// - Per address: `sprayNames` distinct user names failing within `sprayWindow` refuse the address for every name,
///   because one address guessing at many accounts is spraying passwords, not a user mistyping one.
///
/// Time is passed in (`now`) rather than read here, so behaviour is decided by the caller's clock and tests need
/// no sleeping.
public actor LoginThrottle {
    public let policy: LoginThrottlePolicy
    private var pairs: [Pair: PairFailures] = [:]
    /// Per address: each user name that failed there, with the time of its latest failure.
    private var namesByAddress: [String: [String: ContinuousClock.Instant]] = [:]

    struct Pair: Hashable {
        var userName: String
        var address: String
    }

    struct PairFailures {
        var count: Int
        var last: ContinuousClock.Instant
    }

    public init(policy: LoginThrottlePolicy = LoginThrottlePolicy()) {
        precondition(policy.failuresBeforeDelay >= 0 && policy.sprayNames > 0 && policy.maximumKeys > 0)
        self.policy = policy
    }

    /// How long the client at `address` must wait before trying `userName`, or nil when it may try now.
    /// A nil name stands for credentials that could not be decoded; a nil address for a connection without one.
    public func retryAfter(userName: String?, address: String?, now: ContinuousClock.Instant) -> Duration? {
        var waits: [Duration] = []
        let pair = Pair(userName: userName ?? "", address: address ?? "")
        if let failures = current(pair, now: now) {
            let wait = failures.last.advanced(by: policy.delay(afterFailures: failures.count)) - now
            if wait > .zero { waits.append(wait) }
        }
        if let address, let wait = sprayWait(address, now: now) { waits.append(wait) }
        return waits.max()
    }

    public func recordFailure(userName: String?, address: String?, now: ContinuousClock.Instant) {
        let pair = Pair(userName: userName ?? "", address: address ?? "")
        if pairs[pair] == nil && pairs.count >= policy.maximumKeys { makeRoom(now: now) }
        let count = (current(pair, now: now)?.count ?? 0) + 1
        pairs[pair] = PairFailures(count: count, last: now)
        guard let address else { return }
        if namesByAddress[address] == nil && namesByAddress.count >= policy.maximumKeys { makeRoom(now: now) }
        namesByAddress[address, default: [:]][pair.userName] = now
    }

    /// A correct password clears the pair. The address keeps the names that failed there: a sprayer who guesses one
    /// account right must not wipe the record of the others.
    public func recordSuccess(userName: String, address: String?) {
        pairs[Pair(userName: userName, address: address ?? "")] = nil
    }

    /// The pair's failures, or nil once they are forgotten.
    private func current(_ pair: Pair, now: ContinuousClock.Instant) -> PairFailures? {
        guard let failures = pairs[pair] else { return nil }
        guard now - failures.last < policy.forgetAfter else {
            pairs[pair] = nil
            return nil
        }
        return failures
    }

    /// While `sprayNames` distinct names failed from `address` within the window: the time until the oldest of
    /// them leaves the window.
    private func sprayWait(_ address: String, now: ContinuousClock.Instant) -> Duration? {
        guard let names = namesByAddress[address] else { return nil }
        let recent = names.filter { now - $0.value < policy.sprayWindow }
        namesByAddress[address] = recent.isEmpty ? nil : recent
        guard recent.count >= policy.sprayNames else { return nil }
        // Logins resume once fewer than `sprayNames` names remain in the window.
        let times = recent.values.sorted()
        return times[times.count - policy.sprayNames].advanced(by: policy.sprayWindow) - now
    }

    /// Drops what has expired; if that frees nothing, the pair and the address whose last failure is oldest.
    private func makeRoom(now: ContinuousClock.Instant) {
        pairs = pairs.filter { now - $0.value.last < policy.forgetAfter }
        namesByAddress = namesByAddress.compactMapValues { names in
            let recent = names.filter { now - $0.value < policy.sprayWindow }
            return recent.isEmpty ? nil : recent
        }
        if pairs.count >= policy.maximumKeys, let oldest = pairs.min(by: { $0.value.last < $1.value.last }) {
            pairs[oldest.key] = nil
        }
        if namesByAddress.count >= policy.maximumKeys,
           let oldest = namesByAddress.min(by: { ($0.value.values.max() ?? now) < ($1.value.values.max() ?? now) }) {
            namesByAddress[oldest.key] = nil
        }
    }
}
