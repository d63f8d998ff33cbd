import CalDAV
import Calendaring
import DAVXML
import ICalendar
import ICalendarRecurrence
import Testing
import WebDAV

/// RFC 4791 §9.6 calendar-data: partial retrieval, expansion and limits, with the §7.8 examples on Appendix B.
@Suite struct CalendarDataRequestTests {
    func render(_ element: XMLElement, _ name: String, context: TimeContext = utcContext) throws -> Component {
        let request = try CalendarDataRequest.parse(element)
        let text = request.render(calendar: appendixBCalendar(name), original: appendixB(name), context: context)
        return parse(Array(text.utf8))
    }

    func expectSame(_ actual: Component, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let wanted = parse(ics(expected))
        #expect(actual.isSemanticallyEqual(to: wanted), "got:\n\(actual.serialized)", sourceLocation: sourceLocation)
    }

    static func calendarData(_ children: XMLElement...) -> XMLElement {
        XMLElement(XMLName.calDAV.calendarData, elements: children)
    }

    static func comp(_ name: String, _ children: XMLElement...) -> XMLElement {
        XMLElement(XMLName.calDAV.comp, attributes: [XMLAttribute("name", name)], elements: children)
    }

    static func prop(_ name: String, novalue: Bool = false) -> XMLElement {
        XMLElement(XMLName.calDAV.prop, attributes: [XMLAttribute("name", name)] + (novalue ? [XMLAttribute("novalue", "yes")] : []))
    }

    /// Without comp, expand or limits the stored bytes come back untouched.
    @Test func wholeObjectIsTheOriginal() throws {
        let request = try CalendarDataRequest.parse(Self.calendarData())
        #expect(request.returnsOriginal)
        let original = Array("BEGIN:VCALENDAR\nX-KEPT:as sent\n".utf8) + appendixB("abcd1").dropFirst(17)
        #expect(request.render(calendar: appendixBCalendar("abcd1"), original: original, context: utcContext) == String(decoding: original, as: UTF8.self))
    }

    /// §7.8.1: VERSION, selected VEVENT properties, and the VTIMEZONE whole (an empty comp element).
    @Test func rfc4791_7_8_1_partialRetrieval() throws {
        let element = Self.calendarData(Self.comp("VCALENDAR", Self.prop("VERSION"),
            Self.comp("VEVENT", Self.prop("SUMMARY"), Self.prop("UID"), Self.prop("DTSTART"), Self.prop("DTEND"), Self.prop("DURATION"),
                      Self.prop("RRULE"), Self.prop("RDATE"), Self.prop("EXRULE"), Self.prop("EXDATE"), Self.prop("RECURRENCE-ID")),
            Self.comp("VTIMEZONE")))
        let timezone = appendixBCalendar("abcd2").components(.vtimezone)[0].serialized
        expectSame(try render(element, "abcd2"), """
            BEGIN:VCALENDAR
            VERSION:2.0
            \(timezone)BEGIN:VEVENT
            DTSTART;TZID=US/Eastern:20060102T120000
            DURATION:PT1H
            RRULE:FREQ=DAILY;COUNT=5
            SUMMARY:Event #2
            UID:00959BC664CA650E933C892C@example.com
            END:VEVENT
            BEGIN:VEVENT
            DTSTART;TZID=US/Eastern:20060104T140000
            DURATION:PT1H
            RECURRENCE-ID;TZID=US/Eastern:20060104T120000
            SUMMARY:Event #2 bis
            UID:00959BC664CA650E933C892C@example.com
            END:VEVENT
            END:VCALENDAR
            """)
        expectSame(try render(element, "abcd3"), """
            BEGIN:VCALENDAR
            VERSION:2.0
            \(timezone)BEGIN:VEVENT
            DTSTART;TZID=US/Eastern:20060104T100000
            DURATION:PT1H
            SUMMARY:Event #3
            UID:DC6C50A017428C5216A2F1CD@example.com
            END:VEVENT
            END:VCALENDAR
            """)
    }

