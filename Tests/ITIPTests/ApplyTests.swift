import ICalendar
import Testing
@testable import ITIP

/// Incoming messages applied to a recipient's copy. Spec: RFC 5546 §3.2.2–§3.2.5, RFC 6638 §3.2.
@Suite struct ApplyTests {
    private func request(_ components: String..., method: String = "REQUEST") throws -> ITIPMessage {
        try ITIP.message(parsing: Fixture.calendar(components, method: method))
    }

    private func stored(_ application: ITIPApplication) -> (Component, Bool)? {
        if case .store(let calendar, let significant) = application { return (calendar, significant) }
        return nil
    }

    @Test func requestCreatesACopyWithNeedsAction() throws {
        let message = try request(Fixture.event(attendees: [Fixture.defaultAttendees[0], "ATTENDEE;RSVP=TRUE:mailto:b@example.com"]))
        let (copy, significant) = try #require(stored(try ITIP.apply(message, to: nil, recipient: Fixture.b)))
        #expect(significant)
        #expect(copy.property(.method) == nil)
        #expect(copy.attendeeParameter("b", .partstat) == "NEEDS-ACTION")
    }

    @Test func requestChangingOnlyOthersKeepsOwnStatusAndAlarms() throws {
        let existing = Fixture.single(Fixture.event(extra: ["TRANSP:TRANSPARENT"], alarm: true))
        let message = try request(Fixture.event(attendees: [Fixture.defaultAttendees[0],
            "ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:b@example.com", "ATTENDEE;PARTSTAT=ACCEPTED:mailto:c@example.com"]))
        let (copy, significant) = try #require(stored(try ITIP.apply(message, to: existing, recipient: Fixture.b)))
        #expect(!significant)
        #expect(copy.attendeeParameter("b", .partstat) == "ACCEPTED")
        #expect(copy.attendeeParameter("c", .partstat) == "ACCEPTED")
        #expect(copy.parts[0].components(.valarm).count == 1)
        #expect(copy.parts[0].property(.transp)?.value == "TRANSPARENT")
    }

    @Test func rescheduleTakesTheOrganizersNeedsAction() throws {
        let existing = Fixture.single(Fixture.event(alarm: true))
        let message = try request(Fixture.event(start: "19970702T200000Z", end: "19970702T210000Z", sequence: 1,
            attendees: [Fixture.defaultAttendees[0], "ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:b@example.com"]))
        let (copy, significant) = try #require(stored(try ITIP.apply(message, to: existing, recipient: Fixture.b)))
        #expect(significant)
        #expect(copy.attendeeParameter("b", .partstat) == "NEEDS-ACTION")
        #expect(copy.parts[0].property(.dtstart)?.value == "19970702T200000Z")
        #expect(copy.parts[0].components(.valarm).count == 1)
    }

    @Test func staleRequestIsIgnored() throws {
        let existing = Fixture.single(Fixture.event(sequence: 2))
        let message = try request(Fixture.event(summary: "Old", sequence: 1))
        #expect(try ITIP.apply(message, to: existing, recipient: Fixture.b) == .unchanged)
    }

    @Test func requestForOneInstanceMergesIntoTheSeries() throws {
        let existing = Fixture.weekly()
        let message = try request(Fixture.event(start: "19970708T220000Z", end: "19970708T230000Z", sequence: 1,
                                                recurrenceID: "19970708T200000Z"))
        let (copy, significant) = try #require(stored(try ITIP.apply(message, to: existing, recipient: Fixture.b)))
        #expect(significant)
        #expect(copy.parts.count == 2)
        #expect(copy.parts[0].property(.rrule) != nil)
    }

    @Test func cancelOfTheWholeObjectRemovesIt() throws {
        let message = try request(Fixture.event(extra: ["STATUS:CANCELLED"]), method: "CANCEL")
        #expect(try ITIP.apply(message, to: Fixture.single(Fixture.event()), recipient: Fixture.b) == .remove)
        #expect(try ITIP.apply(message, to: nil, recipient: Fixture.b) == .unchanged)
    }

    @Test func cancelOfOneInstanceAddsExdate() throws {
        let existing = Fixture.weekly(overrides: [Fixture.event(start: "19970708T220000Z", end: "19970708T230000Z",
                                                                recurrenceID: "19970708T200000Z")])
        let message = try request(Fixture.event(start: "19970708T200000Z", recurrenceID: "19970708T200000Z"), method: "CANCEL")
        let (copy, significant) = try #require(stored(try ITIP.apply(message, to: existing, recipient: Fixture.b)))
        #expect(significant)
        #expect(copy.parts.count == 1)
        #expect(copy.parts[0].property(.exdate)?.value == "19970708T200000Z")
    }

