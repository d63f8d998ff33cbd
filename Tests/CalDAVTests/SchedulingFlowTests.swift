import CalDAV
import CalendarStore
import Calendaring
import DAVXML
import Foundation
import ICalendar
import Testing
import WebDAV

/// Implicit scheduling end to end through the service: alice invites bob and carol (local) and dave (outside),
/// they answer, she reschedules and cancels. Spec: RFC 6638 §3.2, §8; RFC 5546 §3.2.
@Suite struct SchedulingFlowTests {
    @Test func invitationReachesLocalInboxesAndCalendarsAndQueuesMail() async throws {
        let h = try await SchedulingHarness()
        let created = await h.put(SchedulingHarness.event, SchedulingHarness.meeting(), as: h.alice)
        #expect(created.status == 201)
        #expect(created.headers["Schedule-Tag"] != nil)
        // The server added SCHEDULE-STATUS, so the stored data is not what was sent: no ETag (RFC 4791 §5.3.4).
        #expect(created.headers["ETag"] == nil)

        for attendee in [h.bob, h.carol] {
            #expect(try await h.inboxMethods(of: attendee) == ["REQUEST"])
            let copy = try #require(try await h.copy(of: attendee))
            #expect(SchedulingHarness.partstat(attendee.email, in: copy.calendar) == "NEEDS-ACTION")
            #expect(copy.record.index.scheduleTag != nil)
        }
        let organizer = try #require(try await h.copy(of: h.alice))
        #expect(SchedulingHarness.scheduleStatus("bob@example.com", in: organizer.calendar) == "1.2")
        #expect(SchedulingHarness.scheduleStatus("dave@external.test", in: organizer.calendar) == "1.1")
        let mail = try await h.store.outgoingMessages(senderUserID: h.alice.id, limit: 10)
        #expect(mail.map(\.message.envelopeTo) == ["dave@external.test"])
        #expect(mail.first?.message.method == "REQUEST")
        #expect(mail.first.map { String(decoding: $0.message.content, as: UTF8.self) }?.contains("text/calendar; method=REQUEST") == true)
    }

    @Test func repliesUpdateTheOrganizerWithoutChangingItsScheduleTag() async throws {
        let h = try await SchedulingHarness()
        let created = await h.put(SchedulingHarness.event, SchedulingHarness.meeting(), as: h.alice)
        let organizerTag = try #require(created.headers["Schedule-Tag"])
        let organizerETag = try #require(try await h.copy(of: h.alice)).record.etag

        for (attendee, answer) in [(h.bob, "ACCEPTED"), (h.carol, "DECLINED")] {
            let copy = try #require(try await h.copy(of: attendee))
            let path = "/calendars/\(attendee.name)/calendar/\(copy.record.name)"
            let get = await h.send("GET", path, as: attendee)
            let tag = try #require(get.headers["Schedule-Tag"])
            let reply = await h.put(path, SchedulingHarness.answering(copy.calendar, as: attendee.email, partstat: answer),
                                    as: attendee, headers: [("If-Schedule-Tag-Match", tag)])
            #expect(reply.status == 204)
        }
        let organizer = try #require(try await h.copy(of: h.alice))
        #expect(SchedulingHarness.partstat("bob@example.com", in: organizer.calendar) == "ACCEPTED")
        #expect(SchedulingHarness.partstat("carol@example.com", in: organizer.calendar) == "DECLINED")
        // RFC 6638 §3.2.10: merging replies changes the ETag but not the Schedule-Tag.
        #expect(organizer.record.etag != organizerETag)
        let get = await h.send("GET", SchedulingHarness.event, as: h.alice)
        #expect(get.headers["Schedule-Tag"] == organizerTag)
        #expect(try await h.inboxMethods(of: h.alice) == ["REPLY", "REPLY"])
        // Bob's copy follows carol's answer.
        let bobCopy = try #require(try await h.copy(of: h.bob))
        #expect(SchedulingHarness.partstat("carol@example.com", in: bobCopy.calendar) == "DECLINED")
        #expect(SchedulingHarness.partstat("bob@example.com", in: bobCopy.calendar) == "ACCEPTED")
    }

