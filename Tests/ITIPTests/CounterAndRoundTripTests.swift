import ICalendar
import Testing
@testable import ITIP

/// COUNTER handling (RFC 5546 §3.2.7, §3.2.8), REFRESH (§3.2.6) and a full organizer → attendee → organizer round
/// trip through `messages` and `apply` (RFC 6638 §3.2).
@Suite struct CounterAndRoundTripTests {
    /// After the counter-proposal example of RFC 5546 §4.2: C proposes the next day, in another room.
    private func counterFromC() throws -> ITIPMessage {
        let calendar = Fixture.single(Fixture.event(start: "19970702T200000Z", end: "19970702T210000Z",
            attendees: ["ATTENDEE;PARTSTAT=ACCEPTED:mailto:c@example.com"], extra: ["LOCATION:Room 3"]), method: "COUNTER")
        return try ITIP.message(parsing: calendar)
    }

    @Test func acceptingACounterMovesTheMeetingAndAsksAgain() throws {
        let organizerCopy = Fixture.single(Fixture.event())
        let accepted = try ITIP.acceptingCounter(try counterFromC(), organizerCopy: organizerCopy)
        let event = accepted.parts[0]
        #expect(event.property(.dtstart)?.value == "19970702T200000Z")
        #expect(event.property(.dtend)?.value == "19970702T210000Z")
        #expect(event.property(.location)?.value == "Room 3")
        #expect(event.property(.sequence)?.value == "1")
        #expect(accepted.attendeeParameter("a", .partstat) == "ACCEPTED")
        #expect(accepted.attendeeParameter("b", .partstat) == "NEEDS-ACTION")
        #expect(accepted.attendeeParameter("c", .partstat) == "ACCEPTED")

        // Storing it is an organizer change: everyone gets the new time, C keeps the PARTSTAT of the proposal.
        let outcome = try ITIP.messages(old: organizerCopy, new: accepted, actor: Fixture.a)
        #expect(outcome.messages.map(\.method) == [.request, .request])
        #expect(outcome.messages.map { $0.recipients.first!.value } == ["mailto:b@example.com", "mailto:c@example.com"])
        #expect(outcome.messages[1].calendar.attendeeParameter("c", .partstat) == "ACCEPTED")
        #expect(outcome.messages[0].calendar.parts[0].property(.dtstart)?.value == "19970702T200000Z")
        #expect(outcome.stored?.parts[0].property(.sequence)?.value == "1")
    }

    @Test func counterForOneInstanceMakesAnOverride() throws {
        let calendar = Fixture.single(Fixture.event(start: "19970708T220000Z", end: "19970708T230000Z",
            attendees: ["ATTENDEE;PARTSTAT=ACCEPTED:mailto:c@example.com"], recurrenceID: "19970708T200000Z"), method: "COUNTER")
        let accepted = try ITIP.acceptingCounter(try ITIP.message(parsing: calendar), organizerCopy: Fixture.weekly())
        #expect(accepted.parts.count == 2)
        #expect(accepted.parts[1].property(.dtstart)?.value == "19970708T220000Z")
        #expect(accepted.parts[1].property(.rrule) == nil)
        #expect(accepted.parts[0].property(.sequence)?.value == "0")
    }

    @Test func decliningACounter() throws {
        let message = try ITIP.decliningCounter(try counterFromC(), organizerCopy: Fixture.single(Fixture.event(sequence: 2)))
        #expect(message.method == .declineCounter)
        #expect(message.originator == Fixture.address("a"))
        #expect(message.recipients == [Fixture.address("c")])
        let event = message.calendar.parts[0]
        #expect(event.property(.sequence)?.value == "2")
        #expect(event.attendeeAddresses == [Fixture.address("c")])
        #expect(message.calendar.property(.method)?.value == "DECLINECOUNTER")
    }

    @Test func refreshIsAnsweredWithTheCurrentRequest() throws {
        let refresh = try ITIP.message(parsing: Fixture.single(
            Fixture.event(attendees: ["ATTENDEE:mailto:b@example.com"]), method: "REFRESH"))
        let answer = try ITIP.answeringRefresh(refresh, organizerCopy: Fixture.single(Fixture.event(sequence: 3)))
        #expect(answer.method == .request)
        #expect(answer.recipients == [Fixture.address("b")])
        #expect(answer.calendar.parts[0].property(.sequence)?.value == "3")
        #expect(try ITIP.request(from: Fixture.single(Fixture.event()), to: Fixture.address("z")) == nil)
    }

    @Test func organizerToAttendeeAndBack() throws {
        // A invites B and C.
        let invitation = try ITIP.messages(old: nil, new: Fixture.single(Fixture.event(attendees: [
            "ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.com", "ATTENDEE;RSVP=TRUE:mailto:b@example.com",
            "ATTENDEE;RSVP=TRUE:mailto:c@example.com"])), actor: Fixture.a)
        let organizerCopy = try #require(invitation.stored)
        let toB = try #require(invitation.messages.first { $0.recipients == [Fixture.address("b")] })
        guard case .store(let bCopy, _) = try ITIP.apply(toB, to: nil, recipient: Fixture.b) else {
            Issue.record("B has no copy"); return
        }
        // B accepts in their copy; the server replies for them.
        var accepted = bCopy
        accepted.components = accepted.components.map { $0.name == .vevent ? $0.acceptingFor("mailto:b@example.com") : $0 }
        let reply = try ITIP.messages(old: bCopy, new: accepted, actor: Fixture.b)
        #expect(reply.messages.map(\.method) == [.reply])
        let message = try #require(reply.messages.first)
        #expect(message.calendar.parts[0].attendeeAddresses == [Fixture.address("b")])
        // The REPLY as parsed from the wire is the same message.
        #expect(try ITIP.message(parsing: message.calendar) == message)
        guard case .store(let updated, let significant) = try ITIP.apply(message, to: organizerCopy, recipient: Fixture.a) else {
            Issue.record("the organizer's copy did not change"); return
        }
        #expect(!significant)
        #expect(updated.attendeeParameter("b", .partstat) == "ACCEPTED")
        // Storing the updated organizer copy sends nothing more.
        #expect(try ITIP.messages(old: organizerCopy, new: updated, actor: Fixture.a).messages.isEmpty)
    }
}

extension Component {
    func acceptingFor(_ address: String) -> Component {
        var copy = self
        copy.updateAttendee(CalendarUserAddress(address)) { property in
            var p = property
            p[parameter: .partstat] = "ACCEPTED"
            return p
        }
        return copy
    }
}
