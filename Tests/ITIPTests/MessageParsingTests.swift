import ICalendar
import Testing
@testable import ITIP

/// RFC 5546 §3.2 method restrictions as enforced by `ITIP.message(parsing:)`; RFC 6638 §3.2.4
/// (valid-scheduling-message).
@Suite struct MessageParsingTests {
    /// RFC 5546 §4.2.1: the organizer's group event request goes to B and C, not to A.
    @Test func requestFromTheOrganizerToTheAttendees() throws {
        let message = try ITIP.message(parsing: Fixture.single(Fixture.event(), method: "REQUEST"))
        #expect(message.method == .request)
        #expect(message.uid == Fixture.uid)
        #expect(message.originator == Fixture.address("a"))
        #expect(message.recipients == [Fixture.address("b"), Fixture.address("c")])
    }

    /// RFC 5546 §4.2.2: B's reply goes to the organizer.
    @Test func replyFromItsSingleAttendee() throws {
        let message = try ITIP.message(parsing: Fixture.single(
            Fixture.event(attendees: ["ATTENDEE;PARTSTAT=ACCEPTED:MAILTO:B@example.com"]), method: "reply"))
        #expect(message.method == .reply)
        #expect(message.originator == Fixture.address("b"))
        #expect(message.recipients == [Fixture.address("a")])
    }

    @Test func counterWithEveryAttendeeNeedsTheOriginator() throws {
        let counter = Fixture.single(Fixture.event(), method: "COUNTER")
        #expect(throws: ITIPError.self) { try ITIP.message(parsing: counter) }
        let message = try ITIP.message(parsing: counter, originator: Fixture.address("c"))
        #expect(message.originator == Fixture.address("c"))
        #expect(throws: ITIPError.self) { try ITIP.message(parsing: counter, originator: Fixture.address("z")) }
    }

    @Test(arguments: [
        ("no METHOD", Fixture.single(Fixture.event())),
        ("unknown METHOD", Fixture.single(Fixture.event(), method: "INVITE")),
        ("two UIDs", Fixture.single(Fixture.event(), Fixture.event(uid: "other"), method: "REQUEST")),
        ("no ORGANIZER", Fixture.single(Fixture.event(organizer: "SUMMARY:x"), method: "REQUEST")),
        ("REPLY with two attendees", Fixture.single(Fixture.event(), method: "REPLY")),
        ("REQUEST to nobody", Fixture.single(Fixture.event(attendees: []), method: "REQUEST")),
        ("no component", Fixture.calendar([], method: "REQUEST")),
    ])
    func invalidMessages(_ name: String, _ calendar: Component) {
        #expect(throws: ITIPError.self, "\(name)") { try ITIP.message(parsing: calendar) }
        do {
            _ = try ITIP.message(parsing: calendar)
        } catch {
            guard case .invalidMessage(let text) = error else { Issue.record("\(name): \(error)"); return }
            #expect(!text.isEmpty)
        }
    }

    @Test func differentOrganizersAreAMismatch() {
        let calendar = Fixture.single(Fixture.event(), Fixture.event(organizer: "ORGANIZER:mailto:x@example.com",
                                                                     recurrenceID: "19970708T200000Z"), method: "REQUEST")
        #expect(throws: ITIPError.organizerMismatch) { try ITIP.message(parsing: calendar) }
        #expect(throws: ITIPError.organizerMismatch) {
            try ITIP.messages(old: nil, new: calendar, actor: Fixture.a)
        }
    }
}
