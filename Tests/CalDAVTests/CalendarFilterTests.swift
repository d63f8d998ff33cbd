import CalDAV
import CalendarStore
import Calendaring
import DAVXML
import ICalendar
import ICalendarRecurrence
import Testing
import WebDAV

/// RFC 4791 §9.7 filters, run on the Appendix B calendar data set with the queries of §7.8.
@Suite struct CalendarFilterTests {
    /// The Appendix B objects a filter selects, in resource order.
    func select(_ element: XMLElement, context: TimeContext = utcContext) throws -> [String] {
        let filter = try CalendarFilter.parse(element)
        return appendixBNames.filter { filter.matches(appendixBCalendar($0), context: context) }
    }

    func events(in start: String, _ end: String) -> XMLElement {
        C.filter(C.comp("VCALENDAR", C.comp("VEVENT", C.timeRange(start, end))))
    }

    /// §7.8.1: events overlapping 4 January 2006 (UTC): Event #2's moved instance and Event #3.
    @Test func rfc4791_7_8_1_eventsByTimeRange() throws {
        #expect(try select(events(in: "20060104T000000Z", "20060105T000000Z")) == ["abcd2", "abcd3"])
    }

    /// §7.8.2 and §7.8.3 use the range 3 to 5 January: Event #2 has instances on the 3rd and 4th.
    @Test func rfc4791_7_8_3_eventsOverTwoDays() throws {
        #expect(try select(events(in: "20060103T000000Z", "20060105T000000Z")) == ["abcd2", "abcd3"])
    }

    /// Recurrence is matched instance by instance: Event #2's 4 January instance moved from 17:00Z to 19:00Z, so
    /// 17:00–18:00Z that day matches nothing, 19:00–20:00Z matches the override, and 6 January the master.
    @Test func overridesAndInstances() throws {
        #expect(try select(events(in: "20060104T170000Z", "20060104T180000Z")) == [])
        #expect(try select(events(in: "20060104T190000Z", "20060104T200000Z")) == ["abcd2"])
        #expect(try select(events(in: "20060106T173000Z", "20060106T174500Z")) == ["abcd2"])
        #expect(try select(events(in: "20060107T000000Z", "20060108T000000Z")) == [])
    }

    /// EXDATE removes an instance from matching.
    @Test func exdate() throws {
        let calendar = parse(calendarBytes("""
            BEGIN:VEVENT\nUID:x\nDTSTART:20240101T100000Z\nDURATION:PT1H\nRRULE:FREQ=DAILY;COUNT=3\nEXDATE:20240102T100000Z\nEND:VEVENT
            """))
        let day2 = try CalendarFilter.parse(events(in: "20240102T000000Z", "20240103T000000Z"))
        let day3 = try CalendarFilter.parse(events(in: "20240103T000000Z", "20240104T000000Z"))
        #expect(!day2.matches(calendar, context: utcContext))
        #expect(day3.matches(calendar, context: utcContext))
    }

    /// §7.8.4: stored VFREEBUSY overlapping 2 January.
    @Test func rfc4791_7_8_4_freeBusyByTimeRange() throws {
        #expect(try select(C.filter(C.comp("VCALENDAR", C.comp("VFREEBUSY", C.timeRange("20060102T000000Z", "20060103T000000Z"))))) == ["abcd8"])
    }

    /// §7.8.5: to-dos by alarm time. With Task #2 as the §7.8.5 response shows it (DUE 12:00 US/Eastern, alarm 10
    /// minutes before the due time), it matches. Appendix B itself gives Task #2 a DATE due (alarm at 23:50 the day
    /// before, floating), which the RFC's range misses: the two parts of the RFC disagree.
    @Test func rfc4791_7_8_5_todosByAlarm() throws {
        let filter = C.filter(C.comp("VCALENDAR", C.comp("VTODO", C.comp("VALARM", C.timeRange("20060106T100000Z", "20060107T100000Z")))))
        let task2 = parse(calendarBytes("""
            BEGIN:VTODO\nDTSTAMP:20060205T235300Z\nDUE;TZID=US/Eastern:20060106T120000\nSTATUS:NEEDS-ACTION\nSUMMARY:Task #2
            UID:E10BA47467C5C69BB74E8720@example.com\nBEGIN:VALARM\nACTION:AUDIO\nTRIGGER;RELATED=START:-PT10M\nEND:VALARM\nEND:VTODO
            """))
        #expect(try CalendarFilter.parse(filter).matches(task2, context: utcContext))
        #expect(try select(filter) == [])
        // The Appendix B Task #2, due on the DATE 20060106: its alarm fires at 20060105T235000 floating.
        let evening = C.filter(C.comp("VCALENDAR", C.comp("VTODO", C.comp("VALARM", C.timeRange("20060105T234500Z", "20060105T235500Z")))))
        #expect(try select(evening) == ["abcd5"])
    }

