import CalDAV
import CalendarStore
import DAVXML
import Testing
import WebDAV

/// Apple's calendarserver-sharing over CalDAV, with request bodies shaped like the specification's examples: the
/// sharer's CS:share, the notification collection and its CS:invite-notification, the sharee's CS:invite-reply
/// answered with CS:shared-as, the CS:invite, CS:shared-url and resource-type properties, and removal.
/// Spec: calendarserver-sharing (Daboo & York, 2012) §4, §5.2–5.4, §6.
@Suite struct CalendarServerSharingTests {
    static let calendar = "/calendars/alice/calendar/"
    static let mount = "/calendars/bob/calendar_shared_by_alice/"

    static func share(_ changes: String) -> String {
        """
        <?xml version="1.0" encoding="utf-8" ?><CS:share xmlns:D="DAV:" xmlns:CS="http://calendarserver.org/ns/">\
        \(changes)</CS:share>
        """
    }

    static let addBob = share("""
        <CS:set><D:href>mailto:bob@example.com</D:href><CS:common-name>Bob Builder</CS:common-name>\
        <CS:summary>Shared workspace</CS:summary><CS:read-write /></CS:set>
        """)

    static func reply(accept: Bool, uid: String = "") -> String {
        """
        <?xml version="1.0" encoding="utf-8" ?><CS:invite-reply xmlns:D="DAV:" xmlns:CS="http://calendarserver.org/ns/">\
        <D:href>mailto:bob@example.com</D:href><CS:\(accept ? "invite-accepted" : "invite-declined") />\
        <CS:hosturl><D:href>\(calendar)</D:href></CS:hosturl><CS:in-reply-to>\(uid)</CS:in-reply-to>\
        <CS:summary>Alice's calendar</CS:summary></CS:invite-reply>
        """
    }

    static let props = """
        <?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:" xmlns:CS="http://calendarserver.org/ns/">\
        <D:prop><D:resourcetype/><CS:invite/><CS:allowed-sharing-modes/><CS:shared-url/><CS:notification-URL/>\
        <CS:notificationtype/><CS:getctag/></D:prop></D:propfind>
        """

    func post(_ h: ServiceHarness, _ path: String, _ body: String, as user: User) async -> DAVResponse {
        await h.send("POST", path, headers: [("Content-Type", "application/xml; charset=utf-8")], body: body, as: user)
    }

    /// The notices in `user`'s collection: href → the notice document.
    func notices(_ h: ServiceHarness, of user: User) async throws -> [(href: String, document: XMLElement)] {
        let listing = await h.send("PROPFIND", "/calendars/\(user.name)/notifications/", headers: [("Depth", "1")],
                                   body: Self.props, as: user)
        #expect(listing.status == 207)
        var result: [(String, XMLElement)] = []
        for (href, props) in try listing.properties() where href.hasSuffix(".xml") {
            #expect(props[.calendarServer.notificationtype]?.elements.isEmpty == false)
            let document = await h.send("GET", href, as: user)
            #expect(document.status == 200 && document.headers["Content-Type"]?.hasPrefix("application/xml") == true)
            result.append((href, try document.xml()))
        }
        return result
    }

    @Test func theAppleSharingFlow() async throws {
        let h = try await SharedCalendarAccessTests.harness(role: nil)
        // The sharer adds bob (§5.3.2.1); bob is invited, not yet given access.
        let added = await post(h, Self.calendar, Self.addBob, as: h.alice)
        #expect(added.status == 200, "\(added.text)")
        #expect(await h.send("GET", Self.calendar + "public.ics", as: h.bob).status == 403)
        let owner = try #require(try await h.send("PROPFIND", Self.calendar, headers: [("Depth", "0")], body: Self.props)
            .properties()[Self.calendar])
        #expect(owner[.dav.resourcetype]?.first(.calendarServer.sharedOwner) != nil)
        #expect(owner[.calendarServer.allowedSharingModes]?.first(.calendarServer.canBeShared) != nil)
        let invited = try #require(owner[.calendarServer.invite]?.first(.calendarServer.user))
        #expect(invited.first(.dav.href)?.text == "mailto:bob@example.com")
        #expect(invited.first(.calendarServer.inviteNoresponse) != nil)
        #expect(invited.first(.calendarServer.access)?.first(.calendarServer.readWrite) != nil)

