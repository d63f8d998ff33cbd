import ICalendar

extension ITIP {
    /// The object as written by `sender` on behalf of `actor` (a sharee with the write role, or a delegate, writing
    /// into the actor's calendar): every ORGANIZER and ATTENDEE that is one of the actor's addresses carries
    /// SENT-BY with the sender's address, so the messages sent from it say who really acted. A SENT-BY already
    /// naming someone else is replaced; properties of other calendar users are left alone.
    ///
    /// Spec: RFC 5545 §3.2.18 (SENT-BY), RFC 5546 §2.1.4 (delegates acting for an organizer or attendee),
    /// RFC 6638 §3.2 (the server sends for the calendar's owner).
    public static func markingSentBy(_ sender: CalendarUserAddress, actingFor actor: CalendarUser,
                                     in calendar: Component) -> Component {
        mappingProperties(of: calendar) { candidate in
            guard candidate.name == .organizer || candidate.name == .attendee,
                  actor.owns(candidate.calendarUserAddress) else { return candidate }
            var marked = candidate
            marked[parameter: .sentBy] = sender.value
            return marked
        }
    }
}