    @Test func cancelOfTheOnlyInstanceRemovesTheCopy() throws {
        let existing = Fixture.single(Fixture.event(start: "19970708T220000Z", end: "19970708T230000Z",
                                                    recurrenceID: "19970708T200000Z"))
        let message = try request(Fixture.event(start: "19970708T200000Z", recurrenceID: "19970708T200000Z"), method: "CANCEL")
        #expect(try ITIP.apply(message, to: existing, recipient: Fixture.b) == .remove)
    }

    /// RFC 5546 §4.2.2 (reply to a group event request): B accepts.
    @Test func replyUpdatesTheOrganizersCopy() throws {
        let reply = try request(Fixture.event(attendees: ["ATTENDEE;PARTSTAT=DECLINED:mailto:b@example.com"],
                                              extra: ["REQUEST-STATUS:2.0;Success"]), method: "REPLY")
        let (copy, significant) = try #require(stored(try ITIP.apply(reply, to: Fixture.single(Fixture.event()), recipient: Fixture.a)))
        #expect(!significant)
        #expect(copy.attendeeParameter("b", .partstat) == "DECLINED")
        #expect(copy.attendeeParameter("c", .partstat) == "TENTATIVE")
    }

    @Test func replyForOneInstanceCreatesAnOverride() throws {
        let reply = try request(Fixture.event(start: "19970708T200000Z", end: "19970708T210000Z",
            attendees: ["ATTENDEE;PARTSTAT=DECLINED:mailto:b@example.com"], recurrenceID: "19970708T200000Z"), method: "REPLY")
        let (copy, _) = try #require(stored(try ITIP.apply(reply, to: Fixture.weekly(), recipient: Fixture.a)))
        #expect(copy.parts.count == 2)
        let instance = copy.parts[1]
        #expect(instance.property(.recurrenceID)?.value == "19970708T200000Z")
        #expect(instance.property(.dtstart)?.value == "19970708T200000Z")
        #expect(instance.property(.dtend)?.value == "19970708T210000Z")
        #expect(instance.property(.rrule) == nil)
        #expect(copy.attendeeParameter("b", .partstat, in: 1) == "DECLINED")
        #expect(copy.attendeeParameter("b", .partstat, in: 0) == "ACCEPTED")
    }

    @Test func replyForAnInstanceThatDoesNotExistIsIgnored() throws {
        let reply = try request(Fixture.event(start: "19970709T200000Z",
            attendees: ["ATTENDEE;PARTSTAT=DECLINED:mailto:b@example.com"], recurrenceID: "19970709T200000Z"), method: "REPLY")
        #expect(try ITIP.apply(reply, to: Fixture.weekly(), recipient: Fixture.a) == .unchanged)
    }

    /// After the delegation example of RFC 5546 §4.2: the organizer learns about the delegate.
    @Test func delegationAddsTheDelegate() throws {
        let reply = try request(Fixture.event(attendees: [
            "ATTENDEE;PARTSTAT=DELEGATED;DELEGATED-TO=\"mailto:e@example.com\":mailto:b@example.com"]), method: "REPLY")
        let (copy, _) = try #require(stored(try ITIP.apply(reply, to: Fixture.single(Fixture.event()), recipient: Fixture.a)))
        #expect(copy.attendeeParameter("b", .partstat) == "DELEGATED")
        let delegate = try #require(copy.parts[0].attendee(Fixture.address("e")))
        #expect(delegate[parameter: .delegatedFrom] == "mailto:b@example.com")
        #expect(delegate[parameter: .partstat] == "NEEDS-ACTION")
        #expect(delegate[parameter: .rsvp] == "TRUE")
    }

    @Test func replyFromANonAttendeeOrStaleIsIgnored() throws {
        let stranger = try request(Fixture.event(attendees: ["ATTENDEE;PARTSTAT=ACCEPTED:mailto:z@example.com"]), method: "REPLY")
        #expect(try ITIP.apply(stranger, to: Fixture.single(Fixture.event()), recipient: Fixture.a) == .unchanged)
        let stale = try request(Fixture.event(sequence: 0, attendees: ["ATTENDEE;PARTSTAT=DECLINED:mailto:b@example.com"]),
                                method: "REPLY")
        #expect(try ITIP.apply(stale, to: Fixture.single(Fixture.event(sequence: 1)), recipient: Fixture.a) == .unchanged)
    }

    @Test func counterRefreshAndDeclineCounterLeaveTheCopy() throws {
        let refresh = try request(Fixture.event(attendees: ["ATTENDEE:mailto:b@example.com"]), method: "REFRESH")
        #expect(try ITIP.apply(refresh, to: Fixture.single(Fixture.event()), recipient: Fixture.a) == .unchanged)
    }
}
