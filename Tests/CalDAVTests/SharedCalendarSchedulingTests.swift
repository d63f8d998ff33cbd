import CalDAV
import Foundation
import CalendarStore
import ICalendar
import Testing
import WebDAV

/// A sharee with the write role creating and cancelling a meeting in the owner's calendar: the meeting is the
/// owner's (alice organizes it), the messages go out for her, and SENT-BY says that bob sent them.
/// Spec: RFC 5545 §3.2.18 (SENT-BY), RFC 5546 §2.1.4, RFC 6638 §3.2.
@Suite struct SharedCalendarSchedulingTests {
    static let path = "/calendars/alice/calendar/meeting.ics"
    static let sentBy = "mailto:bob@example.com"

    static func harness(role: CalendarRole) async throws -> SchedulingHarness {
        let h = try await SchedulingHarness()
        let record = try #require(try await h.store.calendar(ownerID: h.alice.id, slug: "calendar"))
        _ = try await h.store.setGrant(calendarID: record.id, grantee: .user(h.bob.id), role: role, state: .accepted,
                                       grantedBy: h.alice.id)
        return h
    }

    /// The text/calendar part of an iMIP message (base64, RFC 6047 §2.4), decoded.
    static func calendarPart(of message: String) -> String? {
        guard let header = message.range(of: "Content-Type: text/calendar"),
              let blank = message.range(of: "\r\n\r\n", range: header.upperBound..<message.endIndex) else { return nil }
        let rest = message[blank.upperBound...]
        let body = rest.range(of: "--").map { rest[..<$0.lowerBound] } ?? rest
        guard let data = Data(base64Encoded: String(body), options: .ignoreUnknownCharacters) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    static func organizer(_ calendar: Component) -> Property? {
        calendar.components.first { $0.name == .vevent }?.property(.organizer)
    }

    @Test func aWriteShareeSchedulesForTheOwnerWithSentBy() async throws {
        let h = try await Self.harness(role: .write)
        let meeting = SchedulingHarness.meeting(attendees: ["carol@example.com", "dave@external.test"])
        let created = await h.put(Self.path, meeting, as: h.bob)
        #expect(created.status == 201, "\(created.text)")
        // The stored object is not the body sent (SENT-BY and SCHEDULE-STATUS were added): no ETag (RFC 4791 §5.3.4).
        #expect(created.headers["ETag"] == nil)
        let stored = try #require(try await h.copy(of: h.alice))
        #expect(Self.organizer(stored.calendar)?.value == "mailto:alice@example.com")
        #expect(Self.organizer(stored.calendar)?[parameter: .sentBy] == Self.sentBy)
        // The invitation reached carol from alice, sent by bob; the outside attendee's e-mail says the same.
        let invitation = try #require(try await h.objects(of: h.carol, in: "inbox").first)
        #expect(invitation.calendar.property(.method)?.value == "REQUEST")
        #expect(Self.organizer(invitation.calendar)?[parameter: .sentBy] == Self.sentBy)
        let mail = try await h.store.outgoingMessages(senderUserID: h.alice.id, limit: 10)
        #expect(mail.count == 1 && mail.first?.message.envelopeTo == "dave@external.test")
        let content = String(decoding: mail.first?.message.content ?? [], as: UTF8.self)
        #expect(Self.calendarPart(of: content)?.contains("SENT-BY=\"mailto:bob@example.com\"") == true, "\(content)")

        // Deleting it cancels the meeting for alice, again sent by bob.
        #expect(await h.send("DELETE", Self.path, as: h.bob).status == 204)
        #expect(try await h.copy(of: h.alice) == nil)
        let messages = try await h.objects(of: h.carol, in: "inbox").sorted { $0.record.revision < $1.record.revision }
        #expect(messages.last?.calendar.property(.method)?.value == "CANCEL")
        #expect(messages.last.flatMap { Self.organizer($0.calendar) }?[parameter: .sentBy] == Self.sentBy)
    }

    /// Through the mount in bob's own home the meeting is written the same way, and lands in alice's calendar.
    @Test func aMeetingWrittenThroughTheMountIsTheOwners() async throws {
        let h = try await Self.harness(role: .write)
        let mount = "/calendars/bob/calendar_shared_by_alice/meeting.ics"
        let created = await h.put(mount, SchedulingHarness.meeting(attendees: ["carol@example.com"]), as: h.bob)
        #expect(created.status == 201, "\(created.text)")
        let stored = try #require(try await h.copy(of: h.alice))
        #expect(Self.organizer(stored.calendar)?[parameter: .sentBy] == Self.sentBy)
        #expect(try await h.objects(of: h.carol, in: "inbox").count == 1)
        #expect(try await h.objects(of: h.bob, in: "calendar").isEmpty, "nothing lands in bob's own calendar")
        // A UID conflict names the object under the mount, where bob can reach it.
        let clash = await h.put("/calendars/bob/calendar_shared_by_alice/other.ics",
                                SchedulingHarness.meeting(attendees: ["carol@example.com"]), as: h.bob)
        #expect(clash.status == 403 && clash.text.contains(mount), "\(clash.text)")
    }

    @Test func aReadShareeCannotSendInvitations() async throws {
        let h = try await Self.harness(role: .read)
        let refused = await h.put(Self.path, SchedulingHarness.meeting(attendees: ["carol@example.com"]), as: h.bob)
        #expect(refused.status == 403 && refused.text.contains("need-privileges"))
        #expect(try await h.copy(of: h.alice) == nil)
        #expect(try await h.objects(of: h.carol, in: "inbox").isEmpty)
    }

    /// The owner's own writes carry no SENT-BY.
    @Test func theOwnersOwnMeetingHasNoSentBy() async throws {
        let h = try await Self.harness(role: .write)
        #expect(await h.put(Self.path, SchedulingHarness.meeting(attendees: ["carol@example.com"]), as: h.alice).status == 201)
        let stored = try #require(try await h.copy(of: h.alice))
        #expect(Self.organizer(stored.calendar)?[parameter: .sentBy] == nil)
    }
}
