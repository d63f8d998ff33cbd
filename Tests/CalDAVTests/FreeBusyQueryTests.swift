import CalDAV
import Calendaring
import DAVXML
import ICalendar
import ICalendarRecurrence
import Testing
import WebDAV

/// RFC 4791 §7.10 free-busy-query, with the §7.10.1 example on the Appendix B calendar.
@Suite struct FreeBusyQueryTests {
    static func query(_ start: String?, _ end: String?) -> XMLElement {
        XMLElement(XMLName.calDAV.freeBusyQuery, elements: [C.timeRange(start, end)])
    }

    var appendixBObjects: [Component] { appendixBNames.map(appendixBCalendar) }

    /// §7.10.1 as the request is written (20060104T140000Z to 20060105T220000Z): Event #3 is tentative, Event #2's
    /// moved instance and its 5 January instance are busy, and the stored VFREEBUSY adds its BUSY-UNAVAILABLE period
    /// on the 5th. (The response printed in the RFC stops at the first two periods, the 9:00–17:00 EST of its prose.)
    @Test func rfc4791_7_10_1() throws {
        let query = try FreeBusyQuery.parse(Self.query("20060104T140000Z", "20060105T220000Z"))
        let text = query.response(for: appendixBObjects, context: utcContext, now: utc("20060206T001102Z"))
        let calendar = parse(Array(text.utf8))
        #expect(calendar.property(.version)?.value == "2.0")
        let freeBusy = try #require(calendar.components(.vfreebusy).first)
        #expect(freeBusy.property(.dtstart)?.value == "20060104T140000Z")
        #expect(freeBusy.property(.dtend)?.value == "20060105T220000Z")
        #expect(freeBusy.property(.dtstamp)?.value == "20060206T001102Z")
        #expect(freeBusy.properties(.freebusy).map { "\($0[parameter: .fbtype] ?? "BUSY") \($0.value)" } == [
            "BUSY-TENTATIVE 20060104T150000Z/20060104T160000Z",
            "BUSY 20060104T190000Z/20060104T200000Z",
            "BUSY-UNAVAILABLE 20060105T100000Z/20060105T120000Z",
            "BUSY 20060105T170000Z/20060105T180000Z",
        ])
        #expect(query.window.start == seconds("20060104T140000Z"))
    }

    /// The §7.10.1 prose range, 9:00 to 17:00 EST on 4 January: the RFC's printed response.
    @Test func rfc4791_7_10_1_proseRange() throws {
        let query = try FreeBusyQuery.parse(Self.query("20060104T140000Z", "20060104T220000Z"))
        let result = query.result(for: appendixBObjects, context: utcContext)
        let expected = parse(fixtureBytes("freebusy/rfc4791-7.10.1-response.ics")).components(.vfreebusy)[0]
        let calculator = FreeBusyCalculator(context: utcContext)
        #expect(result.periods == (try calculator.busyPeriods(of: FreeBusyCandidate(component: expected))))
    }

    /// TRANSP:TRANSPARENT and STATUS:CANCELLED add no busy time; a cancelled override removes one instance.
    @Test func transparencyAndCancellation() throws {
        let query = try FreeBusyQuery.parse(Self.query("20240101T000000Z", "20240105T000000Z"))
        let objects = [
            parse(calendarBytes("BEGIN:VEVENT\nUID:t\nDTSTART:20240101T090000Z\nDTEND:20240101T100000Z\nTRANSP:TRANSPARENT\nEND:VEVENT")),
            parse(calendarBytes("BEGIN:VEVENT\nUID:c\nDTSTART:20240101T110000Z\nDTEND:20240101T120000Z\nSTATUS:CANCELLED\nEND:VEVENT")),
            parse(calendarBytes("""
                BEGIN:VEVENT\nUID:r\nDTSTART:20240101T130000Z\nDTEND:20240101T140000Z\nRRULE:FREQ=DAILY;COUNT=3\nEND:VEVENT
                BEGIN:VEVENT\nUID:r\nRECURRENCE-ID:20240102T130000Z\nDTSTART:20240102T130000Z\nDTEND:20240102T140000Z\nSTATUS:CANCELLED\nEND:VEVENT
                """)),
            parse(calendarBytes("BEGIN:VTODO\nUID:todo\nDTSTART:20240101T000000Z\nDUE:20240104T000000Z\nEND:VTODO")),
        ]
        #expect(query.result(for: objects, context: utcContext).periods.map(\.description) == [
            "BUSY 20240101T130000Z/20240101T140000Z",
            "BUSY 20240103T130000Z/20240103T140000Z",
        ])
    }

    @Test func invalidQueries() {
        func error(_ element: XMLElement) -> String { davError { () throws(DAVError) in try FreeBusyQuery.parse(element) } }
        #expect(error(Self.query("20060104T140000Z", nil)) == "400 -")
        #expect(error(Self.query("20060105T140000Z", "20060104T140000Z")) == "400 -")
        #expect(error(XMLElement(XMLName.calDAV.freeBusyQuery)) == "400 -")
        #expect(error(XMLElement(XMLName.calDAV.calendarQuery, elements: [C.timeRange("20060104T140000Z", "20060105T140000Z")])) == "400 -")
    }
}
