import CalendarStore
import Foundation

/// Counts the scheduling messages each user sends in a rolling hour, so a client stuck in a loop of updates (or a
/// spammer) cannot flood inboxes and mail relays. The count is kept in the store (`takeThrottleAllowance`), so
/// several nodes on one database share one allowance per user and a restart does not reset it.
package struct SchedulingRateLimiter: Sendable {
    private let store: any CalendarStore
    private let limit: Int
    private let window: TimeInterval

    package init(store: any CalendarStore, limit: Int, window: TimeInterval = 3_600) {
        self.store = store
        self.limit = limit
        self.window = window
    }

    /// Takes `count` messages from the user's allowance; false (nothing taken) when that would exceed it.
    func take(_ count: Int, userID: Int64, now: TimeInterval = Date().timeIntervalSince1970) async throws(StoreError)
        -> Bool {
        guard count > 0 else { return true }
        let milliseconds = Int64((now * 1_000).rounded())
        return try await store.takeThrottleAllowance(key: "scheduling \(userID)", weight: count, limit: limit,
                                                     since: milliseconds - Int64(window * 1_000), at: milliseconds)
    }
}