    /// RFC 6638 §3.2.10 (caldav-server-tester `scheduling.schedule-tag.stable-partstat`): the attendee's own
    /// changes (PARTSTAT, an alarm) keep their copy's Schedule-Tag; the organizer's next update changes it.
    @Test func attendeeChangesKeepTheirScheduleTag() async throws {
        let h = try await SchedulingHarness()
        _ = await h.put(SchedulingHarness.event, SchedulingHarness.meeting(), as: h.alice)
        let copy = try #require(try await h.copy(of: h.bob))
        let path = "/calendars/bob/calendar/\(copy.record.name)"
        let tag = try #require(await h.send("GET", path, as: h.bob).headers["Schedule-Tag"])

        let accepted = SchedulingHarness.answering(copy.calendar, as: "bob@example.com", partstat: "ACCEPTED")
        let reply = await h.put(path, accepted, as: h.bob, headers: [("If-Schedule-Tag-Match", tag)])
        #expect(reply.status == 204)
        #expect(reply.headers["Schedule-Tag"] == tag)
        let withAlarm = accepted.replacingOccurrences(
            of: "END:VEVENT", with: "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Soon\r\nTRIGGER:-PT15M\r\nEND:VALARM\r\nEND:VEVENT")
        #expect(await h.put(path, withAlarm, as: h.bob, headers: [("If-Schedule-Tag-Match", tag)]).status == 204)
        #expect(await h.send("GET", path, as: h.bob).headers["Schedule-Tag"] == tag)

        _ = await h.put(SchedulingHarness.event, SchedulingHarness.meeting(start: "20261201T140000Z", end: "20261201T150000Z"), as: h.alice)
        let moved = await h.send("GET", path, as: h.bob)
        #expect(moved.headers["Schedule-Tag"] != nil && moved.headers["Schedule-Tag"] != tag)
    }

