import CalDAV
import CalendarStore
import Calendaring
import DAVXML
import Foundation
import ICalendar
import ICalendarRecurrence
import Testing
import WebDAV

/// The index path of calendar-query gives exactly the answers of the full filter (RFC 4791 §9.7, §9.9) run on every
/// parsed object, over a varied calendar: recurring series with overrides and EXDATEs in several zones, all-day and
/// floating events, to-dos, journals, free-busy, a series cut short by the instance cap, text in several fields.
@Suite struct CalendarQueryEquivalenceTests {
    static let path = "/calendars/alice/all/"

    static let objects: [String: String] = [
        "zoned": "BEGIN:VEVENT\nUID:zoned\nDTSTAMP:20250101T000000Z\nDTSTART;TZID=Europe/Berlin:20250305T100000\nDTEND;TZID=Europe/Berlin:20250305T113000\nSUMMARY:Planning\nLOCATION:Room 1\nDESCRIPTION:Quarterly agenda\nEND:VEVENT",
        "weekly": """
            BEGIN:VEVENT\nUID:weekly\nDTSTAMP:20250101T000000Z\nDTSTART:20250106T120000Z\nDURATION:PT1H\nRRULE:FREQ=WEEKLY\nEXDATE:20250317T120000Z\nSUMMARY:Weekly standup\nATTENDEE;CN=Alice Liddell:mailto:alice@example.com\nEND:VEVENT
            BEGIN:VEVENT\nUID:weekly\nDTSTAMP:20250101T000000Z\nRECURRENCE-ID:20250324T120000Z\nDTSTART:20250325T080000Z\nDURATION:PT1H\nSUMMARY:Weekly (moved)\nEND:VEVENT
            """,
        "daily-ny": """
            BEGIN:VEVENT\nUID:daily-ny\nDTSTAMP:20250101T000000Z\nDTSTART;TZID=America/New_York:20250308T230000\nDURATION:PT2H\nRRULE:FREQ=DAILY;COUNT=10\nEXDATE;TZID=America/New_York:20250310T230000\nSUMMARY:Night shift\nEND:VEVENT
            BEGIN:VEVENT\nUID:daily-ny\nDTSTAMP:20250101T000000Z\nRECURRENCE-ID;TZID=America/New_York:20250312T230000\nDTSTART;TZID=America/New_York:20250313T090000\nDURATION:PT30M\nSUMMARY:Day shift\nEND:VEVENT
            """,
        "allday": "BEGIN:VEVENT\nUID:allday\nDTSTAMP:20250101T000000Z\nDTSTART;VALUE=DATE:20250315\nDTEND;VALUE=DATE:20250317\nSUMMARY:Trip to Straße\nEND:VEVENT",
        "floating": "BEGIN:VEVENT\nUID:floating\nDTSTAMP:20250101T000000Z\nDTSTART:20250320T220000\nDTEND:20250320T233000\nSUMMARY:Late call\nEND:VEVENT",
        "floating-monthly": "BEGIN:VEVENT\nUID:floating-monthly\nDTSTAMP:20250101T000000Z\nDTSTART:20250301T080000\nRRULE:FREQ=MONTHLY\nSUMMARY:Rent\nEND:VEVENT",
        "hourly": "BEGIN:VEVENT\nUID:hourly\nDTSTAMP:20250101T000000Z\nDTSTART:20250301T000000Z\nDURATION:PT10M\nRRULE:FREQ=HOURLY\nSUMMARY:Ping\nEND:VEVENT",
        "todo-due": "BEGIN:VTODO\nUID:todo-due\nDTSTAMP:20250101T000000Z\nDUE:20250318T170000Z\nSUMMARY:File taxes\nEND:VTODO",
        "todo-none": "BEGIN:VTODO\nUID:todo-none\nDTSTAMP:20250101T000000Z\nSUMMARY:Someday\nEND:VTODO",
        "journal": "BEGIN:VJOURNAL\nUID:journal\nDTSTAMP:20250101T000000Z\nDTSTART:20250311T120000Z\nSUMMARY:Notes\nEND:VJOURNAL",
        "journal-day": "BEGIN:VJOURNAL\nUID:journal-day\nDTSTAMP:20250101T000000Z\nDTSTART;VALUE=DATE:20250312\nSUMMARY:Diary\nEND:VJOURNAL",
    ]

    /// A calendar for every component type, filled through PUT (so the service indexes), the Appendix B objects too.
    static func seeded() async throws -> ServiceHarness {
        let h = try await ServiceHarness()
        _ = try await h.store.createCalendar(NewCalendar(ownerID: h.alice.id, slug: "all",
                                                         supportedComponents: ["VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY"]))
        for (name, body) in objects {
            let response = await h.put(path + name + ".ics", String(decoding: calendarBytes(body), as: UTF8.self))
            #expect(response.status == 201, "\(name)")
        }
        for name in appendixBNames {
            let response = await h.put(path + name + ".ics", String(decoding: appendixB(name), as: UTF8.self))
            #expect(response.status == 201, "\(name)")
        }
        return h
    }