    /// §9.6.4 novalue, §9.6.2–9.6.3 allcomp and allprop.
    @Test func novalueAllpropAllcomp() throws {
        let element = Self.calendarData(Self.comp("VCALENDAR", XMLElement(XMLName.calDAV.allprop),
            Self.comp("VEVENT", Self.prop("ATTENDEE", novalue: true), Self.prop("UID"))))
        let text = try CalendarDataRequest.parse(element).render(calendar: appendixBCalendar("abcd3"), original: appendixB("abcd3"), context: utcContext)
        #expect(text.contains("ATTENDEE;PARTSTAT=NEEDS-ACTION:\r\n"))
        #expect(text.contains("PRODID:-//Example Corp.//CalDAV Client//EN\r\n"))
        #expect(!text.contains("VTIMEZONE") && !text.contains("SUMMARY"))
        let everything = Self.calendarData(Self.comp("VCALENDAR", XMLElement(XMLName.calDAV.allprop), XMLElement(XMLName.calDAV.allcomp)))
        #expect(try render(everything, "abcd3").isSemanticallyEqual(to: appendixBCalendar("abcd3")))
    }

    /// §7.8.2: limit-recurrence-set keeps the master and the overrides that affect the range.
    @Test func rfc4791_7_8_2_limitRecurrenceSet() throws {
        func limit(_ start: String, _ end: String) throws -> Component {
            try render(Self.calendarData(XMLElement(XMLName.calDAV.limitRecurrenceSet, attributes: [XMLAttribute("start", start), XMLAttribute("end", end)])), "abcd2")
        }
        #expect(try limit("20060103T000000Z", "20060105T000000Z").isSemanticallyEqual(to: appendixBCalendar("abcd2")))
        let later = try limit("20060105T000000Z", "20060107T000000Z")
        #expect(later.components(.vevent).count == 1)
        #expect(later.components(.vevent)[0].property(.recurrenceID) == nil)
        #expect(later.components(.vtimezone).count == 1)
        // The override moved 17:00Z to 19:00Z: a range holding only its original time still keeps it.
        #expect(try limit("20060104T163000Z", "20060104T173000Z").components(.vevent).count == 2)
    }

    /// §7.8.3: expand 3 to 5 January into instances in UTC, without VTIMEZONE or recurrence properties.
    @Test func rfc4791_7_8_3_expand() throws {
        let element = Self.calendarData(XMLElement(XMLName.calDAV.expand, attributes: [XMLAttribute("start", "20060103T000000Z"), XMLAttribute("end", "20060105T000000Z")]))
        expectSame(try render(element, "abcd2"), """
            BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:-//Example Corp.//CalDAV Client//EN
            BEGIN:VEVENT
            DTSTAMP:20060206T001121Z
            DTSTART:20060103T170000Z
            DURATION:PT1H
            RECURRENCE-ID:20060103T170000Z
            SUMMARY:Event #2
            UID:00959BC664CA650E933C892C@example.com
            END:VEVENT
            BEGIN:VEVENT
            DTSTAMP:20060206T001121Z
            DTSTART:20060104T190000Z
            DURATION:PT1H
            RECURRENCE-ID:20060104T170000Z
            SUMMARY:Event #2 bis
            UID:00959BC664CA650E933C892C@example.com
            END:VEVENT
            END:VCALENDAR
            """)
        expectSame(try render(element, "abcd3"), """
            BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:-//Example Corp.//CalDAV Client//EN
            BEGIN:VEVENT
            ATTENDEE;PARTSTAT=ACCEPTED;ROLE=CHAIR:mailto:cyrus@example.com
            ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:lisa@example.com
            DTSTAMP:20060206T001220Z
            DTSTART:20060104T150000Z
            DURATION:PT1H
            LAST-MODIFIED:20060206T001330Z
            ORGANIZER:mailto:cyrus@example.com
            SEQUENCE:1
            STATUS:TENTATIVE
            SUMMARY:Event #3
            UID:DC6C50A017428C5216A2F1CD@example.com
            END:VEVENT
            END:VCALENDAR
            """)
    }

