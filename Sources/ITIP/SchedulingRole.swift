/// Which side of a meeting a calendar object resource belongs to, for the owner of the calendar holding it.
/// Spec: RFC 6638 §3.1.
public enum SchedulingRole: Sendable, Hashable {
    /// ORGANIZER is one of the owner's addresses (an organizer scheduling object resource).
    case organizer(CalendarUserAddress)
    /// ORGANIZER is someone else and one of the owner's addresses is an ATTENDEE.
    case attendee(CalendarUserAddress, organizer: CalendarUserAddress)
    /// Not a scheduling object resource (no ORGANIZER, or the owner is neither organizer nor attendee).
    case none
}
