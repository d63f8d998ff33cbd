import CalDAV
import DAVXML
import Foundation
import Testing
import WebDAV

/// MKCALENDAR, extended MKCOL, PROPPATCH atomicity and DELETE of calendars.
/// Spec: RFC 4791 §5.3.1, RFC 5689 §5, RFC 4918 §9.2.
struct ServiceCollectionTests {
    let mkcalendar = """
    <?xml version="1.0" encoding="utf-8" ?>
    <C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:A="http://apple.com/ns/ical/">
      <D:set><D:prop>
        <D:displayname>Lisa's Events</D:displayname>
        <C:calendar-description xml:lang="en">Calendar restricted to events.</C:calendar-description>
        <C:supported-calendar-component-set><C:comp name="VEVENT"/></C:supported-calendar-component-set>
        <A:calendar-color>#FF0000FF</A:calendar-color>
        <X:custom xmlns:X="urn:example">kept</X:custom>
      </D:prop></D:set>
    </C:mkcalendar>
    """

    @Test func mkcalendarWithInitialProperties() async throws {
        let h = try await ServiceHarness()
        let created = await h.send("MKCALENDAR", "/calendars/alice/events/", body: mkcalendar)
        #expect(created.status == 201)
        let body = """
        <D:propfind xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:A="http://apple.com/ns/ical/">
        <D:prop><D:displayname/><C:calendar-description/><C:supported-calendar-component-set/><A:calendar-color/>
        <X:custom xmlns:X="urn:example"/></D:prop></D:propfind>
        """
        let props = try #require(try await h.send("PROPFIND", "/calendars/alice/events/", headers: [("Depth", "0")], body: body)
            .properties()["/calendars/alice/events/"])
        #expect(props[.dav.displayname]?.text == "Lisa's Events")
        #expect(props[.calDAV.calendarDescription]?.text == "Calendar restricted to events.")
        #expect(props[.apple.calendarColor]?.text == "#FF0000FF")
        #expect(props[XMLName("urn:example", "custom")]?.text == "kept")
        #expect(props[.calDAV.supportedCalendarComponentSet]?.all(.calDAV.comp).count == 1)

        let again = await h.send("MKCALENDAR", "/calendars/alice/events/", body: mkcalendar)
        #expect(again.status == 405)
        let todo = await h.put("/calendars/alice/events/t.ics", ICS.todo(uid: "t"))
        #expect(try todo.condition() == .calDAV.supportedCalendarComponent)
    }

    @Test func extendedMkcolCreatesCalendars() async throws {
        let h = try await ServiceHarness()
        let body = """
        <D:mkcol xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop>
        <D:resourcetype><D:collection/><C:calendar/></D:resourcetype><D:displayname>Family</D:displayname>
        </D:prop></D:set></D:mkcol>
        """
        #expect(await h.send("MKCOL", "/calendars/alice/family/", body: body).status == 201)
        let plain = await h.send("MKCOL", "/calendars/alice/plain/")
        #expect(plain.status == 403)
        let nested = await h.send("MKCALENDAR", "/calendars/alice/calendar/inner/")
        #expect(nested.status >= 400)
    }

    @Test func proppatchIsAtomic() async throws {
        let h = try await ServiceHarness()
        let failing = """
        <D:propertyupdate xmlns:D="DAV:" xmlns:CS="http://calendarserver.org/ns/"><D:set><D:prop>
        <D:displayname>Renamed</D:displayname><CS:getctag>1</CS:getctag></D:prop></D:set></D:propertyupdate>
        """
        let response = await h.send("PROPPATCH", "/calendars/alice/calendar/", body: failing)
        #expect(response.status == 207)
        let statuses = try response.xml().first(.dav.response)?.all(.dav.propstat).compactMap { $0.first(.dav.status)?.text }
        #expect(statuses?.contains("HTTP/1.1 424 Failed Dependency") == true)
        #expect(statuses?.contains("HTTP/1.1 403 Forbidden") == true)
        let name = try await h.send("PROPFIND", "/calendars/alice/calendar/", headers: [("Depth", "0")],
                                    body: "<D:propfind xmlns:D=\"DAV:\"><D:prop><D:displayname/></D:prop></D:propfind>")
            .properties()["/calendars/alice/calendar/"]?[.dav.displayname]?.text
        #expect(name == "Calendar")

        let ok = """
        <D:propertyupdate xmlns:D="DAV:" xmlns:A="http://apple.com/ns/ical/"><D:set><D:prop>
        <D:displayname>Renamed</D:displayname><A:calendar-order>3</A:calendar-order></D:prop></D:set>
        <D:remove><D:prop><A:calendar-color/></D:prop></D:remove></D:propertyupdate>
        """
        let applied = await h.send("PROPPATCH", "/calendars/alice/calendar/", body: ok)
        #expect(applied.status == 207)
        let renamed = try await h.send("PROPFIND", "/calendars/alice/calendar/", headers: [("Depth", "0")],
                                       body: "<D:propfind xmlns:D=\"DAV:\"><D:prop><D:displayname/></D:prop></D:propfind>")
            .properties()["/calendars/alice/calendar/"]?[.dav.displayname]?.text
        #expect(renamed == "Renamed")
    }

    @Test func invalidCalendarTimezoneIsRefused() async throws {
        let h = try await ServiceHarness()
        let body = """
        <D:propertyupdate xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop>
        <C:calendar-timezone>not a calendar</C:calendar-timezone></D:prop></D:set></D:propertyupdate>
        """
        let response = await h.send("PROPPATCH", "/calendars/alice/calendar/", body: body)
        let status = try response.xml().first(.dav.response)?.first(.dav.propstat)?.first(.dav.status)?.text
        #expect(status?.contains("403") == true)
    }

    @Test func deletingACalendarRemovesItsObjects() async throws {
        let h = try await ServiceHarness()
        #expect(await h.send("MKCALENDAR", "/calendars/alice/tmp/").status == 201)
        #expect(await h.put("/calendars/alice/tmp/a.ics", ICS.event(uid: "a")).status == 201)
        #expect(await h.send("DELETE", "/calendars/alice/tmp/").status == 204)
        #expect(await h.send("GET", "/calendars/alice/tmp/a.ics").status == 404)
        #expect(await h.send("MKCALENDAR", "/calendars/alice/tmp/").status == 201)
        #expect(await h.send("GET", "/calendars/alice/tmp/a.ics").status == 404)
    }
}
