import CalDAV
import CalendarStore
import DAVXML
import ICalendar
import Testing
import WebDAV

/// PROPFIND Depth 1, calendar GET and multiget over calendars larger than one page (500 objects).
/// Spec: RFC 4918 §9.1, RFC 4791 §7.9, RFC 5545 §3.4 and §3.6.5.
@Suite struct StreamedListingTests {
    private static let propfindETags = """
        <D:propfind xmlns:D="DAV:"><D:prop><D:getetag/><D:resourcetype/></D:prop></D:propfind>
        """

    /// 1,000 objects: two full pages, then an empty one that ends the listing.
    @Test func propfindDepthOneListsEveryMemberAfterTheCalendar() async throws {
        let h = try await ServiceHarness()
        await Listing.seed(h, 0..<1_000)
        let response = await Listing.raw(h, "PROPFIND", Listing.calendar, headers: [("Depth", "1")],
                                         body: Self.propfindETags)
        #expect(response.status == 207 && response.stream != nil)
        let collected = try await response.collected()
        let hrefs = try collected.hrefs()
        let stored = try await Listing.stored(h)
        #expect(hrefs == [Listing.calendar] + stored.keys.sorted())
        let properties = try collected.properties()
        #expect(properties[Listing.calendar]?[.dav.resourcetype]?.first(.calDAV.calendar) != nil)
        for (href, etag) in stored { #expect(properties[href]?[.dav.getetag]?.text == etag) }
    }

    /// 1,101 objects with calendar-data: three pages, the last one short; each object's bytes as stored.
    @Test func propfindWithCalendarDataReturnsTheStoredBytes() async throws {
        let h = try await ServiceHarness()
        await Listing.seed(h, 0..<1_101)
        let response = await h.send("PROPFIND", Listing.calendar, headers: [("Depth", "1")], body: """
            <D:propfind xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/><C:calendar-data/>
            </D:prop></D:propfind>
            """)
        let properties = try response.properties()
        #expect(properties.count == 1_102)
        let calendar = try await Listing.calendarRecord(h)
        for object in try await h.store.objects(calendarID: calendar.id) {
            #expect(properties[Listing.href(object.name)]?[.calDAV.calendarData]?.text
                    == String(decoding: object.data, as: UTF8.self))
        }
    }