    /// Alarms of a recurring event fire once per instance.
    @Test func alarmOfRecurringEvent() throws {
        let calendar = parse(calendarBytes("""
            BEGIN:VEVENT\nUID:r\nDTSTART:20240101T100000Z\nRRULE:FREQ=DAILY;COUNT=10
            BEGIN:VALARM\nACTION:DISPLAY\nTRIGGER:-P1D\nEND:VALARM\nEND:VEVENT
            """))
        func alarm(_ start: String, _ end: String) throws -> Bool {
            try CalendarFilter.parse(C.filter(C.comp("VCALENDAR", C.comp("VEVENT", C.comp("VALARM", C.timeRange(start, end))))))
                .matches(calendar, context: utcContext)
        }
        #expect(try alarm("20240105T095959Z", "20240105T100001Z"))  // the alarm of the 6 January instance
        #expect(try !alarm("20240110T100001Z", "20240111T000000Z"))  // after the last one (10 January instance's alarm: 9th)
        #expect(try alarm("20240109T100000Z", "20240109T100001Z"))
    }

    /// §7.8.6: the event with a given UID (i;octet).
    @Test func rfc4791_7_8_6_byUID() throws {
        let filter = C.filter(C.comp("VCALENDAR", C.comp("VEVENT", C.prop("UID",
            C.text("text-match", ["collation": "i;octet"], "DC6C50A017428C5216A2F1CD@example.com")))))
        #expect(try select(filter) == ["abcd3"])
    }

    /// §7.8.7: events where lisa's participation status is NEEDS-ACTION.
    @Test func rfc4791_7_8_7_byAttendeeAndPartstat() throws {
        let filter = C.filter(C.comp("VCALENDAR", C.comp("VEVENT", C.prop("ATTENDEE",
            C.text("text-match", ["collation": "i;ascii-casemap"], "mailto:lisa@example.com"),
            C.el("param-filter", ["name": "PARTSTAT"], C.text("text-match", ["collation": "i;ascii-casemap"], "NEEDS-ACTION"))))))
        #expect(try select(filter) == ["abcd3"])
        let accepted = C.filter(C.comp("VCALENDAR", C.comp("VEVENT", C.prop("ATTENDEE",
            C.text("text-match", [:], "LISA@example.com"),
            C.el("param-filter", ["name": "PARTSTAT"], C.text("text-match", [:], "ACCEPTED"))))))
        #expect(try select(accepted) == [])
    }

    /// §7.8.8: events only.
    @Test func rfc4791_7_8_8_eventsOnly() throws {
        #expect(try select(C.filter(C.comp("VCALENDAR", C.comp("VEVENT")))) == ["abcd1", "abcd2", "abcd3"])
    }

    /// §7.8.9: pending to-dos: no COMPLETED, and STATUS not CANCELLED.
    @Test func rfc4791_7_8_9_pendingTodos() throws {
        let filter = C.filter(C.comp("VCALENDAR", C.comp("VTODO",
            C.prop("COMPLETED", C.isNotDefined),
            C.prop("STATUS", C.text("text-match", ["negate-condition": "yes"], "CANCELLED")))))
        #expect(try select(filter) == ["abcd4", "abcd5"])
    }

    /// §7.8.10: a collation the server does not support.
    @Test func rfc4791_7_8_10_unsupportedCollation() {
        let filter = C.filter(C.comp("VCALENDAR", C.comp("VEVENT", C.prop("DESCRIPTION",
            C.text("text-match", ["collation": "i;ascii-numeric"], "1")))))
        #expect(davError { () throws(DAVError) in try CalendarFilter.parse(filter) } == "403 supported-collation")
    }

    @Test func collations() {
        #expect(TextCollation.asciiCasemap.contains("Event #2 bis", "EVENT #2"))
        #expect(!TextCollation.octet.contains("Event #2 bis", "EVENT #2"))
        #expect(TextCollation.octet.contains("Event #2 bis", "#2 b"))
        #expect(!TextCollation.asciiCasemap.contains("Ärger", "ä"))
        #expect(TextCollation.unicodeCasemap.contains("Ärger im Büro", "äRGER"))
        #expect(TextCollation.asciiCasemap.contains("anything", ""))
    }

    /// Description contains "steelers" (DESCRIPTION is written "Description:" in abcd1; names are case-insensitive).
    @Test func textMatchOnDescription() throws {
        let filter = C.filter(C.comp("VCALENDAR", C.comp("VEVENT", C.prop("DESCRIPTION", C.text("text-match", [:], "steelers")))))
        #expect(try select(filter) == ["abcd1"])
    }