    /// Expansion keeps DATEs and floating times (they name no zone), moves DTEND and DUE, and drops EXDATE'd instances.
    @Test func expandAllDayAndTodo() throws {
        let request = try CalendarDataRequest.parse(Self.calendarData(XMLElement(XMLName.calDAV.expand,
            attributes: [XMLAttribute("start", "20240102T000000Z"), XMLAttribute("end", "20240104T000000Z")])))
        let allDay = parse(calendarBytes("""
            BEGIN:VEVENT\nUID:a\nDTSTART;VALUE=DATE:20240101\nDTEND;VALUE=DATE:20240102\nRRULE:FREQ=DAILY;COUNT=5\nEXDATE;VALUE=DATE:20240103\nEND:VEVENT
            """))
        let expanded = parse(Array(request.render(calendar: allDay, original: [], context: utcContext).utf8))
        #expect(expanded.components.map { $0.property(.dtstart)?.value } == ["20240102"])
        #expect(expanded.components[0].property(.dtend)?.value == "20240103")
        #expect(expanded.components[0].property(.recurrenceID)?.value == "20240102")
        let todo = parse(calendarBytes("""
            BEGIN:VTODO\nUID:t\nDTSTART;TZID=Europe/Berlin:20240101T090000\nDUE;TZID=Europe/Berlin:20240101T100000\nRRULE:FREQ=DAILY\nEND:VTODO
            """))
        let todos = parse(Array(request.render(calendar: todo, original: [], context: utcContext).utf8))
        #expect(todos.components.map { $0.property(.dtstart)?.value } == ["20240102T080000Z", "20240103T080000Z"])
        #expect(todos.components.map { $0.property(.due)?.value } == ["20240102T090000Z", "20240103T090000Z"])
        #expect(todos.components.allSatisfy { $0.property(.rrule) == nil && $0.property(.dtstart)?.tzid == nil })
    }

    /// §7.8.4: limit-freebusy-set keeps only the FREEBUSY periods in the range.
    @Test func rfc4791_7_8_4_limitFreeBusySet() throws {
        let element = Self.calendarData(XMLElement(XMLName.calDAV.limitFreebusySet, attributes: [XMLAttribute("start", "20060102T000000Z"), XMLAttribute("end", "20060103T000000Z")]))
        expectSame(try render(element, "abcd8"), """
            BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:-//Example Corp.//CalDAV Client//EN
            BEGIN:VFREEBUSY
            ORGANIZER;CN="Bernard Desruisseaux":mailto:bernard@example.com
            UID:76ef34-54a3d2@example.com
            DTSTAMP:20050530T123421Z
            DTSTART:20060101T000000Z
            DTEND:20060108T000000Z
            FREEBUSY;FBTYPE=BUSY-TENTATIVE:20060102T100000Z/20060102T120000Z
            END:VFREEBUSY
            END:VCALENDAR
            """)
    }

    @Test func invalidRequests() {
        func error(_ element: XMLElement) -> String { davError { () throws(DAVError) in try CalendarDataRequest.parse(element) } }
        var jcal = Self.calendarData()
        jcal.attributes = [XMLAttribute("content-type", "application/calendar+json")]
        #expect(error(jcal) == "403 supported-calendar-data")
        var v1 = Self.calendarData()
        v1.attributes = [XMLAttribute("version", "1.0")]
        #expect(error(v1) == "403 supported-calendar-data")
        #expect(error(Self.calendarData(XMLElement(XMLName.calDAV.expand, attributes: [XMLAttribute("start", "20060103T000000Z")]))) == "400 -")
        #expect(error(Self.calendarData(Self.comp("VEVENT"))) == "400 -")
        #expect(error(Self.calendarData(XMLElement(XMLName.calDAV.comp))) == "400 -")
        #expect(error(Self.calendarData(
            XMLElement(XMLName.calDAV.expand, attributes: [XMLAttribute("start", "20060103T000000Z"), XMLAttribute("end", "20060105T000000Z")]),
            XMLElement(XMLName.calDAV.limitRecurrenceSet, attributes: [XMLAttribute("start", "20060103T000000Z"), XMLAttribute("end", "20060105T000000Z")]))) == "400 -")
    }
}
