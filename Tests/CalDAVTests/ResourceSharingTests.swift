import CalDAV
import CalendarStore
import DAVXML
import Testing
import WebDAV

/// The WebDAV resource sharing draft's flow: DAV:share-resource on the calendar, DAV:invite and DAV:share-access on
/// it, the sharee's DAV:invite-reply POSTed to the invitation notice, DAV:sharer-resource-uri on the mount, and
/// DAV:no-access to end the share. The same grants and notices as calendarserver-sharing, so either client sees
/// what the other did.
/// Spec: draft-pot-webdav-resource-sharing-04 §4.4, §5.2–5.4.
@Suite struct ResourceSharingTests {
    static let calendar = "/calendars/alice/calendar/"
    static let mount = "/calendars/bob/calendar_shared_by_alice/"
    static let props = """
        <?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:"><D:prop><D:invite/><D:share-access/>\
        <D:sharer-resource-uri/><D:notification-URL/><D:notificationtype/></D:prop></D:propfind>
        """

    static func shareResource(_ href: String, _ access: String) -> String {
        """
        <?xml version="1.0" encoding="utf-8"?><D:share-resource xmlns:D="DAV:"><D:sharee><D:href>\(href)</D:href>\
        <D:comment>Our plans</D:comment><D:share-access><D:\(access)/></D:share-access></D:sharee></D:share-resource>
        """
    }

    func post(_ h: ServiceHarness, _ path: String, _ body: String, as user: User) async -> DAVResponse {
        await h.send("POST", path, headers: [("Content-Type", "application/davsharing+xml; charset=utf-8")],
                     body: body, as: user)
    }

    @Test func shareAcceptAndEndWithTheDraftsRequests() async throws {
        let h = try await SharedCalendarAccessTests.harness(role: nil)
        #expect(await post(h, Self.calendar, Self.shareResource("/principals/bob/", "read"), as: h.alice).status == 200)
        let owner = try #require(try await h.send("PROPFIND", Self.calendar, headers: [("Depth", "0")], body: Self.props)
            .properties()[Self.calendar])
        #expect(owner[.dav.shareAccess]?.first(.dav.sharedOwner) != nil)
        let sharee = try #require(owner[.dav.invite]?.first(.dav.sharee))
        #expect(sharee.first(.dav.href)?.text == "mailto:bob@example.com")
        #expect(sharee.first(.dav.inviteNoresponse) != nil && sharee.first(.dav.shareAccess)?.first(.dav.read) != nil)

        // Bob finds the notice through DAV:notification-URL and answers it there.
        let principal = try #require(try await h.send("PROPFIND", "/principals/bob/", headers: [("Depth", "0")],
                                                      body: Self.props, as: h.bob).properties()["/principals/bob/"])
        let collection = try #require(principal[.dav.notificationURL]?.first(.dav.href)?.text)
        let listing = try await h.send("PROPFIND", collection, headers: [("Depth", "1")], body: Self.props, as: h.bob)
            .properties()
        let (notice, noticeProps) = try #require(listing.first { $0.key.hasSuffix(".xml") })
        #expect(noticeProps[.dav.notificationtype]?.first(.dav.shareInviteNotification) != nil)
        let answer = await post(h, notice, """
            <?xml version="1.0" encoding="utf-8"?><D:invite-reply xmlns:D="DAV:"><D:invite-accepted/></D:invite-reply>
            """, as: h.bob)
        #expect(answer.status == 200 && answer.headers["Location"] == Self.mount, "\(answer.text)")
        let mounted = try #require(try await h.send("PROPFIND", Self.mount, headers: [("Depth", "0")], body: Self.props,
                                                    as: h.bob).properties()[Self.mount])
        #expect(mounted[.dav.shareAccess]?.first(.dav.read) != nil)
        #expect(mounted[.dav.sharerResourceURI]?.first(.dav.href)?.text == Self.calendar)
        #expect(await h.send("GET", Self.mount + "public.ics", as: h.bob).status == 200)

        // The sharer upgrades bob, then ends the share with DAV:no-access.
        #expect(await post(h, Self.calendar, Self.shareResource("mailto:bob@example.com", "read-write"), as: h.alice).status == 200)
        #expect(await h.send("PUT", Self.mount + "bobs.ics", headers: [("Content-Type", "text/calendar")],
                             body: ICS.event(uid: "bobs"), as: h.bob).status == 201)
        #expect(await post(h, Self.calendar, Self.shareResource("/principals/bob/", "no-access"), as: h.alice).status == 200)
        #expect(await h.send("GET", Self.mount + "public.ics", as: h.bob).status == 403)
    }

    @Test func anAnswerMustComeFromTheInviteeToAnInvitation() async throws {
        let h = try await SharedCalendarAccessTests.harness(role: nil)
        #expect(await post(h, Self.calendar, Self.shareResource("/principals/bob/", "read"), as: h.alice).status == 200)
        let listing = try await h.send("PROPFIND", "/calendars/bob/notifications/", headers: [("Depth", "1")], as: h.bob)
            .properties()
        let notice = try #require(listing.keys.first { $0.hasSuffix(".xml") })
        // Alice cannot reach bob's notices at all; a body that is neither answer is a bad request.
        #expect(await post(h, notice, "<D:invite-reply xmlns:D=\"DAV:\"><D:invite-accepted/></D:invite-reply>",
                           as: h.alice).status == 403)
        #expect(await post(h, notice, "<D:invite-reply xmlns:D=\"DAV:\"/>", as: h.bob).status == 400)
        #expect(await post(h, Self.calendar, Self.shareResource("/principals/bob/", "all"), as: h.alice).status == 400)
    }
}