    @Test func propfindDepthZeroAndOtherCollectionsStayInMemory() async throws {
        let h = try await ServiceHarness()
        await Listing.seed(h, 0..<3)
        let zero = await Listing.raw(h, "PROPFIND", Listing.calendar, headers: [("Depth", "0")], body: Self.propfindETags)
        #expect(zero.stream == nil)
        #expect(try zero.hrefs() == [Listing.calendar])
        let home = await Listing.raw(h, "PROPFIND", "/calendars/alice/", headers: [("Depth", "1")], body: Self.propfindETags)
        #expect(home.stream == nil)
        // The home lists the calendars, the scheduling inbox (created on first access), the outbox and the
        // notification collection.
        #expect(try home.hrefs().sorted() == ["/calendars/alice/", Listing.calendar, "/calendars/alice/inbox/",
                                             "/calendars/alice/outbox/", "/calendars/alice/notifications/"].sorted())
        let missing = await Listing.raw(h, "PROPFIND", "/calendars/alice/nothing/", headers: [("Depth", "1")])
        #expect(missing.status == 404)
    }

    // MARK: - GET of a calendar

    /// The export across three pages holds what the whole-calendar exporter of before wrote: the same calendar
    /// properties, every component once, each VTIMEZONE once (one first used on the second page).
    @Test func calendarGetAcrossPagesMatchesTheWholeCalendarExport() async throws {
        let h = try await ServiceHarness()
        for number in 0..<1_100 {
            let zone = number % 100 == 0 ? Zones.plusOne : (number >= 600 && number % 100 == 50 ? Zones.minusFive : nil)
            let body = zone.map { Zones.event(uid: "uid-\(number)", zone: $0) } ?? ICS.event(uid: "uid-\(number)")
            #expect(await h.put(Listing.href(Listing.name(number)), body).status == 201)
        }
        let response = await Listing.raw(h, "GET", Listing.calendar)
        #expect(response.status == 200 && response.stream != nil)
        #expect(response.headers["Content-Type"] == "text/calendar; charset=utf-8")
        let calendar = try await Listing.calendarRecord(h)
        #expect(response.headers["ETag"] == "\"\(calendar.id)-\(calendar.revision)\"")
        let streamed = try ICalendarParser().parseCalendar(try await response.collected().body)

        let objects = try await h.store.objects(calendarID: calendar.id).map(\.data)
        let whole = try ICalendarParser().parseCalendar(Self.legacyExport(objects, name: calendar.displayName))
        #expect(streamed.properties == whole.properties)
        let members = { (c: Component) in c.components.filter { $0.name != .vtimezone }.map(\.canonicalForm).sorted() }
        #expect(members(streamed) == members(whole) && members(streamed).count == 1_100)
        let zones = { (c: Component) in c.components(.vtimezone).map(\.canonicalForm).sorted() }
        #expect(zones(streamed) == zones(whole) && zones(streamed).count == 2)
    }

    /// A calendar within one page is byte for byte what the exporter wrote before streaming.
    @Test func smallCalendarGetIsByteCompatible() async throws {
        let h = try await ServiceHarness()
        _ = await h.put(Listing.href("a.ics"), Zones.event(uid: "a", zone: Zones.plusOne))
        _ = await h.put(Listing.href("b.ics"), ICS.event(uid: "b"))
        _ = await h.put(Listing.href("c.ics"), Zones.event(uid: "c", zone: Zones.plusOne))
        _ = await h.put(Listing.href("d.ics"), ICS.todo(uid: "d"))
        let calendar = try await Listing.calendarRecord(h)
        let objects = try await h.store.objects(calendarID: calendar.id).map(\.data)
        let body = await h.send("GET", Listing.calendar).body
        #expect(body == Self.legacyExport(objects, name: calendar.displayName))

        let head = await Listing.raw(h, "HEAD", Listing.calendar)
        #expect(head.status == 200 && head.headers["ETag"] == "\"\(calendar.id)-\(calendar.revision)\"")
        #expect(head.headers["Content-Length"] == nil)
    }

    @Test func emptyCalendarGetIsAnEmptyVCalendar() async throws {
        let h = try await ServiceHarness()
        let body = await h.send("GET", Listing.calendar).body
        #expect(body == Self.legacyExport([], name: "Calendar"))
    }

    /// The exporter as it was before streaming: every VTIMEZONE (first per TZID) ahead of every component.
    static func legacyExport(_ objects: [[UInt8]], name: String) -> [UInt8] {
        var zones: [Component] = [], components: [Component] = [], seen: Set<String> = []
        for data in objects {
            guard let calendar = try? ICalendarParser(options: .lenient).parseCalendar(data) else { continue }
            for component in calendar.components {
                if component.name != .vtimezone { components.append(component); continue }
                if let tzid = component.property(.tzid)?.text, seen.insert(tzid).inserted { zones.append(component) }
            }
        }
        let properties = [Property(name: .version, value: "2.0"), Property(name: .prodid, value: "-//Almanac//CalDAV Server//EN"),
                          Property(name: .calscale, value: "GREGORIAN"), Property(name: .xWRCalname, text: name)]
        return ICalendarSerializer().serialize(Component(name: .vcalendar, properties: properties,
                                                         components: zones + components))
    }

    // MARK: - Multiget

    /// A plain calendar-data is the stored bytes, never parsed: even bytes no parser accepts come back as they are
    /// (data stored before validation existed).
    @Test func multigetCalendarDataIsTheStoredBytesUnparsed() async throws {
        let h = try await ServiceHarness()
        await Listing.seed(h, 0..<2)
        let calendar = try await Listing.calendarRecord(h)
        let good = try #require(try await h.store.object(calendarID: calendar.id, name: Listing.name(0)))
        let garbage = Array("BEGIN:VCALENDAR\r\nnot a content line\r\n".utf8)
        _ = try await h.store.putObject(calendarID: calendar.id, name: "legacy.ics", data: garbage,
                                        index: good.index.withUID("legacy"), precondition: .none)
        let response = await h.send("REPORT", Listing.calendar, headers: [("Depth", "1")], body: """
            <C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
            <D:prop><D:getetag/><C:calendar-data/></D:prop>
            <D:href>\(Listing.href("legacy.ics"))</D:href><D:href>\(Listing.href(Listing.name(0)))</D:href>
            <D:href>\(Listing.href("missing.ics"))</D:href></C:calendar-multiget>
            """)
        #expect(try response.hrefs() == [Listing.href("legacy.ics"), Listing.href(Listing.name(0)), Listing.href("missing.ics")])
        let properties = try response.properties()
        #expect(properties[Listing.href("legacy.ics")]?[.calDAV.calendarData]?.text == String(decoding: garbage, as: UTF8.self))
        #expect(properties[Listing.href(Listing.name(0))]?[.calDAV.calendarData]?.text
                == String(decoding: good.data, as: UTF8.self))
    }
}

/// Two made-up zones, each defined by the VTIMEZONE inside the objects that use it.
enum Zones {
    static let plusOne = ("Test/Plus-One", "+0100")
    static let minusFive = ("Test/Minus-Five", "-0500")

    static func event(uid: String, zone: (tzid: String, offset: String)) -> String {
        """
        BEGIN:VCALENDAR\r
        VERSION:2.0\r
        PRODID:-//Almanac//Tests//EN\r
        BEGIN:VTIMEZONE\r
        TZID:\(zone.tzid)\r
        BEGIN:STANDARD\r
        DTSTART:19700101T000000\r
        TZOFFSETFROM:\(zone.offset)\r
        TZOFFSETTO:\(zone.offset)\r
        END:STANDARD\r
        END:VTIMEZONE\r
        BEGIN:VEVENT\r
        UID:\(uid)\r
        DTSTAMP:20250101T000000Z\r
        DTSTART;TZID=\(zone.tzid):20250310T090000\r
        DTEND;TZID=\(zone.tzid):20250310T100000\r
        SUMMARY:Zoned \(uid)\r
        END:VEVENT\r
        END:VCALENDAR\r

        """
    }
}

private extension ObjectIndex {
    func withUID(_ uid: String) -> ObjectIndex {
        var copy = self
        copy.uid = uid
        return copy
    }
}
