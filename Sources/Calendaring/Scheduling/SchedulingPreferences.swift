import CalendarStore

/// The scheduling preferences users keep on their collections, read from where the door that lets them set them
/// keeps them (CalDAV: dead properties set by PROPPATCH). Scheduling only reads them.
///
/// Spec: RFC 6638 §9.1 (schedule-calendar-transp), §9.2 (schedule-default-calendar-URL), RFC 7953 §7.2.4
/// (calendar-availability).
package protocol SchedulingPreferences: Sendable {
    /// Whether the calendar's events are left out of busy time; opaque unless the owner made it transparent.
    func isScheduleTransparent(_ calendar: CalendarRecord) -> Bool
    /// The availability the owner set on their inbox; nil when none is set, or what is stored cannot be read.
    func availability(of inbox: CalendarRecord) -> CalendarAvailability?
    /// The slug of the calendar `owner` chose on their inbox for incoming invitations; nil when none is chosen.
    func defaultCalendarSlug(of inbox: CalendarRecord, owner: User) -> String?
}
