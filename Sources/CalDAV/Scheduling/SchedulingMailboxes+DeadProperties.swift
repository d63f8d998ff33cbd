import Calendaring
import CalendarStore

extension SchedulingMailboxes {
    /// Where an incoming invitation of `componentType` goes, with the inbox's schedule-default-calendar-URL read
    /// from its dead property (RFC 6638 §9.2); see `defaultCalendar(for:componentType:preferences:)`.
    func defaultCalendar(for user: User, componentType: String, hrefs: Hrefs) async throws(StoreError)
        -> CalendarRecord? {
        try await defaultCalendar(for: user, componentType: componentType,
                                  preferences: SchedulingDeadProperties(hrefs: hrefs))
    }
}
