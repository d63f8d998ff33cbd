import ICalendar
@testable import ITIP

/// Calendar users and objects shaped after RFC 5546 §4 (organizer A, attendees B, C, D at example.com; UID and
/// dates from §4.2.1 "A Group Event Request"), written as iCalendar text and parsed with the ICalendar parser.
enum Fixture {
    static let uid = "calsrv.example.com-873970198738777@example.com"
    static let a = CalendarUser(addresses: [CalendarUserAddress("mailto:a@example.com")], commonName: "A")
    static let b = CalendarUser(addresses: [CalendarUserAddress("mailto:b@example.com")])
    static let c = CalendarUser(addresses: [CalendarUserAddress("mailto:c@example.com")])
    static func address(_ letter: String) -> CalendarUserAddress { CalendarUserAddress("mailto:\(letter)@example.com") }

    /// The VEVENT of RFC 5546 §4.2.1 with its attendee lines and extra properties replaceable.
    static func event(
        start: String = "19970701T200000Z", end: String = "19970701T210000Z", summary: String = "Conference",
        sequence: Int = 0, stamp: String = "19970611T190000Z", organizer: String = "ORGANIZER:mailto:a@example.com",
        attendees: [String] = defaultAttendees, extra: [String] = [], recurrenceID: String? = nil, uid: String = uid,
        type: String = "VEVENT", endName: String = "DTEND", alarm: Bool = false
    ) -> String {
        var lines = ["BEGIN:\(type)", "UID:\(uid)", "DTSTAMP:\(stamp)"]
        if let recurrenceID { lines.append("RECURRENCE-ID:\(recurrenceID)") }
        lines += ["DTSTART:\(start)", "\(endName):\(end)", "SUMMARY:\(summary)", "SEQUENCE:\(sequence)", organizer]
        lines += attendees + extra
        if alarm { lines += ["BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:Reminder", "TRIGGER:-PT15M", "END:VALARM"] }
        lines.append("END:\(type)")
        return lines.joined(separator: "\n")
    }

    static let defaultAttendees = [
        "ATTENDEE;ROLE=CHAIR;PARTSTAT=ACCEPTED:mailto:a@example.com",
        "ATTENDEE;RSVP=TRUE;PARTSTAT=ACCEPTED:mailto:b@example.com",
        "ATTENDEE;RSVP=TRUE;PARTSTAT=TENTATIVE:mailto:c@example.com",
    ]

    /// A weekly series (RRULE) starting 1997-07-01, with optional overrides.
    static func weekly(sequence: Int = 0, attendees: [String] = defaultAttendees, extra: [String] = [],
                       overrides: [String] = [], alarm: Bool = false) -> Component {
        calendar([event(sequence: sequence, attendees: attendees, extra: ["RRULE:FREQ=WEEKLY;COUNT=10"] + extra,
                        alarm: alarm)] + overrides)
    }

    static func calendar(_ components: [String], method: String? = nil) -> Component {
        let head = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Example/ExampleCalendarClient//EN"]
            + (method.map { ["METHOD:\($0)"] } ?? [])
        let lines = (head + components + ["END:VCALENDAR"]).joined(separator: "\n").split(separator: "\n")
        return try! Component(parsing: lines.joined(separator: "\r\n") + "\r\n")
    }

    static func single(_ components: String..., method: String? = nil) -> Component { calendar(components, method: method) }
}

extension Component {
    /// The object components (VEVENT, VTODO) of a calendar.
    var parts: [Component] { components.filter { $0.name == .vevent || $0.name == .vtodo } }

    func attendeeParameter(_ letter: String, _ name: ParameterName, in index: Int = 0) -> String? {
        parts[index].attendee(Fixture.address(letter))?[parameter: name]
    }
}

extension ITIPMessage {
    /// RECURRENCE-ID values of the components ("" for the master), in order.
    var recurrenceIDs: [String] { calendar.parts.map { $0.property(.recurrenceID)?.value ?? "" } }
}