    /// is-not-defined on a component and on a parameter.
    @Test func isNotDefined() throws {
        #expect(try select(C.filter(C.comp("VCALENDAR", C.comp("VTIMEZONE", C.isNotDefined)))) == ["abcd4", "abcd5", "abcd6", "abcd7", "abcd8"])
        let chairless = C.filter(C.comp("VCALENDAR", C.comp("VEVENT", C.prop("ATTENDEE", C.el("param-filter", ["name": "ROLE"], C.isNotDefined)))))
        #expect(try select(chairless) == ["abcd3"])  // lisa has no ROLE
    }

    /// test="anyof": Event #1 by its summary, or Event #3 by its status.
    @Test func anyOf() throws {
        let filter = C.filter(C.comp("VCALENDAR", C.el("comp-filter", ["name": "VEVENT", "test": "anyof"],
            C.prop("SUMMARY", C.text("text-match", [:], "Event #1")),
            C.prop("STATUS", C.text("text-match", [:], "TENTATIVE")))))
        #expect(try select(filter) == ["abcd1", "abcd3"])
    }

    /// A prop-filter time-range on a date property: to-dos completed in December 2005.
    @Test func propertyTimeRange() throws {
        let filter = C.filter(C.comp("VCALENDAR", C.comp("VTODO", C.prop("COMPLETED", C.timeRange("20051201T000000Z", "20060101T000000Z")))))
        #expect(try select(filter) == ["abcd6"])
    }

    /// Floating times and DATEs are read in the calendar's zone (§7.3): Task #1 is due 20060104 (a DATE).
    @Test func floatingTimesFollowTheCalendarZone() throws {
        let filter = C.filter(C.comp("VCALENDAR", C.comp("VTODO", C.timeRange("20060104T030000Z", "20060104T060000Z"))))
        let newYork = CalendarZone(calendarTimeZone: CalendarZoneTests.newYork, database: testDatabase).timeContext
        #expect(try select(filter, context: newYork) == ["abcd4"])
        #expect(try select(filter, context: utcContext) == [])
    }

    @Test func invalidFilters() {
        let invalid = "403 valid-filter"
        let cases: [XMLElement] = [
            C.filter(),
            C.filter(C.comp("VEVENT")),
            C.filter(C.comp("VCALENDAR", C.comp("VTODO", C.comp("VEVENT")))),
            C.filter(C.comp("VCALENDAR", C.comp("VEVENT", C.prop("SUMMARY", C.timeRange("20060104T000000Z", nil))))),
            C.filter(C.comp("VCALENDAR", C.comp("VEVENT", C.timeRange(nil, nil)))),
            C.filter(C.comp("VCALENDAR", C.comp("VEVENT", C.timeRange("20060105T000000Z", "20060104T000000Z")))),
            C.filter(C.comp("VCALENDAR", C.comp("VEVENT", C.timeRange("tomorrow", nil)))),
            C.filter(C.comp("VCALENDAR", C.comp("VTIMEZONE", C.timeRange("20060104T000000Z", nil)))),
            C.filter(C.comp("VCALENDAR", C.el("comp-filter"))),
            C.filter(C.comp("VCALENDAR", C.comp("VEVENT", C.isNotDefined, C.prop("SUMMARY")))),
            C.filter(C.comp("VCALENDAR", C.comp("VEVENT", C.prop("SUMMARY", C.text("text-match", ["negate-condition": "maybe"], "x"))))),
        ]
        for element in cases {
            #expect(davError { () throws(DAVError) in try CalendarFilter.parse(element) } == invalid, "\(element)")
        }
    }

    /// The store query: the component type and window of the single comp-filter below VCALENDAR.
    @Test func objectQueryTypeAndWindow() throws {
        let ranged = try CalendarFilter.parse(events(in: "20060104T000000Z", "20060105T000000Z")).objectQuery
        #expect(ranged == ObjectQuery(componentType: "VEVENT",
                                      window: TimeWindow(start: seconds("20060104T000000Z"), end: seconds("20060105T000000Z"))))
        let typed = try CalendarFilter.parse(C.filter(C.comp("VCALENDAR", C.comp("VTODO")))).objectQuery
        #expect(typed == ObjectQuery(componentType: "VTODO"))
        let any = try CalendarFilter.parse(C.filter(C.comp("VCALENDAR"))).objectQuery
        #expect(any == ObjectQuery())
        let alarm = try CalendarFilter.parse(C.filter(C.comp("VCALENDAR", C.comp("VTODO", C.comp("VALARM", C.timeRange("20060106T100000Z", nil)))))).objectQuery
        #expect(alarm == ObjectQuery(componentType: "VTODO"))
        let either = try CalendarFilter.parse(C.filter(C.comp("VCALENDAR", C.el("comp-filter", ["name": "VEVENT", "test": "anyof"],
            C.timeRange("20060104T000000Z", nil), C.prop("SUMMARY"))))).objectQuery
        #expect(either == ObjectQuery(componentType: "VEVENT"))
    }
}
