import Foundation
import CalDAV
import DAVXML
import Testing
import WebDAV

/// Discovery as clients do it: root → current-user-principal → calendar-home-set → calendars.
/// Spec: RFC 5397 §3, RFC 4791 §6.2.1, RFC 6764 §6.
struct ServiceDiscoveryTests {
    let propfindBody = """
    <?xml version="1.0"?><D:propfind xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
    <D:prop><D:current-user-principal/><C:calendar-home-set/><D:resourcetype/><D:displayname/></D:prop></D:propfind>
    """

    @Test func rootNamesThePrincipal() async throws {
        let h = try await ServiceHarness()
        let response = await h.send("PROPFIND", "/", headers: [("Depth", "0")], body: propfindBody)
        #expect(response.status == 207)
        let props = try response.properties()["/"]
        #expect(props?[.dav.currentUserPrincipal]?.first(.dav.href)?.text == "/principals/alice/")
    }

    @Test func principalNamesHomeAndAddresses() async throws {
        let h = try await ServiceHarness()
        let body = """
        <D:propfind xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop>
        <C:calendar-home-set/><C:calendar-user-address-set/><D:principal-URL/><D:displayname/><D:resourcetype/>
        </D:prop></D:propfind>
        """
        let response = await h.send("PROPFIND", "/principals/alice/", headers: [("Depth", "0")], body: body)
        let props = try #require(try response.properties()["/principals/alice/"])
        #expect(props[.calDAV.calendarHomeSet]?.first(.dav.href)?.text == "/calendars/alice/")
        #expect(props[.calDAV.calendarUserAddressSet]?.all(.dav.href).map(\.text).contains("mailto:alice@example.com") == true)
        #expect(props[.dav.principalURL]?.first(.dav.href)?.text == "/principals/alice/")
        #expect(props[.dav.displayname]?.text == "Alice Liddell")
        #expect(props[.dav.resourcetype]?.first(.dav.principal) != nil)
    }

    @Test func homeDepthOneListsTheDefaultCalendar() async throws {
        let h = try await ServiceHarness()
        let body = """
        <D:propfind xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:CS="http://calendarserver.org/ns/">
        <D:prop><D:resourcetype/><D:displayname/><C:supported-calendar-component-set/><CS:getctag/><D:sync-token/>
        <D:current-user-privilege-set/><D:quota-used-bytes/><D:quota-available-bytes/><D:supported-report-set/>
        <C:supported-calendar-data/><C:max-resource-size/><D:owner/></D:prop></D:propfind>
        """
        let response = await h.send("PROPFIND", "/calendars/alice/", headers: [("Depth", "1")], body: body)
        #expect(response.status == 207)
        let all = try response.properties()
        let calendar = try #require(all["/calendars/alice/calendar/"])
        #expect(calendar[.dav.resourcetype]?.first(.calDAV.calendar) != nil)
        #expect(calendar[.dav.displayname]?.text == "Calendar")
        #expect(calendar[.calDAV.supportedCalendarComponentSet]?.all(.calDAV.comp).compactMap { $0.attribute("name") } == ["VEVENT", "VTODO"])
        #expect(calendar[.calendarServer.getctag] != nil)
        #expect(calendar[.dav.syncToken]?.text.isEmpty == false)
        #expect(calendar[.dav.currentUserPrivilegeSet]?.all(.dav.privilege).isEmpty == false)
        #expect(calendar[.calDAV.maxResourceSize]?.text == "100000")
        #expect(calendar[.dav.owner]?.first(.dav.href)?.text == "/principals/alice/")
        #expect(all["/calendars/alice/"]?[.dav.quotaAvailableBytes] != nil)
    }

    @Test func unknownPropertiesAre404InTheirOwnPropstat() async throws {
        let h = try await ServiceHarness()
        let body = "<D:propfind xmlns:D=\"DAV:\"><D:prop><D:displayname/><X:nope xmlns:X=\"urn:x\"/></D:prop></D:propfind>"
        let response = await h.send("PROPFIND", "/calendars/alice/calendar/", headers: [("Depth", "0")], body: body)
        let statuses = try response.xml().first(.dav.response)?.all(.dav.propstat).compactMap { $0.first(.dav.status)?.text }
        #expect(statuses == ["HTTP/1.1 200 OK", "HTTP/1.1 404 Not Found"])
    }

    @Test func depthInfinityIsRefused() async throws {
        let h = try await ServiceHarness()
        let response = await h.send("PROPFIND", "/calendars/alice/", headers: [("Depth", "infinity")], body: propfindBody)
        #expect(response.status == 403)
        #expect(try response.condition() == .dav.propfindFiniteDepth)
        let missing = await h.send("PROPFIND", "/calendars/alice/", body: propfindBody)
        #expect(missing.status == 403)
        let bad = await h.send("PROPFIND", "/calendars/alice/", headers: [("Depth", "2")], body: propfindBody)
        #expect(bad.status == 400)
    }

    @Test func propnameAndAllprop() async throws {
        let h = try await ServiceHarness()
        let names = await h.send("PROPFIND", "/calendars/alice/calendar/", headers: [("Depth", "0")],
                                 body: "<D:propfind xmlns:D=\"DAV:\"><D:propname/></D:propfind>")
        let props = try #require(try names.properties()["/calendars/alice/calendar/"])
        #expect(props[.dav.displayname]?.children.isEmpty == true)
        #expect(props[.calendarServer.getctag] != nil)
        let all = await h.send("PROPFIND", "/calendars/alice/calendar/", headers: [("Depth", "0")], body: "")
        let allProps = try #require(try all.properties()["/calendars/alice/calendar/"])
        #expect(allProps[.dav.displayname]?.text == "Calendar")
        #expect(allProps[.dav.currentUserPrivilegeSet] == nil)
    }

    @Test func anotherUsersHomeIsForbidden() async throws {
        let h = try await ServiceHarness()
        let response = await h.send("PROPFIND", "/calendars/bob/", headers: [("Depth", "1")], body: propfindBody)
        #expect(response.status == 403)
        let object = await h.send("GET", "/calendars/bob/calendar/x.ics")
        #expect(object.status == 403)
        let put = await h.put("/calendars/bob/calendar/x.ics", ICS.event(uid: "x"))
        #expect(put.status == 403)
    }

    @Test func optionsAdvertisesCalendarAccess() async throws {
        let h = try await ServiceHarness()
        let response = await h.send("OPTIONS", "/calendars/alice/calendar/")
        #expect(response.status == 200)
        let dav = try #require(response.headers["DAV"])
        for token in ["1", "3", "calendar-access", "extended-mkcol", "sync-collection"] {
            #expect(dav.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.contains(token))
        }
        #expect(response.headers["Allow"]?.contains("REPORT") == true)
    }

    @Test func basePathPrefixesEveryHref() async throws {
        let h = try await ServiceHarness(basePath: "/dav")
        let response = await h.send("PROPFIND", "/principals/alice/", headers: [("Depth", "0")], body: propfindBody)
        let props = try #require(try response.properties()["/dav/principals/alice/"])
        #expect(props[.calDAV.calendarHomeSet]?.first(.dav.href)?.text == "/dav/calendars/alice/")
    }

    @Test func malformedBodiesAre400() async throws {
        let h = try await ServiceHarness()
        let response = await h.send("PROPFIND", "/", headers: [("Depth", "0")], body: "<D:propfind xmlns:D=\"DAV:\"><D:prop>")
        #expect(response.status == 400)
        let unknownMethod = await h.send("BREW", "/")
        #expect(unknownMethod.status == 405)
    }
}
