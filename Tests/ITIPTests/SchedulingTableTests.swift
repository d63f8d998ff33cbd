import ICalendar
import Testing
@testable import ITIP

/// One row: a change by `actor` from `old` to `new` and the messages it must produce.
struct SchedulingCase: Sendable, CustomTestStringConvertible {
    struct Expected: Sendable, Equatable, CustomStringConvertible {
        var method: ITIPMethod
        var recipients: [String]
        /// RECURRENCE-IDs of the message's components ("" for the master).
        var recurrenceIDs: [String] = [""]
        /// PARTSTAT of the carried ATTENDEE: the recipient's (organizer methods) or the sender's (REPLY).
        var partstat: String?
        var description: String { "\(method.rawValue) → \(recipients) \(recurrenceIDs) \(partstat ?? "-")" }
    }

    var name: String
    var old: Component?
    var new: Component?
    var actor: CalendarUser
    var expected: [Expected]
    var testDescription: String { name }
}

private typealias E = SchedulingCase.Expected
private let b = "mailto:b@example.com", c = "mailto:c@example.com", d = "mailto:d@example.com", a = "mailto:a@example.com"
private let rid = "19970708T200000Z"
/// The 8 July instance moved by two hours.
private func overrideOf(_ attendees: [String], extra: [String] = []) -> String {
    Fixture.event(start: "19970708T220000Z", end: "19970708T230000Z", attendees: attendees, extra: extra, recurrenceID: rid)
}

