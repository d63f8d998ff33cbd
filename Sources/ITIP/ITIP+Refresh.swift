import ICalendar

extension ITIP {
    /// The REQUEST the organizer's current copy means for one attendee (the components they attend), nil when they
    /// attend none. Used to refresh local attendees' copies after a REPLY and to answer REFRESH.
    /// Spec: RFC 6638 §3.2.1 (only the components the attendee is in), RFC 5546 §3.2.2.
    public static func request(from organizerCopy: Component, to attendee: CalendarUserAddress) throws(ITIPError)
        -> ITIPMessage? {
        let object = try SchedulingObject(organizerCopy)
        guard let organizer = object.organizer else {
            throw .invalidMessage("the organizer's copy has no ORGANIZER")
        }
        let view = AttendeeView(object, attendee: attendee)
        guard !view.isEmpty else { return nil }
        return MessageBuilder.message(.request, uid: object.uid, from: organizer, to: [attendee],
                                      components: view.components, source: object.calendar)
    }

    /// Answer to an attendee's REFRESH (RFC 5546 §3.2.6): the current REQUEST to them.
    public static func answeringRefresh(_ refresh: ITIPMessage, organizerCopy: Component) throws(ITIPError)
        -> ITIPMessage {
        guard refresh.method == .refresh else {
            throw .invalidMessage("expected a REFRESH, got a \(refresh.method.rawValue)")
        }
        guard let answer = try request(from: organizerCopy, to: refresh.originator) else {
            throw .invalidMessage("\(refresh.originator) does not attend '\(refresh.uid)'; there is nothing to refresh")
        }
        return answer
    }
}
