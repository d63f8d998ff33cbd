import ICalendar
import Testing
@testable import ITIP

/// What the organizer's copy becomes and what the messages carry. Spec: RFC 6638 §3.2.1, §7.2; RFC 5546 §2.1.4.
@Suite struct OrganizerOutcomeTests {
    @Test func rescheduleBumpsSequenceAndResetsAttendees() throws {
        let outcome = try ITIP.messages(old: Fixture.single(Fixture.event()),
                                        new: Fixture.single(Fixture.event(start: "19970702T200000Z", end: "19970702T210000Z")),
                                        actor: Fixture.a)
        let stored = try #require(outcome.stored)
        #expect(stored.parts[0].property(.sequence)?.value == "1")
        #expect(stored.attendeeParameter("a", .partstat) == "ACCEPTED")
        #expect(stored.attendeeParameter("b", .partstat) == "NEEDS-ACTION")
        #expect(stored.attendeeParameter("b", .rsvp) == "TRUE")
        #expect(outcome.messages.allSatisfy { $0.calendar.parts[0].property(.sequence)?.value == "1" })
        #expect(outcome.role == .organizer(Fixture.address("a")))
    }

    @Test func clientBumpedSequenceIsKept() throws {
        let outcome = try ITIP.messages(old: Fixture.single(Fixture.event(sequence: 1)),
                                        new: Fixture.single(Fixture.event(summary: "New", sequence: 5)), actor: Fixture.a)
        #expect(outcome.stored?.parts[0].property(.sequence)?.value == "5")
    }

    @Test func insignificantChangeKeepsSequence() throws {
        let outcome = try ITIP.messages(old: Fixture.single(Fixture.event(sequence: 1)),
                                        new: Fixture.single(Fixture.event(sequence: 1, alarm: true)), actor: Fixture.a)
        #expect(outcome.stored?.parts[0].property(.sequence)?.value == "1")
        #expect(outcome.messages.isEmpty)
    }

    @Test func forceSendIsRemovedFromTheStoredObject() throws {
        let new = Fixture.single(Fixture.event(attendees: ["ATTENDEE;SCHEDULE-FORCE-SEND=REQUEST:mailto:b@example.com"]))
        let outcome = try ITIP.messages(old: Fixture.single(Fixture.event(attendees: ["ATTENDEE:mailto:b@example.com"])),
                                        new: new, actor: Fixture.a)
        #expect(outcome.messages.count == 1)
        #expect(outcome.stored?.attendeeParameter("b", .scheduleForceSend) == nil)
    }

    @Test func requestCarriesOnlyTheAttendedComponentsAndTheirZone() throws {
        let zone = """
        BEGIN:VTIMEZONE
        TZID:America/New_York
        BEGIN:STANDARD
        DTSTART:19671029T020000
        RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
        TZOFFSETFROM:-0400
        TZOFFSETTO:-0500
        END:STANDARD
        BEGIN:DAYLIGHT
        DTSTART:19870405T020000
        RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=4
        TZOFFSETFROM:-0500
        TZOFFSETTO:-0400
        END:DAYLIGHT
        END:VTIMEZONE
        """
        let master = Fixture.event(start: "19970701T160000", end: "19970701T170000",
                                   attendees: ["ATTENDEE:mailto:b@example.com"], extra: ["RRULE:FREQ=WEEKLY;COUNT=4"], alarm: true)
            .replacingTZID()
        let instance = Fixture.event(start: "19970708T180000", end: "19970708T190000",
                                     attendees: ["ATTENDEE:mailto:b@example.com", "ATTENDEE:mailto:d@example.com"],
                                     recurrenceID: "19970708T160000").replacingTZID()
        let outcome = try ITIP.messages(old: nil, new: Fixture.calendar([zone, master, instance]), actor: Fixture.a)
        #expect(outcome.messages.map(\.recipients) == [[Fixture.address("b")], [Fixture.address("d")]])
        let toB = outcome.messages[0].calendar
        #expect(toB.components(.vtimezone).count == 1)
        #expect(toB.parts.count == 2)
        #expect(toB.parts[0].components(.valarm).isEmpty)
        let toD = outcome.messages[1].calendar
        #expect(toD.parts.count == 1)
        #expect(toD.parts[0].property(.recurrenceID)?.value == "19970708T160000")
    }

    @Test func organizerCannotChangeOrganizerOrUID() {
        let old = Fixture.single(Fixture.event())
        #expect(throws: ITIPError.self) {
            try ITIP.messages(old: old, new: Fixture.single(Fixture.event(uid: "other")), actor: Fixture.a)
        }
        #expect(throws: ITIPError.self) {
            try ITIP.messages(old: old, new: Fixture.single(Fixture.event(organizer: "ORGANIZER:mailto:x@example.com")),
                              actor: Fixture.a)
        }
    }

    @Test func droppingOrganizerCancelsEveryone() throws {
        let plain = Fixture.single(Fixture.event(organizer: "CLASS:PUBLIC", attendees: []))
        let outcome = try ITIP.messages(old: Fixture.single(Fixture.event()), new: plain, actor: Fixture.a)
        #expect(outcome.messages.map(\.method) == [.cancel, .cancel])
        #expect(outcome.stored == plain)
    }

    @Test func roles() {
        let calendar = Fixture.single(Fixture.event())
        #expect(ITIP.role(of: calendar, for: Fixture.a) == .organizer(Fixture.address("a")))
        #expect(ITIP.role(of: calendar, for: Fixture.b) == .attendee(Fixture.address("b"), organizer: Fixture.address("a")))
        #expect(ITIP.role(of: calendar, for: CalendarUser(addresses: [Fixture.address("z")])) == .none)
        #expect(ITIP.role(of: Fixture.single(Fixture.event(type: "VJOURNAL")), for: Fixture.a) == .none)
    }

    @Test func scheduleStatusAndAttendeeCount() {
        let calendar = Fixture.single(Fixture.event(attendees: Fixture.defaultAttendees.dropLast()
            + ["ATTENDEE;SCHEDULE-FORCE-SEND=REQUEST:mailto:c@example.com"]))
        let updated = ITIP.settingScheduleStatus([Fixture.address("c"): "1.2", Fixture.address("b"): "3.7"],
                                                 on: .attendee, in: calendar)
        #expect(updated.attendeeParameter("c", .scheduleStatus) == "1.2")
        #expect(updated.attendeeParameter("c", .scheduleForceSend) == nil)
        #expect(updated.attendeeParameter("b", .scheduleStatus) == "3.7")
        #expect(updated.attendeeParameter("a", .scheduleStatus) == nil)
        #expect(ITIP.maxAttendeesPerInstance(Fixture.weekly(overrides: [
            Fixture.event(attendees: Fixture.defaultAttendees + ["ATTENDEE:mailto:d@example.com"], recurrenceID: "19970708T200000Z"),
        ])) == 4)
    }
}

extension String {
    /// Puts the fixture's floating DTSTART/DTEND/RECURRENCE-ID into America/New_York.
    func replacingTZID() -> String {
        split(separator: "\n").map { line -> String in
            for name in ["DTSTART:", "DTEND:", "RECURRENCE-ID:"] where line.hasPrefix(name) {
                return name.dropLast() + ";TZID=America/New_York:" + line.dropFirst(name.count)
            }
            return String(line)
        }.joined(separator: "\n")
    }
}
