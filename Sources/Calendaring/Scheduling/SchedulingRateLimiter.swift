import Foundation

/// Counts the scheduling messages each user sends in a rolling hour, so a client stuck in a loop of updates (or a
/// spammer) cannot flood inboxes and mail relays. In memory: a restart forgives, which is fine for a limit meant to
/// stop runaway loops.
package actor SchedulingRateLimiter {
    private let limit: Int
    private let window: TimeInterval
    private var sent: [Int64: [(at: TimeInterval, count: Int)]] = [:]

    package init(limit: Int, window: TimeInterval = 3_600) {
        self.limit = limit
        self.window = window
    }

    /// Takes `count` messages from the user's allowance; false (nothing taken) when that would exceed it.
    func take(_ count: Int, userID: Int64, now: TimeInterval = Date().timeIntervalSince1970) -> Bool {
        guard count > 0 else { return true }
        var entries = (sent[userID] ?? []).filter { $0.at > now - window }
        let used = entries.reduce(0) { $0 + $1.count }
        guard used + count <= limit else {
            sent[userID] = entries
            return false
        }
        entries.append((now, count))
        sent[userID] = entries
        return true
    }
}
