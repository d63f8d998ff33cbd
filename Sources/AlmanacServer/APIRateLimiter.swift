/// How many API requests one user, and one token, may make: a token bucket each that holds a minute's allowance and
/// refills continuously, so bursts up to the allowance pass and a steady client never waits. Kept in this node's
/// memory (a limit on load, not a security boundary: sign-in throttling, which is, counts in the store shared by
/// the nodes); behind a balancer over n nodes a client may reach n times the rate.
/// Spec: RFC 6585 §4 (429 Too Many Requests with Retry-After).
actor APIRateLimiter {
    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    /// Requests a minute per user and per token; 0 turns limiting off.
    let perMinute: Int
    private var buckets: [String: Bucket] = [:]
    private var lastSweep: ContinuousClock.Instant = .now

    init(perMinute: Int) {
        self.perMinute = perMinute
    }

    /// Takes one request from each key's bucket, or none when any is empty: then the seconds until it has one.
    func admit(_ keys: [String], now: ContinuousClock.Instant = .now) -> Int? {
        guard perMinute > 0 else { return nil }
        let capacity = Double(perMinute)
        let perSecond = capacity / 60
        var refreshed: [(String, Bucket)] = []
        for key in keys {
            var bucket = buckets[key] ?? Bucket(tokens: capacity, updated: now)
            let elapsed = now - bucket.updated
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            bucket.tokens = min(capacity, bucket.tokens + seconds * perSecond)
            bucket.updated = now
            if bucket.tokens < 1 {
                for (key, bucket) in refreshed { buckets[key] = bucket }
                buckets[key] = bucket
                return max(1, Int(((1 - bucket.tokens) / perSecond).rounded(.up)))
            }
            refreshed.append((key, bucket))
        }
        for (key, var bucket) in refreshed {
            bucket.tokens -= 1
            buckets[key] = bucket
        }
        sweep(now: now)
        return nil
    }

    /// Forgets buckets that have refilled, at most once a minute, so memory follows the active clients.
    private func sweep(now: ContinuousClock.Instant) {
        guard now - lastSweep > .seconds(60) else { return }
        lastSweep = now
        let capacity = Double(perMinute)
        buckets = buckets.filter { _, bucket in
            let idle = now - bucket.updated
            return bucket.tokens + Double(idle.components.seconds) * capacity / 60 < capacity
        }
    }
}
