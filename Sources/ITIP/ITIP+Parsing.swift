import ICalendar

extension ITIP {
    /// Parses an incoming iTIP VCALENDAR (outbox POST or the iMIP reply endpoint): METHOD required and known, one UID,
    /// originator = ORGANIZER for organizer methods, the (single) ATTENDEE for REPLY/REFRESH/COUNTER; recipients = the
    /// ATTENDEEs (organizer methods) or the ORGANIZER (attendee methods). Errors are .invalidMessage with a helpful text.
    /// Spec: RFC 5546 §3.2 (method restriction tables: ORGANIZER is required in every method; REPLY and REFRESH
    /// carry exactly the replying ATTENDEE), RFC 6638 §3.2.4 (valid-scheduling-message).
    public static func message(parsing calendar: Component) throws(ITIPError) -> ITIPMessage {
        try message(parsing: calendar, originator: nil)
    }

    /// The same, for a caller that knows who sends the message (the Originator of a CalDAV outbox POST, RFC 6638
    /// §5.1): for attendee methods the originator must be one of the ATTENDEEs (a COUNTER lists every attendee,
    /// so it needs this), for organizer methods it must be the ORGANIZER.
    public static func message(parsing calendar: Component, originator: CalendarUserAddress?) throws(ITIPError)
        -> ITIPMessage {
        guard calendar.name == .vcalendar else { throw .invalidMessage("an iTIP message is a VCALENDAR, not \(calendar.name)") }
        guard let raw = calendar.property(.method)?.value else {
            throw .invalidMessage("an iTIP message needs a METHOD property (REQUEST, REPLY, CANCEL, ...)")
        }
        guard let method = ITIPMethod(value: raw) else {
            let known = ITIPMethod.allCases.map(\.rawValue).joined(separator: ", ")
            throw .invalidMessage("METHOD '\(raw)' is not an iTIP method; use one of \(known)")
        }
        let object = try SchedulingObject(calendar)
        guard let organizer = object.organizer else {
            throw .invalidMessage("a \(method.rawValue) needs an ORGANIZER in its \(object.type)")
        }
        let attendees = object.attendeeAddresses
        if method.isFromAttendee {
            let sender: CalendarUserAddress
            if let originator {
                guard attendees.contains(originator) else {
                    throw .invalidMessage("the originator \(originator) is not an ATTENDEE of this \(method.rawValue)")
                }
                sender = originator
            } else {
                guard attendees.count == 1, let single = attendees.first else {
                    throw .invalidMessage("a \(method.rawValue) must name exactly one ATTENDEE, the one who sends it; found \(attendees.count)")
                }
                sender = single
            }
            return ITIPMessage(method: method, uid: object.uid, originator: sender, recipients: [organizer],
                               calendar: calendar)
        }
        if let originator, originator != organizer {
            throw .invalidMessage("only the ORGANIZER (\(organizer)) may send a \(method.rawValue); the originator is \(originator)")
        }
        let recipients = attendees.filter { $0 != organizer }
        if method != .publish, recipients.isEmpty {
            throw .invalidMessage("a \(method.rawValue) needs at least one ATTENDEE to send it to")
        }
        return ITIPMessage(method: method, uid: object.uid, originator: organizer, recipients: recipients, calendar: calendar)
    }
}
