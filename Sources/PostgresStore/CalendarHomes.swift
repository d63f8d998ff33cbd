import CalendarStore
import Synchronization

/// Which calendar home (owner) each calendar belongs to, learned once per calendar: every query of a calendar's
/// content names its home (`PostgresSchema`). Safe to keep for the life of the process on any node, because a
/// calendar never changes owner and ids are never reused; a deleted calendar's entry only leads to queries that
/// find nothing.
final class CalendarHomes: Sendable {
    private let known = Mutex<[Int64: Int64]>([:])
    /// Entries kept at most; past it the map starts again (it is only a cache).
    private let capacity = 100_000

    /// The owner of the calendar; nil when it does not exist.
    func home(of calendarID: Int64, _ session: PostgresSession) async throws -> Int64? {
        if let home = known.withLock({ $0[calendarID] }) { return home }
        guard let home = try await session.queryFirst("SELECT owner_id FROM calendars WHERE id = \(calendarID)", {
            try $0.int64(0)
        }) else { return nil }
        remember(calendarID, home: home)
        return home
    }

    func remember(_ calendarID: Int64, home: Int64) {
        known.withLock { known in
            if known.count >= capacity { known.removeAll(keepingCapacity: true) }
            known[calendarID] = home
        }
    }
}