    @Test func staleScheduleTagIsRefused() async throws {
        let h = try await SchedulingHarness()
        _ = await h.put(SchedulingHarness.event, SchedulingHarness.meeting(), as: h.alice)
        let copy = try #require(try await h.copy(of: h.bob))
        let path = "/calendars/bob/calendar/\(copy.record.name)"
        let stale = await h.put(path, SchedulingHarness.answering(copy.calendar, as: "bob@example.com", partstat: "ACCEPTED"),
                                as: h.bob, headers: [("If-Schedule-Tag-Match", "\"not-the-tag\"")])
        #expect(stale.status == 412)
        #expect(SchedulingHarness.partstat("bob@example.com", in: try #require(try await h.copy(of: h.alice)).calendar)
                == "NEEDS-ACTION")
    }

    @Test func unchangedRePutSendsNothingAndRescheduleResetsAnswers() async throws {
        let h = try await SchedulingHarness()
        _ = await h.put(SchedulingHarness.event, SchedulingHarness.meeting(), as: h.alice)
        let copy = try #require(try await h.copy(of: h.bob))
        _ = await h.put("/calendars/bob/calendar/\(copy.record.name)",
                        SchedulingHarness.answering(copy.calendar, as: "bob@example.com", partstat: "ACCEPTED"), as: h.bob)
        for _ in 0..<3 { _ = await h.put(SchedulingHarness.event, SchedulingHarness.meeting(), as: h.alice) }
        #expect(try await h.inboxMethods(of: h.bob) == ["REQUEST"])
        #expect(try await h.store.outgoingMessages(senderUserID: h.alice.id, limit: 10).count == 1)

        let moved = await h.put(SchedulingHarness.event, SchedulingHarness.meeting(start: "20261202T100000Z",
                                                                                   end: "20261202T110000Z", sequence: 1),
                                as: h.alice)
        #expect(moved.status == 204)
        #expect(try await h.inboxMethods(of: h.bob) == ["REQUEST", "REQUEST"])
        let bobCopy = try #require(try await h.copy(of: h.bob))
        #expect(bobCopy.calendar.components.first { $0.name == .vevent }?.property(.dtstart)?.value == "20261202T100000Z")
        #expect(SchedulingHarness.partstat("bob@example.com", in: bobCopy.calendar) == "NEEDS-ACTION")
        #expect(try await h.store.outgoingMessages(senderUserID: h.alice.id, limit: 10).count == 2)
    }

    @Test func deletingTheMeetingCancelsIt() async throws {
        let h = try await SchedulingHarness()
        _ = await h.put(SchedulingHarness.event, SchedulingHarness.meeting(), as: h.alice)
        let deleted = await h.send("DELETE", SchedulingHarness.event, as: h.alice)
        #expect(deleted.status == 204)
        for attendee in [h.bob, h.carol] {
            #expect(try await h.inboxMethods(of: attendee) == ["REQUEST", "CANCEL"])
            #expect(try await h.copy(of: attendee) == nil)
        }
        let mail = try await h.store.outgoingMessages(senderUserID: h.alice.id, limit: 10)
        #expect(Set(mail.map(\.message.method)) == ["REQUEST", "CANCEL"])
    }

    @Test func attendeeDeleteDeclines() async throws {
        let h = try await SchedulingHarness()
        _ = await h.put(SchedulingHarness.event, SchedulingHarness.meeting(), as: h.alice)
        let copy = try #require(try await h.copy(of: h.bob))
        #expect(await h.send("DELETE", "/calendars/bob/calendar/\(copy.record.name)", as: h.bob).status == 204)
        let organizer = try #require(try await h.copy(of: h.alice))
        #expect(SchedulingHarness.partstat("bob@example.com", in: organizer.calendar) == "DECLINED")
    }

    /// RFC 5546 §3.2.2.3 through the server: bob delegates to carol, who was not invited; alice's copy gains carol,
    /// and carol gets the invitation.
    @Test func delegationInvitesTheDelegate() async throws {
        let h = try await SchedulingHarness()
        _ = await h.put(SchedulingHarness.event, SchedulingHarness.meeting(attendees: ["bob@example.com"]), as: h.alice)
        let copy = try #require(try await h.copy(of: h.bob))
        var delegated = SchedulingHarness.answering(copy.calendar, as: "bob@example.com", partstat: "DELEGATED")
        delegated = delegated.replacingOccurrences(of: "PARTSTAT=DELEGATED:mailto:bob@example.com",
                                                   with: "PARTSTAT=DELEGATED;DELEGATED-TO=\"mailto:carol@example.com\":mailto:bob@example.com")
        #expect(delegated.contains("DELEGATED-TO"))
        #expect(await h.put("/calendars/bob/calendar/\(copy.record.name)", delegated, as: h.bob).status == 204)
        let organizer = try #require(try await h.copy(of: h.alice))
        #expect(SchedulingHarness.partstat("bob@example.com", in: organizer.calendar) == "DELEGATED")
        #expect(SchedulingHarness.partstat("carol@example.com", in: organizer.calendar) == "NEEDS-ACTION")
        #expect(try await h.inboxMethods(of: h.carol) == ["REQUEST"])
        let carolCopy = try #require(try await h.copy(of: h.carol))
        #expect(SchedulingHarness.partstat("carol@example.com", in: carolCopy.calendar) == "NEEDS-ACTION")
    }

    @Test func counterDeclineCounterAndRefresh() async throws {
        let h = try await SchedulingHarness()
        _ = await h.put(SchedulingHarness.event, SchedulingHarness.meeting(), as: h.alice)
        let counter = """
            BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nMETHOD:COUNTER\r\nBEGIN:VEVENT\r\nUID:meeting-1\r
            DTSTAMP:20261121T090000Z\r\nDTSTART:20261201T140000Z\r\nDTEND:20261201T150000Z\r\nSEQUENCE:0\r
            ORGANIZER:mailto:alice@example.com\r\nATTENDEE;PARTSTAT=TENTATIVE:mailto:bob@example.com\r
            COMMENT:Afternoon instead?\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n
            """
        let sent = await h.post("/calendars/bob/outbox/", counter, as: h.bob)
        #expect(sent.status == 200)
        #expect(try sent.xml().first(.calDAV.response)?.first(.calDAV.requestStatus)?.text.hasPrefix("2.0") == true)
        #expect(try await h.inboxMethods(of: h.alice) == ["COUNTER"])

        let decline = counter.replacingOccurrences(of: "METHOD:COUNTER", with: "METHOD:DECLINECOUNTER")
        #expect(await h.post("/calendars/bob/outbox/", decline, as: h.bob).status == 403)
        #expect(await h.post("/calendars/alice/outbox/", decline, as: h.alice).status == 200)
        #expect(try await h.inboxMethods(of: h.bob) == ["REQUEST", "DECLINECOUNTER"])

        let refresh = """
            BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nMETHOD:REFRESH\r\nBEGIN:VEVENT\r\nUID:meeting-1\r
            DTSTAMP:20261121T090000Z\r\nORGANIZER:mailto:alice@example.com\r\nATTENDEE:mailto:bob@example.com\r
            END:VEVENT\r\nEND:VCALENDAR\r\n
            """
        #expect(await h.post("/calendars/bob/outbox/", refresh, as: h.bob).status == 200)
        #expect(try await h.inboxMethods(of: h.bob) == ["REQUEST", "DECLINECOUNTER", "REQUEST"])
    }

    @Test func outboxRefusesInvitationsAndForeignOriginators() async throws {
        let h = try await SchedulingHarness()
        let request = SchedulingHarness.meeting().replacingOccurrences(of: "VERSION:2.0", with: "VERSION:2.0\r\nMETHOD:REQUEST")
        let refused = await h.post("/calendars/alice/outbox/", request, as: h.alice)
        #expect(refused.status == 403)
        #expect(try refused.condition() == .calDAV.validSchedulingMessage)
        let foreign = await h.post("/calendars/bob/outbox/", request, as: h.bob)
        #expect(foreign.status == 403)
        #expect(await h.post("/calendars/bob/outbox/", request, as: h.alice).status == 403)
    }

    @Test func mailHookReplyUpdatesTheOrganizer() async throws {
        let h = try await SchedulingHarness()
        _ = await h.put(SchedulingHarness.event, SchedulingHarness.meeting(), as: h.alice)
        func reply(_ from: String) -> String {
            """
            BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:meeting-1\r
            DTSTAMP:20261121T090000Z\r\nSEQUENCE:0\r\nORGANIZER:mailto:alice@example.com\r
            ATTENDEE;PARTSTAT=ACCEPTED:mailto:\(from)\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n
            """
        }
        let stranger = await h.post("/calendars/alice/inbox/", reply("mallory@evil.test"), as: h.alice)
        #expect(stranger.status == 403)
        #expect(await h.post("/calendars/alice/inbox/", reply("dave@external.test"), as: h.alice).status == 200)
        let organizer = try #require(try await h.copy(of: h.alice))
        #expect(SchedulingHarness.partstat("dave@external.test", in: organizer.calendar) == "ACCEPTED")
        // Nobody but the inbox owner posts into it.
        #expect(await h.post("/calendars/alice/inbox/", reply("dave@external.test"), as: h.bob).status == 403)
    }

    @Test func abuseLimits() async throws {
        let h = try await SchedulingHarness(limits: SchedulingLimits(maxAttendeesPerInstance: 3, messagesPerHour: 4))
        let crowded = await h.put(SchedulingHarness.event, SchedulingHarness.meeting(
            attendees: ["bob@example.com", "carol@example.com", "dave@external.test", "erin@external.test"]), as: h.alice)
        #expect(crowded.status == 403)
        #expect(try crowded.condition() == .calDAV.maxAttendeesPerInstance)
        #expect(await h.put(SchedulingHarness.event, SchedulingHarness.meeting(attendees: ["bob@example.com"]),
                            as: h.alice).status == 201)
        // Each time change sends one message; the fifth in the hour is refused and nothing is stored.
        var statuses: [Int] = []
        for day in 2...6 {
            statuses.append(await h.put(SchedulingHarness.event, SchedulingHarness.meeting(
                start: "202612\(String(format: "%02d", day))T100000Z", end: "202612\(String(format: "%02d", day))T110000Z",
                attendees: ["bob@example.com"]), as: h.alice).status)
        }
        #expect(statuses == [204, 204, 204, 429, 429])
        #expect(try await h.inboxMethods(of: h.bob).count == 4)
    }

    @Test func principalAndInboxProperties() async throws {
        let h = try await SchedulingHarness()
        let propfind = """
            <?xml version="1.0"?><D:propfind xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop>
            <C:schedule-inbox-URL/><C:schedule-outbox-URL/><C:calendar-user-address-set/>
            <C:schedule-default-calendar-URL/><D:resourcetype/></D:prop></D:propfind>
            """
        let principal = try await h.send("PROPFIND", "/principals/bob/", headers: [("Depth", "0")], body: propfind,
                                         as: h.bob).properties()["/principals/bob/"]
        #expect(principal?[.calDAV.scheduleInboxURL]?.first(.dav.href)?.text == "/calendars/bob/inbox/")
        #expect(principal?[.calDAV.scheduleOutboxURL]?.first(.dav.href)?.text == "/calendars/bob/outbox/")
        #expect(principal?[.calDAV.calendarUserAddressSet]?.all(.dav.href).map(\.text).contains("mailto:bob@example.com") == true)
        let inbox = try await h.send("PROPFIND", "/calendars/bob/inbox/", headers: [("Depth", "0")], body: propfind,
                                     as: h.bob).properties()["/calendars/bob/inbox/"]
        #expect(inbox?[.calDAV.scheduleDefaultCalendarURL]?.first(.dav.href)?.text == "/calendars/bob/calendar/")
        #expect(inbox?[.dav.resourcetype]?.first(.calDAV.scheduleInbox) != nil)
        #expect(await h.put("/calendars/bob/inbox/x.ics", SchedulingHarness.meeting(), as: h.bob).status == 403)
    }
}
