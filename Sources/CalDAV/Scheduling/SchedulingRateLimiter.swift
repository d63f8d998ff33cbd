import Foundation
import ITIP
import WebDAV

/// Counts the scheduling messages each user sends in a rolling hour, so a client stuck in a loop of updates (or a
/// spammer) cannot flood inboxes and mail relays. In memory: a restart forgives, which is fine for a limit meant to
/// stop runaway loops.
actor SchedulingRateLimiter {
    private let limit: Int
    private let window: TimeInterval
    private var sent: [Int64: [(at: TimeInterval, count: Int)]] = [:]

    init(limit: Int, window: TimeInterval = 3_600) {
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

extension MethodContext {
    /// Takes one message per recipient from the user's hourly allowance, or refuses the whole operation with 429
    /// before anything is stored.
    func admitScheduling(_ messages: [ITIPMessage], userID: Int64) async throws(DAVError) {
        let count = messages.reduce(0) { $0 + $1.recipients.count }
        guard await rateLimiter.take(count, userID: userID) else {
            throw DAVError(status: 429, message: "Too many scheduling messages in the last hour; try again later.",
                           headers: DAVHeaders([("Retry-After", "600")]))
        }
    }
}
