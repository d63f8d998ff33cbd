import CalDAV
import CalendarStore
import DAVXML
import ICalendar
import Testing
import WebDAV

/// Delegation (caldav-proxy): a user names read and write delegates through their calendar-proxy-read and
/// calendar-proxy-write principals; a delegate finds the user's calendars through calendar-proxy-*-for and reaches
/// them as the delegation allows: a write delegate runs them (private events included) and answers invitations
/// for the user, with SENT-BY; a read delegate reads them as a sharee would.
@Suite struct DelegationTests {
    static let calendar = SharedCalendarAccessTests.calendar

    static func setMembers(_ h: ServiceHarness, of owner: User, mode: String, _ members: [String], as user: User)
        async -> DAVResponse {
        await h.send("PROPPATCH", "/principals/\(owner.name)/calendar-proxy-\(mode)/", body: """
            <?xml version="1.0" encoding="utf-8"?><D:propertyupdate xmlns:D="DAV:"><D:set><D:prop><D:group-member-set>\
            \(members.map { "<D:href>\($0)</D:href>" }.joined())</D:group-member-set></D:prop></D:set></D:propertyupdate>
            """, as: user)
    }

    static let principalProps = """
        <?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:" xmlns:CS="http://calendarserver.org/ns/">\
        <D:prop><D:resourcetype/><D:group-member-set/><D:group-membership/><CS:calendar-proxy-write-for/>\
        <CS:calendar-proxy-read-for/></D:prop></D:propfind>
        """

    @Test func theOwnerNamesDelegatesAndTheyFindTheOwner() async throws {
        let h = try await SharedCalendarAccessTests.harness(role: nil)
        let set = await Self.setMembers(h, of: h.alice, mode: "write", ["/principals/bob/"], as: h.alice)
        #expect(set.status == 207 && set.text.contains("200"), "\(set.text)")
        let listing = try await h.send("PROPFIND", "/principals/alice/", headers: [("Depth", "1")],
                                       body: Self.principalProps, as: h.alice).properties()
        let group = try #require(listing["/principals/alice/calendar-proxy-write/"])
        #expect(group[.dav.resourcetype]?.first(.calendarServer.calendarProxyWrite) != nil)
        #expect(group[.dav.groupMemberSet]?.all(.dav.href).map(\.text) == ["/principals/bob/"])
        #expect(listing["/principals/alice/calendar-proxy-read/"]?[.dav.groupMemberSet]?.elements.isEmpty == true)
        let bob = try #require(try await h.send("PROPFIND", "/principals/bob/", headers: [("Depth", "0")],
                                                body: Self.principalProps, as: h.bob).properties()["/principals/bob/"])
        #expect(bob[.calendarServer.calendarProxyWriteFor]?.all(.dav.href).map(\.text) == ["/principals/alice/"])
        #expect(bob[.dav.groupMembership]?.all(.dav.href).map(\.text) == ["/principals/alice/calendar-proxy-write/"])
        // Only alice names her delegates; moving bob to the read list changes his kind.
        #expect(await Self.setMembers(h, of: h.alice, mode: "read", ["/principals/bob/"], as: h.bob).status == 403)
        #expect(await Self.setMembers(h, of: h.alice, mode: "read", ["mailto:bob@example.com"], as: h.alice).status == 207)
        #expect(try await h.store.delegates(ownerID: h.alice.id).map(\.mode) == [.read])
        let unknown = await Self.setMembers(h, of: h.alice, mode: "write", ["/principals/nobody/"], as: h.alice)
        #expect(unknown.text.contains("recognized-principal"))
        #expect(try await h.store.delegates(ownerID: h.alice.id).map(\.mode) == [.read], "a refused patch changes nothing")
    }

    @Test func aWriteDelegateRunsTheCalendarsAndSeesEverything() async throws {
        let h = try await SharedCalendarAccessTests.harness(role: nil)
        try await h.store.setDelegation(ownerID: h.alice.id, delegateID: h.bob.id, mode: .write)
        let home = try await h.send("PROPFIND", "/calendars/alice/", headers: [("Depth", "1")], as: h.bob).properties()
        #expect(home.keys.contains(Self.calendar) && home.keys.contains("/calendars/alice/inbox/"), "\(home.keys)")
        #expect(!home.keys.contains("/calendars/alice/notifications/"))
        let get = await h.send("GET", Self.calendar + "private.ics", as: h.bob)
        for secret in SharedCalendarAccessTests.secrets { #expect(get.text.contains(secret)) }
        #expect(await h.send("PUT", Self.calendar + "by-bob.ics", headers: [("Content-Type", "text/calendar")],
                             body: ICS.event(uid: "by-bob"), as: h.bob).status == 201)
        #expect(await h.send("DELETE", Self.calendar, as: h.bob).status == 403, "the calendar itself stays the owner's")
        #expect(await h.send("MKCALENDAR", "/calendars/alice/new/", as: h.bob).status == 403)
    }

    @Test func aReadDelegateReadsAsASharee() async throws {
        let h = try await SharedCalendarAccessTests.harness(role: nil)
        try await h.store.setDelegation(ownerID: h.alice.id, delegateID: h.bob.id, mode: .read)
        let home = try await h.send("PROPFIND", "/calendars/alice/", headers: [("Depth", "1")], as: h.bob).properties()
        #expect(home.keys.contains(Self.calendar) && !home.keys.contains("/calendars/alice/inbox/"))
        let get = await h.send("GET", Self.calendar + "private.ics", as: h.bob)
        #expect(get.status == 200 && get.text.contains("SUMMARY:Busy"))
        for secret in SharedCalendarAccessTests.secrets { #expect(!get.text.contains(secret)) }
        #expect(await h.send("PUT", Self.calendar + "by-bob.ics", headers: [("Content-Type", "text/calendar")],
                             body: ICS.event(uid: "by-bob"), as: h.bob).status == 403)
        #expect(await h.send("GET", "/calendars/alice/inbox/", as: h.bob).status == 403)
        // Ended: refused on the next request.
        try await h.store.setDelegation(ownerID: h.alice.id, delegateID: h.bob.id, mode: nil)
        #expect(await h.send("PROPFIND", "/calendars/alice/", headers: [("Depth", "1")], as: h.bob).status == 403)
    }

    /// An assistant answers an invitation for the person they act for: the reply goes out as theirs, SENT-BY the
    /// assistant.
    @Test func aWriteDelegateAnswersInvitations() async throws {
        let h = try await SchedulingHarness()
        try await h.store.setDelegation(ownerID: h.carol.id, delegateID: h.bob.id, mode: .write)
        #expect(await h.put(SchedulingHarness.event, SchedulingHarness.meeting(attendees: ["carol@example.com"]),
                            as: h.alice).status == 201)
        let copy = try #require(try await h.copy(of: h.carol))
        let answer = SchedulingHarness.answering(copy.calendar, as: "carol@example.com", partstat: "ACCEPTED")
        let put = await h.put("/calendars/carol/calendar/\(copy.record.name)", answer, as: h.bob)
        #expect(put.status < 300, "\(put.text)")
        let organizers = try #require(try await h.copy(of: h.alice))
        #expect(SchedulingHarness.partstat("carol@example.com", in: organizers.calendar) == "ACCEPTED")
        let reply = try #require(try await h.objects(of: h.alice, in: "inbox").first { $0.calendar.property(.method)?.value == "REPLY" })
        let attendee = reply.calendar.components.first { $0.name == .vevent }?.properties(.attendee).first
        #expect(attendee?[parameter: .sentBy] == "mailto:bob@example.com")
    }
}