/// RFC 6638 §3.2.1–§3.2.2 (organizer and attendee changes), RFC 5546 §3.2 (the messages), on fixtures after
/// RFC 5546 §4.2.1.
let schedulingCases: [SchedulingCase] = [
    SchedulingCase(name: "create invites every attendee but the organizer", old: nil, new: Fixture.single(Fixture.event()),
                   actor: Fixture.a, expected: [E(method: .request, recipients: [b], partstat: "ACCEPTED"),
                                                E(method: .request, recipients: [c], partstat: "TENTATIVE")]),
    SchedulingCase(name: "reschedule asks everyone again", old: Fixture.single(Fixture.event()),
                   new: Fixture.single(Fixture.event(start: "19970702T200000Z", end: "19970702T210000Z")),
                   actor: Fixture.a, expected: [E(method: .request, recipients: [b], partstat: "NEEDS-ACTION"),
                                                E(method: .request, recipients: [c], partstat: "NEEDS-ACTION")]),
    SchedulingCase(name: "summary change updates without resetting", old: Fixture.single(Fixture.event()),
                   new: Fixture.single(Fixture.event(summary: "Conference (room 2)")),
                   actor: Fixture.a, expected: [E(method: .request, recipients: [b], partstat: "ACCEPTED"),
                                                E(method: .request, recipients: [c], partstat: "TENTATIVE")]),
    SchedulingCase(name: "unchanged re-PUT sends nothing", old: Fixture.single(Fixture.event()),
                   new: Fixture.single(Fixture.event()), actor: Fixture.a, expected: []),
    SchedulingCase(name: "stamps, sequence, alarms, TRANSP, X- and PARTSTAT send nothing",
                   old: Fixture.single(Fixture.event()),
                   new: Fixture.single(Fixture.event(
                       sequence: 3, stamp: "19970612T080000Z",
                       attendees: ["ATTENDEE;ROLE=CHAIR;PARTSTAT=ACCEPTED:mailto:a@example.com",
                                   "ATTENDEE;RSVP=FALSE;PARTSTAT=DECLINED;SCHEDULE-STATUS=2.0:mailto:b@example.com",
                                   "ATTENDEE;RSVP=TRUE;PARTSTAT=TENTATIVE:mailto:c@example.com"],
                       extra: ["LAST-MODIFIED:19970612T080000Z", "TRANSP:TRANSPARENT", "X-MOZ-GENERATION:4"], alarm: true)),
                   actor: Fixture.a, expected: []),
    SchedulingCase(name: "added attendee alone is invited", old: Fixture.single(Fixture.event()),
                   new: Fixture.single(Fixture.event(attendees: Fixture.defaultAttendees + ["ATTENDEE;RSVP=TRUE:mailto:d@example.com"])),
                   actor: Fixture.a, expected: [E(method: .request, recipients: [d], partstat: nil)]),
    SchedulingCase(name: "removed attendee gets CANCEL", old: Fixture.single(Fixture.event()),
                   new: Fixture.single(Fixture.event(attendees: Array(Fixture.defaultAttendees.prefix(2)))),
                   actor: Fixture.a, expected: [E(method: .cancel, recipients: [c], partstat: "TENTATIVE")]),
    SchedulingCase(name: "EXDATE cancels one instance", old: Fixture.weekly(),
                   new: Fixture.weekly(extra: ["EXDATE:\(rid)"]), actor: Fixture.a,
                   expected: [E(method: .cancel, recipients: [b], recurrenceIDs: [rid], partstat: "ACCEPTED"),
                              E(method: .cancel, recipients: [c], recurrenceIDs: [rid], partstat: "TENTATIVE")]),
    SchedulingCase(name: "cancelled override cancels one instance", old: Fixture.weekly(),
                   new: Fixture.weekly(overrides: [overrideOf(Fixture.defaultAttendees, extra: ["STATUS:CANCELLED"])]),
                   actor: Fixture.a,
                   expected: [E(method: .cancel, recipients: [b], recurrenceIDs: [rid], partstat: "ACCEPTED"),
                              E(method: .cancel, recipients: [c], recurrenceIDs: [rid], partstat: "TENTATIVE")]),
    SchedulingCase(name: "attendee dropped from one override gets that instance cancelled",
                   old: Fixture.weekly(overrides: [overrideOf(Fixture.defaultAttendees)]),
                   new: Fixture.weekly(overrides: [overrideOf(Array(Fixture.defaultAttendees.prefix(2)))]),
                   actor: Fixture.a,
                   expected: [E(method: .cancel, recipients: [c], recurrenceIDs: [rid], partstat: "TENTATIVE")]),
    SchedulingCase(name: "deleting the series cancels everyone", old: Fixture.weekly(), new: nil, actor: Fixture.a,
                   expected: [E(method: .cancel, recipients: [b], partstat: "ACCEPTED"),
                              E(method: .cancel, recipients: [c], partstat: "TENTATIVE")]),
    SchedulingCase(name: "STATUS:CANCELLED on the master cancels everyone", old: Fixture.single(Fixture.event()),
                   new: Fixture.single(Fixture.event(extra: ["STATUS:CANCELLED"])), actor: Fixture.a,
                   expected: [E(method: .cancel, recipients: [b], partstat: "ACCEPTED"),
                              E(method: .cancel, recipients: [c], partstat: "TENTATIVE")]),
    SchedulingCase(name: "ORGANIZER;SCHEDULE-AGENT=CLIENT disables scheduling", old: nil,
                   new: Fixture.single(Fixture.event(organizer: "ORGANIZER;SCHEDULE-AGENT=CLIENT:mailto:a@example.com")),
                   actor: Fixture.a, expected: []),
    SchedulingCase(name: "ATTENDEE;SCHEDULE-AGENT=CLIENT is skipped", old: nil,
                   new: Fixture.single(Fixture.event(attendees: Array(Fixture.defaultAttendees.prefix(2))
                       + ["ATTENDEE;SCHEDULE-AGENT=CLIENT:mailto:c@example.com"])),
                   actor: Fixture.a, expected: [E(method: .request, recipients: [b], partstat: "ACCEPTED")]),
    SchedulingCase(name: "SCHEDULE-FORCE-SEND=REQUEST re-sends without a change", old: Fixture.single(Fixture.event()),
                   new: Fixture.single(Fixture.event(attendees: [Fixture.defaultAttendees[0],
                       "ATTENDEE;SCHEDULE-FORCE-SEND=REQUEST;PARTSTAT=ACCEPTED:mailto:b@example.com", Fixture.defaultAttendees[2]])),
                   actor: Fixture.a, expected: [E(method: .request, recipients: [b], partstat: "ACCEPTED")]),
    SchedulingCase(name: "VTODO moved by DUE", old: Fixture.single(Fixture.event(type: "VTODO", endName: "DUE")),
                   new: Fixture.single(Fixture.event(end: "19970703T210000Z", type: "VTODO", endName: "DUE")),
                   actor: Fixture.a, expected: [E(method: .request, recipients: [b], partstat: "NEEDS-ACTION"),
                                                E(method: .request, recipients: [c], partstat: "NEEDS-ACTION")]),
    // Attendee side
    SchedulingCase(name: "attendee accepts", old: Fixture.single(Fixture.event(attendees: [
                       Fixture.defaultAttendees[0], "ATTENDEE;RSVP=TRUE:mailto:b@example.com", Fixture.defaultAttendees[2]])),
                   new: Fixture.single(Fixture.event()), actor: Fixture.b,
                   expected: [E(method: .reply, recipients: [a], partstat: "ACCEPTED")]),
    SchedulingCase(name: "attendee declines one instance through an override", old: Fixture.weekly(),
                   new: Fixture.weekly(overrides: [Fixture.event(start: rid, end: "19970708T210000Z", attendees: [
                       Fixture.defaultAttendees[0], "ATTENDEE;PARTSTAT=DECLINED:mailto:b@example.com", Fixture.defaultAttendees[2]],
                       recurrenceID: rid)]),
                   actor: Fixture.b, expected: [E(method: .reply, recipients: [a], recurrenceIDs: [rid], partstat: "DECLINED")]),
    SchedulingCase(name: "attendee delegates", old: Fixture.single(Fixture.event()),
                   new: Fixture.single(Fixture.event(attendees: [Fixture.defaultAttendees[0],
                       "ATTENDEE;PARTSTAT=DELEGATED;DELEGATED-TO=\"mailto:e@example.com\":mailto:b@example.com",
                       Fixture.defaultAttendees[2]])),
                   actor: Fixture.b, expected: [E(method: .reply, recipients: [a], partstat: "DELEGATED")]),
    SchedulingCase(name: "attendee removes one instance with EXDATE", old: Fixture.weekly(),
                   new: Fixture.weekly(extra: ["EXDATE:\(rid)"]), actor: Fixture.b,
                   expected: [E(method: .reply, recipients: [a], recurrenceIDs: [rid], partstat: "DECLINED")]),
    SchedulingCase(name: "attendee deletes their copy", old: Fixture.single(Fixture.event()), new: nil, actor: Fixture.b,
                   expected: [E(method: .reply, recipients: [a], partstat: "DECLINED")]),
    SchedulingCase(name: "attendee's own edits send nothing", old: Fixture.single(Fixture.event()),
                   new: Fixture.single(Fixture.event(summary: "My copy", extra: ["TRANSP:TRANSPARENT"], alarm: true)),
                   actor: Fixture.b, expected: []),
    SchedulingCase(name: "someone else's object is not scheduled", old: nil, new: Fixture.single(Fixture.event()),
                   actor: CalendarUser(addresses: [Fixture.address("z")]), expected: []),
]

@Suite struct SchedulingTableTests {
    @Test(arguments: schedulingCases)
    func messages(_ row: SchedulingCase) throws {
        let outcome = try ITIP.messages(old: row.old, new: row.new, actor: row.actor)
        let actual = outcome.messages.map { message -> E in
            let carried = message.method.isFromAttendee ? message.originator : message.recipients.first!
            let partstat = message.calendar.parts.first?.attendee(carried)?[parameter: .partstat]
            return E(method: message.method, recipients: message.recipients.map(\.value),
                     recurrenceIDs: message.recurrenceIDs, partstat: partstat)
        }
        #expect(actual == row.expected)
        for message in outcome.messages {
            #expect(message.uid == Fixture.uid)
            #expect(message.calendar.property(.method)?.value == message.method.rawValue)
            let text = message.calendar.serialized
            #expect(!text.contains("SCHEDULE-STATUS") && !text.contains("SCHEDULE-FORCE-SEND") && !text.contains("VALARM"))
        }
    }
}