    static func filters() -> [String] {
        var filters: [String] = []
        func range(_ type: String, _ start: String?, _ end: String?, _ more: String = "") -> String {
            let attributes = [start.map { "start=\"\($0)\"" }, end.map { "end=\"\($0)\"" }].compactMap { $0 }.joined(separator: " ")
            return "<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"\(type)\"><C:time-range \(attributes)/>\(more)</C:comp-filter></C:comp-filter>"
        }
        for day in 1...31 {
            let start = String(format: "202503%02dT000000Z", day), end = String(format: "202503%02dT120000Z", day)
            let next = day == 31 ? "20250401T000000Z" : String(format: "202503%02dT000000Z", day + 1)
            for type in ["VEVENT", "VTODO", "VJOURNAL"] { filters.append(range(type, start, next)) }
            filters.append(range("VEVENT", start, end))
            filters.append(range("VEVENT", end, next))
        }
        filters += [
            range("VEVENT", "20250301T000000Z", "20250401T000000Z"),
            range("VEVENT", nil, "20250306T000000Z"),
            range("VEVENT", "20250325T080000Z", nil),
            range("VEVENT", "20250324T120000Z", "20250324T130000Z"),
            range("VEVENT", "20250601T000000Z", "20250602T000000Z"),
            range("VEVENT", "20350106T000000Z", "20350113T000000Z"),
            range("VEVENT", "20060104T000000Z", "20060105T000000Z"),
            range("VTODO", "20060101T000000Z", "20060105T000000Z"),
            range("VFREEBUSY", "20060102T000000Z", "20060103T000000Z"),
            range("VEVENT", "20250301T000000Z", "20250401T000000Z", "<C:prop-filter name=\"SUMMARY\"><C:text-match>weekly</C:text-match></C:prop-filter>"),
            range("VEVENT", "20250301T000000Z", "20250401T000000Z", "<C:prop-filter name=\"ATTENDEE\"><C:text-match>alice</C:text-match></C:prop-filter>"),
            range("VEVENT", "20250301T000000Z", "20250401T000000Z", "<C:prop-filter name=\"LOCATION\"><C:text-match collation=\"i;octet\">room</C:text-match></C:prop-filter>"),
            range("VEVENT", "20250301T000000Z", "20250401T000000Z", "<C:prop-filter name=\"SUMMARY\"><C:text-match collation=\"i;unicode-casemap\">STRASSE</C:text-match></C:prop-filter>"),
            range("VEVENT", "20250301T000000Z", "20250401T000000Z", "<C:prop-filter name=\"SUMMARY\"><C:text-match negate-condition=\"yes\">weekly</C:text-match></C:prop-filter>"),
            "<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\"><C:prop-filter name=\"DESCRIPTION\"><C:text-match>AGENDA</C:text-match></C:prop-filter></C:comp-filter></C:comp-filter>",
            "<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\"><C:prop-filter name=\"ATTENDEE\"><C:text-match>lisa</C:text-match></C:prop-filter></C:comp-filter></C:comp-filter>",
            "<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VTODO\"/></C:comp-filter>",
            "<C:comp-filter name=\"VCALENDAR\"><C:time-range start=\"20250311T000000Z\" end=\"20250312T000000Z\"/></C:comp-filter>",
        ]
        return filters
    }

    /// The hrefs the full filter selects: every stored object parsed and matched, in name order.
    static func fullEvaluation(_ filterXML: String, store: any CalendarStore, calendarID: Int64, context: TimeContext) async throws -> [String] {
        let element = try XMLDocumentParser.parse(Array(CalendarQueryIndexTests.query(filterXML).utf8))
        let filter = try CalendarFilter.parse(try #require(element.first(.calDAV.filter)))
        return try await store.objects(calendarID: calendarID).compactMap { object in
            let calendar = try ICalendarParser(options: .lenient).parseCalendar(object.data)
            return filter.matches(calendar, context: context) ? path + object.name : nil
        }
    }

    @Test func indexAnswersEqualFullEvaluation() async throws {
        let h = try await Self.seeded()
        let calendar = try #require(try await h.store.calendar(ownerID: h.alice.id, slug: "all"))
        var nonEmpty = 0
        for filter in Self.filters() {
            let response = await h.send("REPORT", Self.path, headers: [("Depth", "1")], body: CalendarQueryIndexTests.query(filter))
            #expect(response.status == 207)
            let expected = try await Self.fullEvaluation(filter, store: h.store, calendarID: calendar.id, context: utcContext)
            #expect(try response.hrefs() == expected, "\(filter)")
            if !expected.isEmpty { nonEmpty += 1 }
        }
        #expect(nonEmpty > 100)
    }

    /// With a CALDAV:timezone the floating and all-day objects move; the exact ones do not.
    @Test func queryTimezoneMovesOnlyFloatingObjects() async throws {
        let h = try await Self.seeded()
        let calendar = try #require(try await h.store.calendar(ownerID: h.alice.id, slug: "all"))
        let timezone = "<C:timezone>\(CalendarZoneTests.newYork)</C:timezone>"
        let newYork = CalendarZone(calendarTimeZone: CalendarZoneTests.newYork, database: testDatabase).timeContext
        for day in 14...21 {
            let filter = "<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\"><C:time-range start=\"" +
                String(format: "202503%02dT030000Z", day) + "\" end=\"" + String(format: "202503%02dT030000Z", day + 1) +
                "\"/></C:comp-filter></C:comp-filter>"
            let response = await h.send("REPORT", Self.path, headers: [("Depth", "1")],
                                        body: CalendarQueryIndexTests.query(filter, timezone: timezone))
            let expected = try await Self.fullEvaluation(filter, store: h.store, calendarID: calendar.id, context: newYork)
            #expect(try response.hrefs() == expected, "\(day)")
        }
    }
}