        // Bob finds the invitation through his principal's CS:notification-URL (§4.1.1).
        let principal = try #require(try await h.send("PROPFIND", "/principals/bob/", headers: [("Depth", "0")],
                                                      body: Self.props, as: h.bob).properties()["/principals/bob/"])
        #expect(principal[.calendarServer.notificationURL]?.first(.dav.href)?.text == "/calendars/bob/notifications/")
        let collection = try #require(try await h.send("PROPFIND", "/calendars/bob/notifications/", headers: [("Depth", "0")],
                                                       body: Self.props, as: h.bob).properties()["/calendars/bob/notifications/"])
        #expect(collection[.dav.resourcetype]?.first(.calendarServer.notification) != nil)
        let bobsNotices = try await notices(h, of: h.bob)
        let invitation = try #require(bobsNotices.first?.document.first(.calendarServer.inviteNotification))
        #expect(bobsNotices.count == 1)
        #expect(invitation.first(.calendarServer.inviteNoresponse) != nil)
        #expect(invitation.first(.calendarServer.hosturl)?.first(.dav.href)?.text == Self.calendar)
        #expect(invitation.first(.calendarServer.organizer)?.first(.dav.href)?.text == "mailto:alice@example.com")
        #expect(invitation.first(.calendarServer.access)?.first(.calendarServer.readWrite) != nil)
        let uid = try #require(invitation.first(.calendarServer.uid)?.text)

        // Bob accepts (§5.4.1): the answer names the calendar in his home.
        let accepted = await post(h, "/calendars/bob/", Self.reply(accept: true, uid: uid), as: h.bob)
        #expect(accepted.status == 200, "\(accepted.text)")
        #expect(try accepted.xml().name == .calendarServer.sharedAs)
        #expect(try accepted.xml().first(.dav.href)?.text == Self.mount)
        let mounted = try #require(try await h.send("PROPFIND", "/calendars/bob/", headers: [("Depth", "1")],
                                                    body: Self.props, as: h.bob).properties()[Self.mount])
        #expect(mounted[.dav.resourcetype]?.first(.calendarServer.shared) != nil)
        #expect(mounted[.calendarServer.sharedURL]?.first(.dav.href)?.text == Self.calendar)
        #expect(mounted[.calendarServer.invite]?.first(.calendarServer.organizer)?.first(.dav.href)?.text
            == "mailto:alice@example.com")
        let put = await h.send("PUT", Self.mount + "from-bob.ics", headers: [("Content-Type", "text/calendar")],
                               body: ICS.event(uid: "from-bob"), as: h.bob)
        #expect(put.status == 201, "read-write lets bob add events")

        // Alice is told (§5.4.1: CS:invite-reply to the sharer).
        let reply = try #require(try await notices(h, of: h.alice).first?.document.first(.calendarServer.inviteReply))
        #expect(reply.first(.calendarServer.inviteAccepted) != nil && reply.first(.calendarServer.inReplyTo)?.text == uid)
        // Bob's client deletes the notice it handled.
        let handled = try #require(try await notices(h, of: h.bob).first?.href)
        #expect(await h.send("DELETE", handled, as: h.bob).status == 204)
        #expect(try await notices(h, of: h.bob).isEmpty)

        // The sharer removes bob (§5.3.2.2): his access ends and he is told.
        let removed = await post(h, Self.calendar, Self.share("<CS:remove><D:href>/principals/bob/</D:href></CS:remove>"),
                                 as: h.alice)
        #expect(removed.status == 200)
        #expect(await h.send("GET", Self.mount + "from-bob.ics", as: h.bob).status == 403)
        let ended = try #require(try await notices(h, of: h.bob).first?.document.first(.calendarServer.inviteNotification))
        #expect(ended.first(.calendarServer.inviteDeleted) != nil)
    }

    @Test func aDeclinedInvitationMountsNothing() async throws {
        let h = try await SharedCalendarAccessTests.harness(role: nil)
        #expect(await post(h, Self.calendar, Self.addBob, as: h.alice).status == 200)
        #expect(await post(h, "/calendars/bob/", Self.reply(accept: false), as: h.bob).status == 200)
        #expect(try await h.send("PROPFIND", "/calendars/bob/", headers: [("Depth", "1")], as: h.bob).properties()[Self.mount] == nil)
        let owner = try #require(try await h.send("PROPFIND", Self.calendar, headers: [("Depth", "0")], body: Self.props)
            .properties()[Self.calendar])
        #expect(owner[.calendarServer.invite]?.first(.calendarServer.user)?.first(.calendarServer.inviteDeclined) != nil)
    }

    @Test func sharingRefusalsChangeNothing() async throws {
        let h = try await SharedCalendarAccessTests.harness(role: .write)
        let record = try #require(try await h.store.calendar(ownerID: h.alice.id, slug: "calendar"))
        let before = try await h.store.grants(calendarID: record.id)
        // A write sharee may not share onwards (write-acl is the manage role's).
        let onwards = await post(h, Self.calendar, Self.share(
            "<CS:set><D:href>/principals/alice/</D:href><CS:read/></CS:set>"), as: h.bob)
        #expect(onwards.status == 403 && onwards.text.contains("need-privileges"), "\(onwards.text)")
        // Someone unknown: refused before anything changes, even with a valid change beside it.
        let unknown = await post(h, Self.calendar, Self.share("""
            <CS:remove><D:href>/principals/bob/</D:href></CS:remove>\
            <CS:set><D:href>mailto:nobody@example.com</D:href><CS:read/></CS:set>
            """), as: h.alice)
        #expect(unknown.status == 403 && unknown.text.contains("recognized-principal"), "\(unknown.text)")
        #expect(await post(h, Self.calendar, Self.share("<CS:set><D:href>/principals/bob/</D:href></CS:set>"),
                           as: h.alice).status == 400)
        #expect(await post(h, Self.calendar, "<x/>", as: h.alice).status == 415)
        #expect(try await h.store.grants(calendarID: record.id) == before)
        // A reply naming a calendar not shared with the user.
        let stray = await post(h, "/calendars/alice/", Self.reply(accept: true).replacingOccurrences(of: Self.calendar,
                                                                                                    with: "/calendars/bob/calendar/"), as: h.alice)
        #expect(stray.status == 403, "\(stray.text)")
        #expect(await h.send("OPTIONS", Self.calendar).headers["DAV"]?.contains("calendarserver-sharing") == true)
    }
}
