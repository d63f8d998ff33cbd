import CalDAV
import CalendarStore
import DAVXML
import ICalendar
import Testing
import WebDAV

/// The inbox's CALDAV:calendar-availability in free/busy answers, and PROPPATCH of the two scheduling properties.
/// Spec: RFC 7953 §4 (busy time from VAVAILABILITY, PRIORITY), §7.2.4 (calendar-availability on the inbox);
/// RFC 6638 §9.1 (schedule-calendar-transp); RFC 4918 §9.2 (PROPPATCH results).
struct OutboxFreeBusyAvailabilityTests {
    /// Office hours in the shape of the RFC 7953 §3.1 example: a VAVAILABILITY open-ended from its DTSTART with a
    /// weekly AVAILABLE, Monday to Friday 9:00–17:00 in America/Montreal; plus, as in the priority discussion of
    /// §4, a PRIORITY:1 VAVAILABILITY for a holiday (Tuesday 11 March) with no AVAILABLE, which overrides the office
    /// hours that day.
    static let officeHours = """
    BEGIN:VCALENDAR
    VERSION:2.0
    PRODID:-//Almanac//Tests//EN
    BEGIN:VAVAILABILITY
    UID:office@example.com
    DTSTAMP:20250101T000000Z
    DTSTART;TZID=America/Montreal:20250101T000000
    PRIORITY:9
    BEGIN:AVAILABLE
    UID:office-weekdays@example.com
    DTSTAMP:20250101T000000Z
    SUMMARY:Monday to Friday from 9:00 to 17:00
    DTSTART;TZID=America/Montreal:20250106T090000
    DTEND;TZID=America/Montreal:20250106T170000
    RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR
    END:AVAILABLE
    END:VAVAILABILITY
    BEGIN:VAVAILABILITY
    UID:holiday@example.com
    DTSTAMP:20250101T000000Z
    DTSTART;TZID=America/Montreal:20250311T000000
    DTEND;TZID=America/Montreal:20250312T000000
    PRIORITY:1
    SUMMARY:Private holiday
    END:VAVAILABILITY
    END:VCALENDAR
    """

    static func proppatch(_ h: ServiceHarness, _ path: String, _ property: String, as user: User) async
        -> DAVResponse {
        await h.send("PROPPATCH", path, body: """
        <D:propertyupdate xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop>
        \(property)
        </D:prop></D:set></D:propertyupdate>
        """, as: user)
    }

    /// (status line, condition) of each propstat.
    static func propstats(_ response: DAVResponse) throws -> [(String, XMLName?)] {
        #expect(response.status == 207)
        return try response.xml().first(.dav.response)?.all(.dav.propstat).map { propstat in
            (propstat.first(.dav.status)?.text ?? "", propstat.first(.dav.error)?.elements.first?.name)
        } ?? []
    }

    static func availability(_ text: String) -> String {
        "<C:calendar-availability>\(text)</C:calendar-availability>"
    }

