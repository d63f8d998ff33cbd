import CalDAV
import Calendaring
import DAVXML
import Testing
import WebDAV

/// RFC 7529 through the service: rules in other calendar scales are stored, indexed and expanded; unsupported scales
/// are refused with CALDAV:supported-rscale; calendars and the home advertise CALDAV:supported-rscale-set.
struct RScaleServiceTests {
    let calendar = "/calendars/alice/calendar/"
    /// RFC 7529 §4.3.3: 8 Adar I, moved to 8 Adar in common years (2015-02-27, 2016-02-17, 2017-03-06 ...).
    let adar = ICS.event(uid: "adar", summary: "Adar I", start: "20140208T180000Z", end: "20140208T190000Z",
                         extra: "RRULE:RSCALE=HEBREW;FREQ=YEARLY;BYMONTH=5L;BYMONTHDAY=8;SKIP=FORWARD\r\n")

    private func query(_ h: ServiceHarness, from start: String, to end: String, expand: Bool = false) async -> DAVResponse {
        let data = expand ? #"<C:calendar-data><C:expand start="\#(start)" end="\#(end)"/></C:calendar-data>"# : "<D:getetag/>"
        let body = """
        <C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
        <D:prop>\(data)</D:prop>
        <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">
        <C:time-range start="\(start)" end="\(end)"/></C:comp-filter></C:comp-filter></C:filter>
        </C:calendar-query>
        """
        return await h.send("REPORT", calendar, headers: [("Depth", "1")], body: body)
    }

    /// §5.3 and §4.3.3: a Hebrew-calendar event is accepted and found by time range in the Hebrew year's date.
    @Test func hebrewEventIsStoredAndFoundByTimeRange() async throws {
        let h = try await ServiceHarness()
        #expect(await h.put(calendar + "adar.ics", adar).status == 201)
        #expect(try await query(h, from: "20170301T000000Z", to: "20170310T000000Z").hrefs() == [calendar + "adar.ics"])
        #expect(try await query(h, from: "20170201T000000Z", to: "20170301T000000Z").hrefs() == [])
        #expect(try await query(h, from: "20160215T000000Z", to: "20160220T000000Z").hrefs() == [calendar + "adar.ics"])
    }

    /// RFC 4791 §9.6.5 expand with an RSCALE rule: the instances are the Hebrew dates, at DTSTART's time.
    @Test func hebrewEventExpands() async throws {
        let h = try await ServiceHarness()
        _ = await h.put(calendar + "adar.ics", adar)
        let response = await query(h, from: "20150101T000000Z", to: "20170401T000000Z", expand: true)
        let data = try #require(try response.properties()[calendar + "adar.ics"]?[.calDAV.calendarData]?.text)
        let ids = data.split(separator: "\r\n").filter { $0.hasPrefix("RECURRENCE-ID") }
        #expect(ids == ["RECURRENCE-ID:20150227T180000Z", "RECURRENCE-ID:20160217T180000Z", "RECURRENCE-ID:20170306T180000Z"])
        #expect(!data.contains("RRULE"))
    }

    /// §4.3.4: a leap-day birthday with SKIP=FORWARD is on March 1st in common years.
    @Test func leapDayBirthdayWithSkip() async throws {
        let h = try await ServiceHarness()
        let birthday = ICS.event(uid: "leap", summary: "Birthday", start: "20120229T120000Z", end: "20120229T130000Z",
                                 extra: "RRULE:RSCALE=GREGORIAN;FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;SKIP=FORWARD\r\n")
        #expect(await h.put(calendar + "leap.ics", birthday).status == 201)
        #expect(try await query(h, from: "20250301T000000Z", to: "20250302T000000Z").hrefs() == [calendar + "leap.ics"])
        #expect(try await query(h, from: "20250228T000000Z", to: "20250301T000000Z").hrefs() == [])
    }

    /// §5.3: an RSCALE the server does not support is refused with 403 CALDAV:supported-rscale, naming the scale.
    @Test func unsupportedScaleIsRefused() async throws {
        let h = try await ServiceHarness()
        let klingon = ICS.event(uid: "k", extra: "RRULE:RSCALE=KLINGON;FREQ=YEARLY\r\n")
        let response = await h.put(calendar + "k.ics", klingon)
        #expect(response.status == 403)
        #expect(try response.condition() == .calDAV.supportedRscale)
        #expect(await h.send("GET", calendar + "k.ics").status == 404)
        let validator = CalendarObjectValidator(maxResourceSize: 100_000, supportedComponents: ["VEVENT"])
        #expect {
            _ = try validator.validate(data: Array(klingon.utf8), contentType: "text/calendar")
        } throws: { error in
            guard let error = (error as? CalendaringError)?.davError else { return false }
            return error.condition == .calDAV.supportedRscale && error.message.contains("KLINGON")
        }
        // A malformed rule is still invalid calendar data, whatever its scale.
        let malformed = ICS.event(uid: "m", extra: "RRULE:FREQ=YEARLY;SKIP=FORWARD\r\n")
        #expect(try await h.put(calendar + "m.ics", malformed).condition() == .calDAV.validCalendarData)
    }

    /// §5.2: calendars and the calendar home list the supported scales; allprop leaves the property out.
    @Test func supportedRscaleSetIsAdvertised() async throws {
        let h = try await ServiceHarness()
        let body = """
        <D:propfind xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><C:supported-rscale-set/></D:prop></D:propfind>
        """
        for path in [calendar, "/calendars/alice/"] {
            let props = try #require(try await h.send("PROPFIND", path, headers: [("Depth", "0")], body: body).properties()[path])
            let scales = try #require(props[.calDAV.supportedRscaleSet]).all(.calDAV.supportedRscale).map(\.text)
            #expect(scales.contains("GREGORIAN") && scales.contains("HEBREW") && scales.contains("CHINESE")
                    && scales.contains("ISLAMIC-CIVIL"), "\(path)")
        }
        let allprop = await h.send("PROPFIND", calendar, headers: [("Depth", "0")],
                                   body: #"<D:propfind xmlns:D="DAV:"><D:allprop/></D:propfind>"#)
        #expect(try allprop.properties()[calendar]?[.calDAV.supportedRscaleSet] == nil)
        let proppatch = await h.send("PROPPATCH", calendar, body: """
            <D:propertyupdate xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop>
            <C:supported-rscale-set><C:supported-rscale>KLINGON</C:supported-rscale></C:supported-rscale-set>
            </D:prop></D:set></D:propertyupdate>
            """)
        #expect(proppatch.status == 207 && proppatch.text.contains("403"))
    }
}
