import CalDAV
import CalendarStore
import DAVXML
import Testing
import WebDAV

/// Groups as principals: found by URL and by search like users, with their members, so clients can share with a
/// group and show who is in it.
/// Spec: RFC 3744 §4.3 (group-member-set), §4.4 (group-membership), §9.4 (principal-property-search), RFC 4791 §6.2 /
/// RFC 6638 §2.4.2 (calendar-user-type GROUP).
@Suite struct GroupPrincipalTests {
    static func harness() async throws -> ServiceHarness {
        let h = try await ServiceHarness()
        let team = try await h.store.createGroup(NewGroup(name: "team", displayName: "The Team", email: "team@example.com"))
        try await h.store.addMember(groupID: team.id, userID: h.bob.id)
        try await h.store.addMember(groupID: team.id, userID: h.alice.id)
        return h
    }

    static let propfind = """
        <?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">\
        <D:prop><D:resourcetype/><D:displayname/><D:group-member-set/><D:group-membership/><D:principal-URL/>\
        <C:calendar-user-type/><C:calendar-user-address-set/></D:prop></D:propfind>
        """

    @Test func aGroupIsAPrincipalWithItsMembers() async throws {
        let h = try await Self.harness()
        let response = await h.send("PROPFIND", "/principals/team/", headers: [("Depth", "0")], body: Self.propfind,
                                    as: h.bob)
        #expect(response.status == 207)
        let group = try #require(try response.properties()["/principals/team/"])
        #expect(group[.dav.resourcetype]?.first(.dav.principal) != nil)
        #expect(group[.dav.displayname]?.text == "The Team")
        #expect(Set(group[.dav.groupMemberSet]?.all(.dav.href).map(\.text) ?? [])
            == ["/principals/alice/", "/principals/bob/"])
        #expect(group[.calDAV.calendarUserType]?.text == "GROUP")
        #expect(group[.calDAV.calendarUserAddressSet]?.all(.dav.href).map(\.text).contains("mailto:team@example.com") == true)
        // A member's principal names the group.
        let bob = try #require(try await h.send("PROPFIND", "/principals/bob/", headers: [("Depth", "0")],
                                                body: Self.propfind, as: h.bob).properties()["/principals/bob/"])
        #expect(bob[.dav.groupMembership]?.all(.dav.href).map(\.text) == ["/principals/team/"])
        #expect(bob[.calDAV.calendarUserType]?.text == "INDIVIDUAL")
    }

    @Test func aMembershipChangeShowsAtOnce() async throws {
        let h = try await Self.harness()
        let team = try #require(try await h.store.group(named: "team"))
        try await h.store.removeMember(groupID: team.id, userID: h.bob.id)
        let group = try #require(try await h.send("PROPFIND", "/principals/team/", headers: [("Depth", "0")],
                                                  body: Self.propfind, as: h.bob).properties()["/principals/team/"])
        #expect(group[.dav.groupMemberSet]?.all(.dav.href).map(\.text) == ["/principals/alice/"])
    }

    @Test func principalPropertySearchFindsGroups() async throws {
        let h = try await Self.harness()
        let response = await h.send("REPORT", "/principals/", headers: [("Depth", "0")], body: """
            <?xml version="1.0" encoding="utf-8"?><D:principal-property-search xmlns:D="DAV:">\
            <D:property-search><D:prop><D:displayname/></D:prop><D:match>team</D:match></D:property-search>\
            <D:prop><D:displayname/><D:resourcetype/></D:prop></D:principal-property-search>
            """, as: h.bob)
        #expect(try response.hrefs() == ["/principals/team/"], "\(response.text)")
    }

    @Test func aGroupHasNoCalendarHomeAndItsPrincipalIsReadOnly() async throws {
        let h = try await Self.harness()
        #expect(await h.send("PROPFIND", "/calendars/team/", headers: [("Depth", "0")], as: h.bob).status == 403)
        let patch = await h.send("PROPPATCH", "/principals/team/", body: """
            <?xml version="1.0" encoding="utf-8"?><D:propertyupdate xmlns:D="DAV:"><D:set><D:prop>\
            <D:group-member-set><D:href>/principals/bob/</D:href></D:group-member-set></D:prop></D:set>\
            </D:propertyupdate>
            """, as: h.alice)
        #expect(patch.text.contains("cannot-modify-protected-property"))
        #expect(try await h.store.members(groupID: try #require(try await h.store.group(named: "team")).id).count == 2)
    }
}
