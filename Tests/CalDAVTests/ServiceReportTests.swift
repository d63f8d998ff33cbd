import CalDAV
import DAVXML
import Foundation
import Testing
import WebDAV

/// REPORTs end to end through the service: multiget, calendar-query, sync-collection, free-busy, principal search,
/// expand-property. Spec: RFC 4791 §7.8–7.10, RFC 6578 §3, RFC 3744 §9.4, RFC 3253 §3.8.
struct ServiceReportTests {
    let calendar = "/calendars/alice/calendar/"

    private func seed(_ h: ServiceHarness) async {
        _ = await h.put(calendar + "a.ics", ICS.event(uid: "a", summary: "Alpha", start: "20250310T090000Z", end: "20250310T100000Z"))
        _ = await h.put(calendar + "b.ics", ICS.event(uid: "b", summary: "Beta", start: "20250401T090000Z", end: "20250401T100000Z"))
        _ = await h.put(calendar + "weekly.ics", ICS.event(uid: "w", summary: "Weekly", start: "20240101T120000Z",
                                                         end: "20240101T130000Z", extra: "RRULE:FREQ=WEEKLY\r\n"))
        _ = await h.put(calendar + "t.ics", ICS.todo(uid: "t", summary: "Chore"))
    }

    @Test func multigetReturnsDataAnd404s() async throws {
        let h = try await ServiceHarness()
        await seed(h)
        let body = """
        <C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
        <D:prop><D:getetag/><C:calendar-data/></D:prop>
        <D:href>/calendars/alice/calendar/a.ics</D:href><D:href>/calendars/alice/calendar/missing.ics</D:href>
        </C:calendar-multiget>
        """
        let response = await h.send("REPORT", calendar, headers: [("Depth", "1")], body: body)
        #expect(response.status == 207)
        let props = try response.properties()
        #expect(props["/calendars/alice/calendar/a.ics"]?[.calDAV.calendarData]?.text.contains("SUMMARY:Alpha") == true)
        let statuses = try response.xml().all(.dav.response).compactMap { $0.first(.dav.status)?.text }
        #expect(statuses == ["HTTP/1.1 404 Not Found"])
    }

    @Test func timeRangeQueryFindsRecurringInstances() async throws {
        let h = try await ServiceHarness()
        await seed(h)
        let body = """
        <C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
        <D:prop><D:getetag/></D:prop>
        <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">
        <C:time-range start="20250301T000000Z" end="20250320T000000Z"/></C:comp-filter></C:comp-filter></C:filter>
        </C:calendar-query>
        """
        let response = await h.send("REPORT", calendar, headers: [("Depth", "1")], body: body)
        #expect(response.status == 207)
        #expect(Set(try response.hrefs()) == [calendar + "a.ics", calendar + "weekly.ics"])
    }

    /// RFC 4791 §9.7 has no time-range directly below VCALENDAR; python-caldav sends one for a search without a
    /// component type and Radicale answers it, so we match objects with any component in the window.
    @Test func timeRangeWithoutComponentType() async throws {
        let h = try await ServiceHarness()
        await seed(h)
        let body = """
        <C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
        <D:prop><D:getetag/></D:prop>
        <C:filter><C:comp-filter name="VCALENDAR">
        <C:time-range start="20250401T000000Z" end="20250402T000000Z"/></C:comp-filter></C:filter>
        </C:calendar-query>
        """
        let response = await h.send("REPORT", calendar, headers: [("Depth", "1")], body: body)
        #expect(response.status == 207)
        #expect(Set(try response.hrefs()) == [calendar + "b.ics", calendar + "t.ics"])  // a VTODO without dates spans all time (§9.9)
    }

