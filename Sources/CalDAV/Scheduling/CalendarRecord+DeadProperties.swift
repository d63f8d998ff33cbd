import CalendarStore
import DAVXML

/// The calendar properties scheduling reads, as CalDAV keeps them: dead properties a client set by PROPPATCH
/// (checked by `SchedulingPropertyWriter`), stored as XML.
/// Spec: RFC 6638 §9.1 (schedule-calendar-transp).
extension CalendarRecord {
    /// CALDAV:schedule-calendar-transp (RFC 6638 §9.1): whether the calendar's events count as busy time. Opaque
    /// unless the owner set it to transparent.
    var isScheduleTransparent: Bool {
        guard let dead = deadProperty(.calDAV.scheduleCalendarTransp) else { return false }
        return dead.contains("transparent")
    }

    func deadProperty(_ name: XMLName) -> String? {
        deadProperties.first { $0.namespace == name.namespace && $0.name == name.local }?.xml
    }
}
