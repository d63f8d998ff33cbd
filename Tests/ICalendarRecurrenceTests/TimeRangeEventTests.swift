import ICalendar
import ICalendarRecurrence
import Testing

/// One row of a §9.9 table checked against one range.
struct TimeRangeCase: Sendable, CustomTestStringConvertible {
    var row: String
    var lines: [String]
    var start: String?
    var end: String?
    var expected: Bool

    init(_ row: String, _ lines: [String], _ start: String?, _ end: String?, _ expected: Bool) {
        self.row = row
        self.lines = lines
        self.start = start
        self.end = end
        self.expected = expected
    }

    var testDescription: String { "\(row): [\(start ?? "-inf"), \(end ?? "+inf")) -> \(expected)" }
}

/// RFC 4791 §9.9, VEVENT table. The event runs 10:00–11:00Z unless the row says otherwise.
@Suite struct TimeRangeEventTests {
    static let dtend = ["DTSTART:20060104T100000Z", "DTEND:20060104T110000Z"]
    static let duration = ["DTSTART:20060104T100000Z", "DURATION:PT1H"]
    static let zeroDuration = ["DTSTART:20060104T100000Z", "DURATION:PT0S"]
    static let dateTimeOnly = ["DTSTART:20060104T100000Z"]
    static let dateOnly = ["DTSTART;VALUE=DATE:20060104"]

    static let cases: [TimeRangeCase] = [
        // Y N N *: (start < DTEND AND end > DTSTART)
        TimeRangeCase("DTEND", dtend, "20060104T090000Z", "20060104T100000Z", false),
        TimeRangeCase("DTEND", dtend, "20060104T090000Z", "20060104T100001Z", true),
        TimeRangeCase("DTEND", dtend, "20060104T110000Z", "20060104T120000Z", false),
        TimeRangeCase("DTEND", dtend, "20060104T105959Z", "20060104T120000Z", true),
        TimeRangeCase("DTEND", dtend, nil, "20060104T100001Z", true),
        TimeRangeCase("DTEND", dtend, "20060104T110000Z", nil, false),
        TimeRangeCase("DTEND", dtend, "20060104T103000Z", "20060104T103100Z", true),
        // N Y Y *: (start < DTSTART+DURATION AND end > DTSTART)
        TimeRangeCase("DURATION>0", duration, "20060104T090000Z", "20060104T100000Z", false),
        TimeRangeCase("DURATION>0", duration, "20060104T090000Z", "20060104T100001Z", true),
        TimeRangeCase("DURATION>0", duration, "20060104T110000Z", "20060104T120000Z", false),
        TimeRangeCase("DURATION>0", duration, "20060104T105959Z", "20060104T120000Z", true),
        // N Y N *: (start <= DTSTART AND end > DTSTART)
        TimeRangeCase("DURATION=0", zeroDuration, "20060104T100000Z", "20060104T100001Z", true),
        TimeRangeCase("DURATION=0", zeroDuration, "20060104T100001Z", "20060104T110000Z", false),
        TimeRangeCase("DURATION=0", zeroDuration, "20060104T090000Z", "20060104T100000Z", false),
        TimeRangeCase("DURATION=0", zeroDuration, "20060104T095959Z", "20060104T100001Z", true),
        // N N N Y: (start <= DTSTART AND end > DTSTART)
        TimeRangeCase("DATE-TIME only", dateTimeOnly, "20060104T100000Z", "20060104T100001Z", true),
        TimeRangeCase("DATE-TIME only", dateTimeOnly, "20060104T100001Z", nil, false),
        TimeRangeCase("DATE-TIME only", dateTimeOnly, nil, "20060104T100000Z", false),
        TimeRangeCase("DATE-TIME only", dateTimeOnly, nil, "20060104T100001Z", true),
        // N N N N: (start < DTSTART+P1D AND end > DTSTART), the DATE read in the floating zone (UTC here)
        TimeRangeCase("DATE only", dateOnly, "20060105T000000Z", nil, false),
        TimeRangeCase("DATE only", dateOnly, "20060104T235959Z", nil, true),
        TimeRangeCase("DATE only", dateOnly, nil, "20060104T000000Z", false),
        TimeRangeCase("DATE only", dateOnly, nil, "20060104T000001Z", true),
        TimeRangeCase("DATE only", dateOnly, "20060104T120000Z", "20060104T130000Z", true),
        // Behaviour choice: DTEND equal to DTSTART (which RFC 4791 forbids) is read as an instant, not as nothing.
        TimeRangeCase("DTEND = DTSTART", ["DTSTART:20060104T100000Z", "DTEND:20060104T100000Z"], "20060104T100000Z", "20060104T100001Z", true),
        TimeRangeCase("DTEND < DTSTART", ["DTSTART:20060104T100000Z", "DTEND:20060104T090000Z"], "20060104T090000Z", "20060104T100000Z", false),
        TimeRangeCase("no DTSTART", ["DTEND:20060104T100000Z"], nil, nil, false),
    ]

