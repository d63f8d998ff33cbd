import ICalendar
import ICalendarRecurrence
import Testing
@testable import Calendaring

/// CALDAV:expand written line by line for a single non-recurring event gives what the tree path
/// (`RecurrenceExpansionRenderer`) gives, over ranges before, around and after the event, read in UTC and in
/// New York; and whatever it cannot do exactly it leaves to the tree path.
/// Spec: RFC 4791 §9.6.5.
@Suite struct SingleEventExpansionTests {
    static let newYorkZone = "BEGIN:VTIMEZONE\nTZID:America/New_York\nBEGIN:STANDARD\nDTSTART:19701101T020000\n"
        + "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\nTZOFFSETFROM:-0400\nTZOFFSETTO:-0500\nEND:STANDARD\n"
        + "BEGIN:DAYLIGHT\nDTSTART:19700308T020000\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\nTZOFFSETFROM:-0500\n"
        + "TZOFFSETTO:-0400\nEND:DAYLIGHT\nEND:VTIMEZONE"

    static let events = [
        newYorkZone + "\nBEGIN:VEVENT\nUID:zoned\nDTSTAMP:20240101T000000Z\nDTSTART;TZID=America/New_York:20240110T090000\n"
            + "DTEND;TZID=America/New_York:20240110T100000\nSUMMARY;LANGUAGE=en:Zoned; with \\, escapes\n"
            + "DESCRIPTION:" + String(repeating: "A long description that folds. ", count: 6) + "\n"
            + "EXDATE;TZID=America/New_York:20240111T090000,20240112T090000\n"
            + "ATTENDEE;CN=\"Doe, Jane\";PARTSTAT=ACCEPTED:mailto:jane@example.com\n"
            + "BEGIN:VALARM\nACTION:DISPLAY\nDESCRIPTION:Soon\nTRIGGER;RELATED=START:-PT15M\nEND:VALARM\nEND:VEVENT\n"
            + "X-AFTER-THE-EVENT:kept at the calendar level",
        "BEGIN:VEVENT\nUID:utc\nDTSTAMP:20240101T000000Z\nDTSTART:20240110T140000Z\nDURATION:PT90M\nEND:VEVENT",
        "BEGIN:VEVENT\nUID:floating\nDTSTAMP:20240101T000000Z\nDTSTART:20240110T090000\nDTEND:20240110T100000\nEND:VEVENT",
        "BEGIN:VEVENT\nUID:all-day\nDTSTAMP:20240101T000000Z\nDTSTART;VALUE=DATE:20240110\nEND:VEVENT",
        "BEGIN:VEVENT\nUID:instant\nDTSTAMP:20240101T000000Z\nDTSTART;TZID=Europe/Paris:20240110T120000\nEND:VEVENT",
    ]

    static let ranges: [TimeRange] = {
        var ranges: [TimeRange] = []
        var start = seconds("20240108T000000Z")
        while start < seconds("20240113T000000Z") {
            for length: Int64 in [3_600, 86_400] {
                ranges.append(TimeRange(start: Instant(secondsSinceEpoch: start), end: Instant(secondsSinceEpoch: start + length)))
            }
            start += 3 * 3_600
        }
        return ranges
    }()

    static let contexts = [
        TimeContext(resolver: testDatabase, floating: FixedOffsetZone.utc),
        TimeContext(resolver: testDatabase, floating: testDatabase.rules(for: "America/New_York")!),
    ]

    static func treeExpansion(_ data: [UInt8], _ range: TimeRange, _ context: TimeContext) throws -> [UInt8] {
        let calendar = try #require(try ICalendarParser().parse(data).components.first)
        return CalendarDataRequest(recurrence: .expand(range)).renderedBytes(calendar: calendar, original: data, context: context)
    }

    static func parsed(_ bytes: [UInt8]) throws -> Component {
        try #require(try ICalendarParser().parse(bytes).components.first)
    }

    @Test(arguments: events)
    func writesWhatTheTreePathWrites(_ body: String) throws {
        let data = calendarBytes(body)
        var withEvent = 0
        for context in Self.contexts {
            for range in Self.ranges {
                let fast = try #require(SingleEventExpansion(range: range, context: context).expand(data), "\(range)")
                let tree = try Self.treeExpansion(data, range, context)
                let fastCalendar = try Self.parsed(fast)
                #expect(fastCalendar.isSemanticallyEqual(to: try Self.parsed(tree)),
                        "\(range)\n\(String(decoding: fast, as: UTF8.self))\n\(String(decoding: tree, as: UTF8.self))")
                if !fastCalendar.components.isEmpty { withEvent += 1 }
            }
        }
        #expect(withEvent > 0 && withEvent < 2 * Self.ranges.count)
    }

    @Test func theZonedEventComesBackInUTCWithoutItsTimeZone() throws {
        let range = TimeRange(start: utc("20240110T000000Z"), end: utc("20240111T000000Z"))
        let fast = try #require(SingleEventExpansion(range: range, context: Self.contexts[0]).expand(calendarBytes(Self.events[0])))
        let text = String(decoding: fast, as: UTF8.self)
        #expect(text.contains("DTSTART:20240110T140000Z\r\n"))
        #expect(text.contains("EXDATE:20240111T140000Z,20240112T140000Z\r\n"))
        #expect(!text.contains("VTIMEZONE") && !text.contains("TZID"))
        #expect(text.hasSuffix("END:VEVENT\r\nEND:VCALENDAR\r\n"))
    }

    static let leftToTheTree = [
        "BEGIN:VEVENT\nUID:r\nDTSTAMP:20240101T000000Z\nDTSTART:20240110T140000Z\nRRULE:FREQ=DAILY;COUNT=3\nEND:VEVENT",
        "BEGIN:VEVENT\nUID:r\nDTSTAMP:20240101T000000Z\nDTSTART:20240110T140000Z\nRDATE:20240111T140000Z\nEND:VEVENT",
        "BEGIN:VEVENT\nUID:o\nDTSTAMP:20240101T000000Z\nRECURRENCE-ID:20240110T140000Z\nDTSTART:20240110T150000Z\nEND:VEVENT",
        "BEGIN:VTODO\nUID:t\nDTSTAMP:20240101T000000Z\nDUE:20240110T140000Z\nEND:VTODO",
        "BEGIN:VEVENT\nUID:a\nDTSTAMP:20240101T000000Z\nDTSTART:20240110T140000Z\nEND:VEVENT\n"
            + "BEGIN:VEVENT\nUID:b\nDTSTAMP:20240101T000000Z\nDTSTART:20240110T150000Z\nEND:VEVENT",
        "BEGIN:VTIMEZONE\nTZID:Custom\nBEGIN:STANDARD\nDTSTART:19700101T000000\nTZOFFSETFROM:+0300\nTZOFFSETTO:+0300\n"
            + "END:STANDARD\nEND:VTIMEZONE\nBEGIN:VEVENT\nUID:c\nDTSTAMP:20240101T000000Z\n"
            + "DTSTART;TZID=Custom:20240110T090000\nEND:VEVENT",
        "BEGIN:VEVENT\nuid:lower\nDTSTAMP:20240101T000000Z\nDTSTART:20240110T140000Z\nEND:VEVENT",
    ]

    @Test(arguments: leftToTheTree)
    func whatItCannotWriteExactlyGoesToTheTree(_ body: String) {
        let range = TimeRange(start: utc("20240101T000000Z"), end: utc("20240201T000000Z"))
        #expect(SingleEventExpansion(range: range, context: Self.contexts[0]).expand(calendarBytes(body)) == nil)
    }
}
