import CalDAV
import CalendarStore
import DAVXML
import Foundation
import ICalendar
import Testing
import WebDAV

/// calendar-query answered from the index (RFC 4791 §7.8, §9.9): pure time-ranges on exactly indexed objects are
/// decided without parsing, everything else is parsed and filtered, and both give the answers of the full filter.
@Suite struct CalendarQueryIndexTests {
    static let calendarPath = "/calendars/alice/calendar/"

    static func query(_ filter: String, prop: String = "<D:getetag/>", timezone: String = "") -> String {
        """
        <C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
        <D:prop>\(prop)</D:prop><C:filter>\(filter)</C:filter>\(timezone)
        </C:calendar-query>
        """
    }

    static func events(_ start: String, _ end: String) -> String {
        """
        <C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">\
        <C:time-range start="\(start)" end="\(end)"/></C:comp-filter></C:comp-filter>
        """
    }

    /// An object whose stored bytes (10 March) and index (1 May) disagree: for a pure time-range the exact index
    /// decides and the bytes are never read, so the object answers for May and not for March. An object with the
    /// same disagreement but an inexact index (widened, as floating intervals are) is parsed, and its bytes decide.
    @Test func exactIndexDecidesWithoutParsing() async throws {
        let h = try await ServiceHarness()
        let calendar = try #require(try await h.store.calendar(ownerID: h.alice.id, slug: "calendar"))
        let march = Array(ICS.event(uid: "x", start: "20250310T090000Z", end: "20250310T100000Z").utf8)
        let may = InstanceInterval(start: seconds("20250501T100000Z"), end: seconds("20250501T110000Z"))
        // An inexact VEVENT index holds floating intervals, which the indexer widens by a day and more each side.
        let widened = InstanceInterval(start: may.start - 26 * 3_600, end: may.end + 26 * 3_600)
        for (name, exact) in [("exact.ics", true), ("inexact.ics", false)] {
            let interval = exact ? may : widened
            let index = ObjectIndex(uid: name, componentType: "VEVENT", firstStart: interval.start, lastEnd: interval.end,
                                    instances: [interval], horizon: nil, isExact: exact)
            _ = try await h.store.putObject(calendarID: calendar.id, name: name, data: march, index: index, precondition: .none)
        }
        let inMay = await h.send("REPORT", Self.calendarPath, headers: [("Depth", "1")],
                                 body: Self.query(Self.events("20250501T000000Z", "20250502T000000Z"), prop: "<D:getetag/><C:calendar-data/>"))
        #expect(inMay.status == 207)
        #expect(try inMay.hrefs() == [Self.calendarPath + "exact.ics"])
        // calendar-data is the stored bytes, as they are.
        let data = try inMay.properties()[Self.calendarPath + "exact.ics"]?[.calDAV.calendarData]?.text
        #expect(data == String(decoding: march, as: UTF8.self))
        let inMarch = await h.send("REPORT", Self.calendarPath, headers: [("Depth", "1")],
                                   body: Self.query(Self.events("20250310T000000Z", "20250311T000000Z")))
        #expect(try inMarch.hrefs() == [])
        // Any other test in the filter means parsing: the bytes say March, not May.
        let withText = """
            <C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">\
            <C:time-range start="20250501T000000Z" end="20250502T000000Z"/>\
            <C:prop-filter name="SUMMARY"><C:text-match>Meeting</C:text-match></C:prop-filter></C:comp-filter></C:comp-filter>
            """
        let parsed = await h.send("REPORT", Self.calendarPath, headers: [("Depth", "1")], body: Self.query(withText))
        #expect(try parsed.hrefs() == [])
    }

    /// More candidates than one store page: the streamed multistatus holds every match once, in name order.
    @Test func answersSpanSeveralPages() async throws {
        let h = try await ServiceHarness()
        var expected: [String] = []
        for number in 0..<450 {
            let name = String(format: "e%03d.ics", number)
            let day = number % 3 == 0 ? "20250410" : "20250310"
            _ = await h.put(Self.calendarPath + name, ICS.event(uid: name, start: day + "T090000Z", end: day + "T100000Z"))
            if number % 3 != 0 { expected.append(Self.calendarPath + name) }
        }
        let response = await h.send("REPORT", Self.calendarPath, headers: [("Depth", "1")],
                                    body: Self.query(Self.events("20250301T000000Z", "20250401T000000Z")))
        #expect(response.status == 207)
        #expect(try response.hrefs() == expected)
    }

    /// Depth 0 on a calendar asks about the collection itself, which is no calendar object.
    @Test func depthZeroOnCalendarIsEmpty() async throws {
        let h = try await ServiceHarness()
        _ = await h.put(Self.calendarPath + "a.ics", ICS.event(uid: "a"))
        let response = await h.send("REPORT", Self.calendarPath, headers: [("Depth", "0")],
                                    body: Self.query(Self.events("20250301T000000Z", "20250401T000000Z")))
        #expect(try response.hrefs() == [])
    }

    /// A query on an object resource answers for that object alone.
    @Test func queryOnObjectResource() async throws {
        let h = try await ServiceHarness()
        _ = await h.put(Self.calendarPath + "a.ics", ICS.event(uid: "a"))
        let hit = await h.send("REPORT", Self.calendarPath + "a.ics", body: Self.query(Self.events("20250310T000000Z", "20250311T000000Z")))
        #expect(try hit.hrefs() == [Self.calendarPath + "a.ics"])
        let miss = await h.send("REPORT", Self.calendarPath + "a.ics", body: Self.query(Self.events("20250410T000000Z", "20250411T000000Z")))
        #expect(try miss.hrefs() == [])
    }
}