    @Test(arguments: cases)
    func row(_ testCase: TimeRangeCase) throws {
        let filter = TimeRangeFilter(range: range(testCase.start, testCase.end), context: .test())
        #expect(try filter.matches(component(.vevent, testCase.lines)) == testCase.expected)
    }

    @Test func dateIsReadInTheFloatingZone() throws {
        // In UTC-5 the all-day event of 2006-01-04 runs 05:00Z to 05:00Z the next day.
        let allDay = event("DTSTART;VALUE=DATE:20060104")
        let minus5 = TimeContext.test(floating: FixedOffsetZone(identifier: "X", offset: UTCOffset(seconds: -5 * 3600)))
        #expect(try !TimeRangeFilter(range: range(nil, "20060104T050000Z"), context: minus5).matches(allDay))
        #expect(try TimeRangeFilter(range: range(nil, "20060104T050001Z"), context: minus5).matches(allDay))
        #expect(try TimeRangeFilter(range: range("20060105T045959Z", nil), context: minus5).matches(allDay))
        #expect(try !TimeRangeFilter(range: range("20060105T050000Z", nil), context: minus5).matches(allDay))
    }

    @Test func floatingTimeAndUnknownZoneAreReadInTheFloatingZone() throws {
        let plus2 = TimeContext.test(floating: FixedOffsetZone(identifier: "X", offset: UTCOffset(seconds: 7200)))
        let floating = try #require(try InstanceSpan(event("DTSTART:20060104T100000", "DURATION:PT1H"), context: plus2))
        #expect(floating == .event(start: utc("20060104T080000Z"), end: utc("20060104T090000Z")))
        let unknown = try #require(try InstanceSpan(event("DTSTART;TZID=Nowhere/Else:20060104T100000"), context: plus2))
        #expect(unknown == .event(start: utc("20060104T080000Z"), end: utc("20060104T080000Z")))
        let zoned = try #require(try InstanceSpan(event("DTSTART;TZID=US/Eastern:20060104T100000"), context: plus2))
        #expect(zoned == .event(start: utc("20060104T150000Z"), end: utc("20060104T150000Z")))
    }

    @Test func nominalDurationFollowsTheWallClockAcrossDST() throws {
        // 30 March 12:00 at +01:00 plus P1D is 31 March 12:00 at +02:00: 23 hours later. PT24H is 24 hours.
        let nominal = try #require(try InstanceSpan(event("DTSTART;TZID=Test/SpringForward:20240330T120000", "DURATION:P1D"), context: .test()))
        #expect(nominal == .event(start: utc("20240330T110000Z"), end: utc("20240331T100000Z")))
        let exact = try #require(try InstanceSpan(event("DTSTART;TZID=Test/SpringForward:20240330T120000", "DURATION:PT24H"), context: .test()))
        #expect(exact == .event(start: utc("20240330T110000Z"), end: utc("20240331T110000Z")))
    }

    @Test func expandedInstanceMovesDTEND() throws {
        let daily = event("DTSTART:20060102T170000Z", "DTEND:20060102T180000Z", "RRULE:FREQ=DAILY;COUNT=5")
        let span = try #require(try InstanceSpan(daily, instanceStart: utc("20060105T170000Z"), context: .test()))
        #expect(span == .event(start: utc("20060105T170000Z"), end: utc("20060105T180000Z")))
        let filter = TimeRangeFilter(range: range("20060105T175959Z", "20060106T000000Z"), context: .test())
        #expect(try filter.matches(daily, instanceStart: utc("20060105T170000Z")))
        #expect(try !filter.matches(daily, instanceStart: utc("20060102T170000Z")))
    }

    @Test func expandedAllDayInstanceKeepsWholeDays() throws {
        // A two-day all-day event moved into the DST week still ends at a local midnight.
        let weekend = event("DTSTART;VALUE=DATE:20240323", "DTEND;VALUE=DATE:20240325", "RRULE:FREQ=WEEKLY")
        let context = TimeContext.test(floating: SpringForwardZone())
        let span = try #require(try InstanceSpan(weekend, instanceStart: utc("20240329T230000Z"), context: context))
        #expect(span == .event(start: utc("20240329T230000Z"), end: utc("20240331T220000Z")))
    }

    @Test func componentsWithoutTimeRangeSemanticsNeverMatch() throws {
        let timezone = component("BEGIN:VTIMEZONE\nTZID:X\nEND:VTIMEZONE")
        #expect(try InstanceSpan(timezone, context: .test()) == nil)
        #expect(try !TimeRangeFilter(range: .unbounded, context: .test()).matches(timezone))
    }

    @Test func malformedValuesThrow() {
        #expect(throws: ICalendarParseError.self) {
            try TimeRangeFilter(range: .unbounded, context: .test()).matches(event("DTSTART:20060104T100000Z", "DURATION:one hour"))
        }
    }
}
