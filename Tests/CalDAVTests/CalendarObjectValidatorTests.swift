import CalDAV
import Calendaring
import ICalendar
import Testing
import WebDAV

/// RFC 4791 §5.3.2.1 preconditions of PUT, with the status and CALDAV element each violation answers.
@Suite struct CalendarObjectValidatorTests {
    let validator = CalendarObjectValidator(maxResourceSize: 100_000, supportedComponents: ["VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY"])

    func check(_ body: String, contentType: String? = "text/calendar") -> String {
        davError { () throws(CalendaringError) in try validator.validate(data: calendarBytes(body), contentType: contentType) }
    }

    /// RFC 4791 Appendix B: every object of the example calendar is a valid calendar object resource.
    @Test(arguments: appendixBNames) func appendixBObjectsAreValid(name: String) throws {
        let object = try validator.validate(data: appendixB(name), contentType: "text/calendar; charset=utf-8")
        #expect(!object.uid.isEmpty)
        #expect(["VEVENT", "VTODO", "VFREEBUSY"].contains(object.componentType))
    }

    /// Appendix B abcd2: a master and its override share the UID.
    @Test func masterWithOverride() throws {
        let object = try validator.validate(data: appendixB("abcd2"), contentType: nil)
        #expect(object.uid == "00959BC664CA650E933C892C@example.com")
        #expect(object.componentType == "VEVENT")
        #expect(object.members.count == 2)
    }

    @Test func mediaType() {
        let event = "BEGIN:VEVENT\nUID:a\nDTSTART:20240101T100000Z\nEND:VEVENT"
        #expect(check(event, contentType: nil) == "no error")
        #expect(check(event, contentType: "") == "no error")
        #expect(check(event, contentType: "Text/Calendar ; charset=\"utf-8\"; component=VEVENT") == "no error")
        #expect(check(event, contentType: "application/json") == "403 supported-calendar-data")
        #expect(check(event, contentType: "text/plain") == "403 supported-calendar-data")
    }