    @Test func availabilityMakesTimeOutsideOfficeHoursUnavailable() async throws {
        let h = try await ServiceHarness()
        let set = await Self.proppatch(h, "/calendars/bob/inbox/", Self.availability(Self.officeHours), as: h.bob)
        #expect(try Self.propstats(set).map(\.0) == ["HTTP/1.1 200 OK"])
        // Montreal is on EDT (UTC-4) from 9 March 2025: office hours are 13:00Z–21:00Z.
        await OutboxFreeBusyTests.putEvent(h, h.bob, uid: "early", start: "20250310T120000Z", end: "20250310T133000Z",
                                           summary: "Early call")
        await OutboxFreeBusyTests.putEvent(h, h.bob, uid: "lunch", start: "20250310T160000Z", end: "20250310T170000Z",
                                           extra: "STATUS:TENTATIVE\r\n")

        let body = OutboxFreeBusyTests.request(attendees: ["mailto:bob@example.com"], start: "20250310T000000Z",
                                               end: "20250312T000000Z")
        let reply = try #require(try OutboxFreeBusyTests.replies(await OutboxFreeBusyTests.post(h, body)).first)
        #expect(reply.status == "2.0;Success")
        // The holiday (04:00Z 11 March to 04:00Z 12 March) joins the evening before and runs to the window's end.
        // The early call stays BUSY where it overlaps unavailable time (RFC 7953 §4: events add on top).
        #expect(try reply.periods() == [
            "BUSY-UNAVAILABLE 20250310T000000Z/20250310T130000Z",
            "BUSY 20250310T120000Z/20250310T133000Z",
            "BUSY-TENTATIVE 20250310T160000Z/20250310T170000Z",
            "BUSY-UNAVAILABLE 20250310T210000Z/20250312T000000Z",
        ])
        #expect(!reply.calendarData!.contains("holiday"))

        // Alice has no availability: her day is free.
        let alice = OutboxFreeBusyTests.request(attendees: ["mailto:alice@example.com"])
        #expect(try OutboxFreeBusyTests.replies(await OutboxFreeBusyTests.post(h, alice)).first?.periods() == [])
    }

    /// RFC 7953 §3.2: BUSYTYPE sets the type of the unavailable time.
    @Test func busyTypeOfTheVAvailabilityIsUsed() async throws {
        let h = try await ServiceHarness()
        let tentative = """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//Almanac//Tests//EN
        BEGIN:VAVAILABILITY
        UID:maybe@example.com
        DTSTAMP:20250101T000000Z
        BUSYTYPE:BUSY-TENTATIVE
        BEGIN:AVAILABLE
        UID:maybe-slot@example.com
        DTSTAMP:20250101T000000Z
        DTSTART:20250310T080000Z
        DURATION:PT10H
        END:AVAILABLE
        END:VAVAILABILITY
        END:VCALENDAR
        """
        let set = await Self.proppatch(h, "/calendars/bob/inbox/", Self.availability(tentative), as: h.bob)
        #expect(try Self.propstats(set).map(\.0) == ["HTTP/1.1 200 OK"])
        let body = OutboxFreeBusyTests.request(attendees: ["mailto:bob@example.com"])
        let reply = try #require(try OutboxFreeBusyTests.replies(await OutboxFreeBusyTests.post(h, body)).first)
        #expect(try reply.periods() == [
            "BUSY-TENTATIVE 20250310T000000Z/20250310T080000Z",
            "BUSY-TENTATIVE 20250310T180000Z/20250311T000000Z",
        ])
    }

    @Test func calendarAvailabilityIsValidated() async throws {
        let h = try await ServiceHarness()
        let refused = [
            "not iCalendar at all",
            ICS.event(uid: "e"),
            OutboxFreeBusyAvailabilityTests.officeHours.replacingOccurrences(
                of: "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", with: "RRULE:FREQ=SOMETIMES"),
            OutboxFreeBusyAvailabilityTests.officeHours.replacingOccurrences(
                of: "DTSTART;TZID=America/Montreal:20250106T090000\n", with: ""),
        ]
        for text in refused {
            let response = await Self.proppatch(h, "/calendars/bob/inbox/", Self.availability(text), as: h.bob)
            let results = try Self.propstats(response)
            #expect(results.count == 1)
            #expect(results.first?.0 == "HTTP/1.1 403 Forbidden")
            #expect(results.first?.1 == .calDAV.validCalendarData)
        }
        let accepted = await Self.proppatch(h, "/calendars/bob/inbox/", Self.availability(Self.officeHours), as: h.bob)
        #expect(try Self.propstats(accepted).map(\.0) == ["HTTP/1.1 200 OK"])
        let read = try await h.send("PROPFIND", "/calendars/bob/inbox/", headers: [("Depth", "0")], body: """
        <D:propfind xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><C:calendar-availability/>
        </D:prop></D:propfind>
        """, as: h.bob).properties()["/calendars/bob/inbox/"]
        #expect(read?[.calDAV.calendarAvailability]?.text.contains("UID:office@example.com") == true)
    }

    @Test func scheduleCalendarTranspIsValidatedAndHonoured() async throws {
        let h = try await ServiceHarness()
        await OutboxFreeBusyTests.putEvent(h, h.bob, uid: "busy", start: "20250310T090000Z", end: "20250310T100000Z")
        let request = OutboxFreeBusyTests.request(attendees: ["mailto:bob@example.com"])
        func periods() async throws -> [String] {
            try #require(try OutboxFreeBusyTests.replies(await OutboxFreeBusyTests.post(h, request)).first).periods()
        }
        #expect(try await periods() == ["BUSY 20250310T090000Z/20250310T100000Z"])

        let path = "/calendars/bob/calendar/"
        for invalid in ["<C:schedule-calendar-transp><C:opaque/><C:transparent/></C:schedule-calendar-transp>",
                        "<C:schedule-calendar-transp/>",
                        "<C:schedule-calendar-transp><C:sometimes/></C:schedule-calendar-transp>",
                        "<C:schedule-calendar-transp>transparent</C:schedule-calendar-transp>"] {
            let results = try Self.propstats(await Self.proppatch(h, path, invalid, as: h.bob))
            #expect(results.map(\.0) == ["HTTP/1.1 409 Conflict"], "\(invalid)")
        }
        #expect(try await periods() == ["BUSY 20250310T090000Z/20250310T100000Z"])

        let transparent = "<C:schedule-calendar-transp>\n <C:transparent/> </C:schedule-calendar-transp>"
        #expect(try Self.propstats(await Self.proppatch(h, path, transparent, as: h.bob)).map(\.0) == ["HTTP/1.1 200 OK"])
        let read = try await h.send("PROPFIND", path, headers: [("Depth", "0")], body: """
        <D:propfind xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><C:schedule-calendar-transp/>
        </D:prop></D:propfind>
        """, as: h.bob).properties()[path]
        #expect(read?[.calDAV.scheduleCalendarTransp]?.first(.calDAV.transparent) != nil)
        #expect(try await periods() == [])

        let opaque = "<C:schedule-calendar-transp><C:opaque/></C:schedule-calendar-transp>"
        #expect(try Self.propstats(await Self.proppatch(h, path, opaque, as: h.bob)).map(\.0) == ["HTTP/1.1 200 OK"])
        #expect(try await periods() == ["BUSY 20250310T090000Z/20250310T100000Z"])
    }
}