    /// caldav-server-tester `search.text.comp-type-optional`: python-caldav's search with no component type puts the
    /// text-match prop-filter directly below VCALENDAR; it matches objects where any component's property matches,
    /// events and tasks alike, and is-not-defined there means no component has the property.
    @Test func textMatchWithoutComponentType() async throws {
        let h = try await ServiceHarness()
        await seed(h)
        func query(_ propFilter: String) async throws -> Set<String> {
            let body = """
            <C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/></D:prop>
            <C:filter><C:comp-filter name="VCALENDAR">\(propFilter)</C:comp-filter></C:filter>
            </C:calendar-query>
            """
            let response = await h.send("REPORT", calendar, headers: [("Depth", "1")], body: body)
            #expect(response.status == 207)
            return Set(try response.hrefs())
        }
        let summary = #"<C:prop-filter name="SUMMARY"><C:text-match collation="i;ascii-casemap">%@</C:text-match></C:prop-filter>"#
        #expect(try await query(summary.replacingOccurrences(of: "%@", with: "alp")) == [calendar + "a.ics"])
        #expect(try await query(summary.replacingOccurrences(of: "%@", with: "chore")) == [calendar + "t.ics"])
        #expect(try await query(summary.replacingOccurrences(of: "%@", with: "nothing")).isEmpty)
        #expect(try await query(#"<C:prop-filter name="RRULE"><C:is-not-defined/></C:prop-filter>"#)
                == [calendar + "a.ics", calendar + "b.ics", calendar + "t.ics"])
    }

    @Test func queryWithExpandReturnsInstances() async throws {
        let h = try await ServiceHarness()
        await seed(h)
        let body = """
        <C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
        <D:prop><C:calendar-data><C:expand start="20250301T000000Z" end="20250315T000000Z"/></C:calendar-data></D:prop>
        <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">
        <C:time-range start="20250301T000000Z" end="20250315T000000Z"/></C:comp-filter></C:comp-filter></C:filter>
        </C:calendar-query>
        """
        let response = await h.send("REPORT", calendar, headers: [("Depth", "1")], body: body)
        let data = try #require(try response.properties()[calendar + "weekly.ics"]?[.calDAV.calendarData]?.text)
        #expect(data.components(separatedBy: "BEGIN:VEVENT").count - 1 == 2)
        #expect(data.contains("RECURRENCE-ID:20250303T120000Z"))
        #expect(!data.contains("RRULE"))
    }

    @Test func textMatchAndTodoQueries() async throws {
        let h = try await ServiceHarness()
        await seed(h)
        let text = """
        <C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/></D:prop>
        <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"><C:prop-filter name="SUMMARY">
        <C:text-match collation="i;ascii-casemap">BETA</C:text-match></C:prop-filter></C:comp-filter></C:comp-filter></C:filter>
        </C:calendar-query>
        """
        #expect(try await h.send("REPORT", calendar, headers: [("Depth", "1")], body: text).hrefs() == [calendar + "b.ics"])
        let todos = """
        <C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/></D:prop>
        <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VTODO"/></C:comp-filter></C:filter>
        </C:calendar-query>
        """
        #expect(try await h.send("REPORT", calendar, headers: [("Depth", "1")], body: todos).hrefs() == [calendar + "t.ics"])
        let badCollation = text.replacingOccurrences(of: "i;ascii-casemap", with: "i;klingon")
        let refused = await h.send("REPORT", calendar, headers: [("Depth", "1")], body: badCollation)
        #expect(refused.status == 403)
        #expect(try refused.condition() == .calDAV.supportedCollation)
    }

    @Test func syncCollectionInitialIncrementalAndInvalid() async throws {
        let h = try await ServiceHarness()
        await seed(h)
        func sync(_ token: String, limit: Int? = nil) async -> DAVResponse {
            let limitXML = limit.map { "<D:limit><D:nresults>\($0)</D:nresults></D:limit>" } ?? ""
            return await h.send("REPORT", calendar, headers: [("Depth", "0")], body: """
                <D:sync-collection xmlns:D="DAV:"><D:sync-token>\(token)</D:sync-token><D:sync-level>1</D:sync-level>
                \(limitXML)<D:prop><D:getetag/></D:prop></D:sync-collection>
                """)
        }
        let initial = await sync("")
        #expect(initial.status == 207)
        #expect(try initial.hrefs().count == 4)
        let token = try #require(try initial.xml().first(.dav.syncToken)?.text)

        _ = await h.put(calendar + "a.ics", ICS.event(uid: "a", summary: "Alpha 2"))
        _ = await h.send("DELETE", calendar + "b.ics")
        let incremental = await sync(token)
        let responses = try incremental.xml().all(.dav.response)
        #expect(responses.count == 2)
        let deleted = responses.first { $0.first(.dav.href)?.text == calendar + "b.ics" }
        #expect(deleted?.first(.dav.status)?.text == "HTTP/1.1 404 Not Found")
        let next = try #require(try incremental.xml().first(.dav.syncToken)?.text)
        #expect(next != token)
        #expect(try await sync(next).hrefs().isEmpty)

        let limited = await sync("", limit: 2)
        let limitedResponses = try limited.xml().all(.dav.response)
        #expect(limitedResponses.contains { $0.first(.dav.status)?.text == "HTTP/1.1 507 Insufficient Storage" })

        let invalid = await sync("http://example.com/not-ours")
        #expect(invalid.status == 403)
        #expect(try invalid.condition() == .dav.validSyncToken)
    }

    @Test func freeBusyQuery() async throws {
        let h = try await ServiceHarness()
        await seed(h)
        let body = """
        <C:free-busy-query xmlns:C="urn:ietf:params:xml:ns:caldav">
        <C:time-range start="20250310T000000Z" end="20250311T000000Z"/></C:free-busy-query>
        """
        let response = await h.send("REPORT", calendar, headers: [("Depth", "1")], body: body)
        #expect(response.status == 200)
        #expect(response.text.contains("BEGIN:VFREEBUSY"))
        #expect(response.text.contains("20250310T090000Z/"))
        #expect(response.text.contains("20250310T120000Z/"))
    }

    @Test func principalPropertySearchFindsAttendees() async throws {
        let h = try await ServiceHarness()
        let body = """
        <D:principal-property-search xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
        <D:property-search><D:prop><D:displayname/></D:prop><D:match>build</D:match></D:property-search>
        <D:prop><D:displayname/><C:calendar-user-address-set/></D:prop></D:principal-property-search>
        """
        let response = await h.send("REPORT", "/principals/", headers: [("Depth", "0")], body: body)
        #expect(response.status == 207)
        #expect(try response.hrefs() == ["/principals/bob/"])
        let set = await h.send("REPORT", "/principals/", body: "<D:principal-search-property-set xmlns:D=\"DAV:\"/>")
        #expect(set.status == 200)
        #expect(try set.xml().all(.dav.principalSearchProperty).count == 3)
    }

    /// python-caldav's search_principals(): no property-search lists every principal.
    @Test func principalListingWithoutConditions() async throws {
        let h = try await ServiceHarness()
        let body = """
        <D:principal-property-search xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop/>\
        <C:calendar-home-set/><D:displayname/></D:principal-property-search>
        """
        let response = await h.send("REPORT", "/", body: body)
        #expect(response.status == 207)
        let props = try response.properties()
        #expect(Set(props.keys) == ["/principals/alice/", "/principals/bob/"])
        #expect(props["/principals/bob/"]?[.calDAV.calendarHomeSet]?.first(.dav.href)?.text == "/calendars/bob/")
    }

    @Test func expandPropertyFollowsHrefs() async throws {
        let h = try await ServiceHarness()
        let body = """
        <D:expand-property xmlns:D="DAV:"><D:property name="current-user-principal" namespace="DAV:">
        <D:property name="displayname" namespace="DAV:"/></D:property></D:expand-property>
        """
        let response = await h.send("REPORT", "/principals/alice/", headers: [("Depth", "0")], body: body)
        #expect(response.status == 207)
        let property = try response.properties()["/principals/alice/"]?[.dav.currentUserPrincipal]
        let nested = property?.first(.dav.response)
        #expect(nested?.first(.dav.href)?.text == "/principals/alice/")
        #expect(nested?.first(.dav.propstat)?.first(.dav.prop)?.first(.dav.displayname)?.text == "Alice Liddell")
    }

    @Test func unknownReportIsRefused() async throws {
        let h = try await ServiceHarness()
        let response = await h.send("REPORT", calendar, body: "<X:weird xmlns:X=\"urn:x\"/>")
        #expect(response.status == 403)
        #expect(try response.condition() == .dav.supportedReport)
    }
}