    @Test func onlyVersionTwo() {
        #expect(davError { () throws(CalendaringError) in
            try validator.validate(data: ics("BEGIN:VCALENDAR\nVERSION:1.0\nBEGIN:VEVENT\nUID:a\nEND:VEVENT\nEND:VCALENDAR\n"), contentType: nil)
        } == "403 supported-calendar-data")
    }

    @Test func maxResourceSize() {
        let small = CalendarObjectValidator(maxResourceSize: 50, supportedComponents: ["VEVENT"])
        #expect(davError { () throws(CalendaringError) in try small.validate(data: appendixB("abcd1"), contentType: nil) } == "403 max-resource-size")
    }

    @Test func notICalendar() {
        let cases: [[UInt8]] = [
            Array("hello world".utf8),
            [],
            Array("<html><body>not a calendar</body></html>".utf8),
            calendarBytes("BEGIN:VEVENT\nUID:a\nEND:VEVENT") + calendarBytes("BEGIN:VEVENT\nUID:b\nEND:VEVENT"),
            ics("BEGIN:VEVENT\nUID:a\nEND:VEVENT\n"),
        ]
        for bytes in cases {
            #expect(davError { () throws(CalendaringError) in try validator.validate(data: bytes, contentType: nil) } == "403 valid-calendar-data")
        }
    }

    /// Producer quirks with one obvious meaning (bare LF, lowercase names, no VERSION or PRODID) are repaired: the
    /// object to store is re-serialised, lists its repairs, and parses in strict mode (`CalendarDataPolicy`).
    @Test func quirksWithOneMeaningAreRepaired() throws {
        let body = Array("begin:vcalendar\nbegin:vevent\nuid:quirk\ndtstart:20240101T100000Z\nend:vevent\nend:vcalendar\n".utf8)
        let object = try validator.validate(data: body, contentType: nil)
        #expect(object.uid == "quirk")
        #expect(object.isRepaired)
        #expect(Set(object.repairs.map(\.code)) == [.bareLineFeed, .lowercaseName, .missingVersion, .missingProdID])
        #expect(object.data != body)
        let stored = try ICalendarParser(options: .strict).parse(object.data)
        #expect(stored.components.first?.property(.version)?.value == "2.0")
        #expect(String(decoding: object.data, as: UTF8.self).contains("BEGIN:VEVENT\r\nUID:quirk\r\n"))
    }

    /// Data without quirks is stored exactly as sent.
    @Test func cleanDataIsStoredAsSent() throws {
        let body = calendarBytes("BEGIN:VEVENT\nUID:clean\nDTSTAMP:20240101T000000Z\nDTSTART:20240101T100000Z\nEND:VEVENT")
        let object = try validator.validate(data: body, contentType: nil)
        #expect(!object.isRepaired && object.data == body)
    }

    /// RFC 5545 §3.6 nesting and §3.1.4 UTF-8: breakage whose repair would guess is refused with the line and
    /// what was wrong, never stored (the defects an outside check found stored and served back as sent).
    @Test(arguments: [
        ("BEGIN:VEVENT\nUID:a\nDTSTART:20240101T100000Z\nSUMMARY:no end", "had no END"),
        ("BEGIN:VEVENT\nUID:a\nDTSTART:20240101T100000Z\nEND:VTODO", "END:VTODO"),
        ("BEGIN:VEVENT\nUID:a\nDTSTART:20240101T100000Z\nRRULE:FREQ=DAILY;UNTL=20240201\nEND:VEVENT", "line 7: RRULE"),
        ("BEGIN:VEVENT\nUID:a\nDTSTART:20240101T100000Z\nPRIORITY:12\nEND:VEVENT", "PRIORITY"),
        ("BEGIN:VEVENT\nUID:a\nDTSTART:20240101T100000Z\nX_BAD:1\nEND:VEVENT", "X_BAD"),
    ])
    func brokenStructureAndValuesAreRefused(body: String, reason: String) {
        do throws(CalendaringError) {
            _ = try validator.validate(data: calendarBytes(body), contentType: nil)
            Issue.record("accepted: \(body)")
        } catch {
            let error = error.davError
            #expect(error.summary == "403 valid-calendar-data")
            #expect(error.message.contains(reason), "\(error.message)")
        }
    }

    @Test func unclosedCalendarIsRefused() {
        let body = ics("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//x//EN\nBEGIN:VEVENT\nUID:a\nDTSTART:20240101T100000Z\nEND:VEVENT\n")
        #expect(davError { () throws(CalendaringError) in try validator.validate(data: body, contentType: nil) } == "403 valid-calendar-data")
    }

    /// RFC 5545 §3.1.4: invalid bytes (0xFF 0xFE), an overlong encoding of '/' (0xC0 0xAF) and of NUL in three
    /// bytes, and a lone continuation byte, in a value or a parameter value.
    @Test(arguments: [[0xFF, 0xFE], [0xC0, 0xAF], [0xE0, 0x80, 0x80], [0x80]] as [[UInt8]])
    func invalidUTF8IsRefused(bytes: [UInt8]) {
        let head = calendarBytes("BEGIN:VEVENT\nUID:a\nDTSTART:20240101T100000Z\nSUMMARY:x\nEND:VEVENT")
        let marker: [UInt8] = Array("SUMMARY:x".utf8)
        let at: Int = head.firstRange(of: marker)!.upperBound - 1
        let inValue: [UInt8] = Array(head[..<at]) + bytes + Array(head[(at + 1)...])
        let parameter: [UInt8] = Array(";X-P=".utf8) + bytes + Array(":x".utf8)
        let inParameter: [UInt8] = Array(head[..<(at - 1)]) + parameter + Array(head[(at + 1)...])
        for body in [inValue, inParameter] {
            do throws(CalendaringError) {
                _ = try validator.validate(data: body, contentType: nil)
                Issue.record("accepted invalid UTF-8 \(bytes)")
            } catch {
                let error = error.davError
                #expect(error.summary == "403 valid-calendar-data")
                #expect(error.message.contains("line 7") && error.message.contains("UTF-8"), "\(error.message)")
            }
        }
    }

    /// Re-indexing reads what is stored, quirks and all, so objects stored before this policy keep their index.
    @Test func storedObjectsAreReadWithoutThePolicy() throws {
        let stored = calendarBytes("BEGIN:VEVENT\nUID:old\nDTSTART:20240101T100000Z\nPRIORITY:12\nEND:VEVENT")
        #expect(try validator.readStored(stored).uid == "old")
    }

    @Test func unreadableTimesAreInvalidData() {
        #expect(check("BEGIN:VEVENT\nUID:a\nDTSTART:2024-01-01\nEND:VEVENT") == "403 valid-calendar-data")
        #expect(check("BEGIN:VEVENT\nUID:a\nDTSTART:20240101T100000Z\nRRULE:FREQ=SOMETIMES\nEND:VEVENT") == "403 valid-calendar-data")
        #expect(check("BEGIN:VEVENT\nUID:a\nDTSTART:20240101T100000Z\nDURATION:one hour\nEND:VEVENT") == "403 valid-calendar-data")
    }

    /// RFC 4791 §4.1: the restrictions on a calendar object resource.
    @Test func objectResourceRules() {
        let invalid = "403 valid-calendar-object-resource"
        #expect(check("METHOD:PUBLISH\nBEGIN:VEVENT\nUID:a\nDTSTART:20240101T100000Z\nEND:VEVENT") == invalid)
        #expect(check("BEGIN:VEVENT\nUID:a\nDTSTART:20240101T100000Z\nEND:VEVENT\nBEGIN:VTODO\nUID:a\nEND:VTODO") == invalid)
        #expect(check("BEGIN:VEVENT\nUID:a\nDTSTART:20240101T100000Z\nEND:VEVENT\nBEGIN:VEVENT\nUID:b\nDTSTART:20240101T100000Z\nEND:VEVENT") == invalid)
        #expect(check("BEGIN:VEVENT\nDTSTART:20240101T100000Z\nEND:VEVENT") == invalid)
        #expect(check("BEGIN:VEVENT\nUID:a\nDTSTART:20240101T100000Z\nEND:VEVENT\nBEGIN:VEVENT\nUID:a\nDTSTART:20240102T100000Z\nEND:VEVENT") == invalid)
        #expect(check("""
            BEGIN:VEVENT\nUID:a\nDTSTART:20240101T100000Z\nRRULE:FREQ=DAILY\nEND:VEVENT
            BEGIN:VEVENT\nUID:a\nRECURRENCE-ID:20240102T100000Z\nDTSTART:20240102T110000Z\nEND:VEVENT
            BEGIN:VEVENT\nUID:a\nRECURRENCE-ID:20240102T100000Z\nDTSTART:20240102T120000Z\nEND:VEVENT
            """) == invalid)
        #expect(check("BEGIN:VTIMEZONE\nTZID:X\nBEGIN:STANDARD\nDTSTART:19700101T000000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0100\nEND:STANDARD\nEND:VTIMEZONE") == invalid)
        #expect(check("") == invalid)
    }

    /// Overrides without their master (an invitation to one instance) and X- components beside the object are fine.
    @Test func overridesOnlyAndExtensions() {
        #expect(check("""
            BEGIN:VEVENT\nUID:a\nRECURRENCE-ID:20240102T100000Z\nDTSTART:20240102T110000Z\nEND:VEVENT
            BEGIN:VEVENT\nUID:a\nRECURRENCE-ID:20240103T100000Z\nDTSTART:20240103T110000Z\nEND:VEVENT
            """) == "no error")
        #expect(check("BEGIN:VEVENT\nUID:a\nDTSTART:20240101T100000Z\nEND:VEVENT\nBEGIN:X-VENDOR-DATA\nX-A:1\nEND:X-VENDOR-DATA") == "no error")
    }

    /// RFC 4791 §5.2.3: a component type outside the collection's supported-calendar-component-set.
    @Test func supportedCalendarComponent() {
        let events = CalendarObjectValidator(maxResourceSize: 100_000, supportedComponents: ["vevent"])
        #expect(davError { () throws(CalendaringError) in try events.validate(data: appendixB("abcd4"), contentType: nil) } == "403 supported-calendar-component")
        #expect(davError { () throws(CalendaringError) in try events.validate(data: appendixB("abcd1"), contentType: nil) } == "no error")
    }
}
