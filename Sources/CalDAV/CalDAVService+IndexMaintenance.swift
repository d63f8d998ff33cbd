import CalendarStore
import Calendaring
import Foundation

extension CalDAVService {
    /// One bounded pass of index maintenance at `now` (`IndexMaintenance.run(now:)`): moves the materialised
    /// instances of recurring series forward and fills in index fields of objects indexed before they existed.
    /// Returns how many objects were re-indexed; a background task calls it periodically, and again at once while
    /// it returns `IndexMaintenance.defaultLimit`.
    public func maintainIndex(now: Date) async throws(StoreError) -> Int {
        try await IndexMaintenance(store: store, configuration: configuration, timeZones: timeZones).run(now: now)
    }
}
