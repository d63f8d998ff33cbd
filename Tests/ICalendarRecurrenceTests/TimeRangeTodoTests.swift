import ICalendar
import ICalendarRecurrence
import Testing

/// RFC 4791 §9.9, VTODO table, every row with cases on both sides of each comparison.
/// DTSTART 10:00Z, DTSTART+DURATION 11:00Z, DUE 12:00Z, COMPLETED 13:00Z, CREATED 08:00Z.
@Suite struct TimeRangeTodoTests {
    static let start = "DTSTART:20060104T100000Z"
    static let duration = "DURATION:PT1H"
    static let due = "DUE:20060104T120000Z"
    static let completed = "COMPLETED:20060104T130000Z"
    static let created = "CREATED:20060104T080000Z"

    static let cases: [TimeRangeCase] = [
        // Y Y N * *: (start <= DTSTART+DURATION) AND ((end > DTSTART) OR (end >= DTSTART+DURATION))
        TimeRangeCase("DTSTART+DURATION", [start, duration], "20060104T110000Z", "20060104T120000Z", true),
        TimeRangeCase("DTSTART+DURATION", [start, duration], "20060104T110001Z", "20060104T120000Z", false),
        TimeRangeCase("DTSTART+DURATION", [start, duration], "20060104T090000Z", "20060104T100000Z", false),
        TimeRangeCase("DTSTART+DURATION", [start, duration], "20060104T090000Z", "20060104T100001Z", true),
        TimeRangeCase("DTSTART+DURATION", [start, duration], nil, nil, true),
        // Y N Y * *: ((start < DUE) OR (start <= DTSTART)) AND ((end > DTSTART) OR (end >= DUE))
        TimeRangeCase("DTSTART+DUE", [start, due], "20060104T120000Z", "20060104T130000Z", false),
        TimeRangeCase("DTSTART+DUE", [start, due], "20060104T115959Z", "20060104T130000Z", true),
        TimeRangeCase("DTSTART+DUE", [start, due], "20060104T090000Z", "20060104T100000Z", false),
        TimeRangeCase("DTSTART+DUE", [start, due], "20060104T090000Z", "20060104T100001Z", true),
        TimeRangeCase("DTSTART = DUE", ["DTSTART:20060104T100000Z", "DUE:20060104T100000Z"], "20060104T100000Z", "20060104T110000Z", true),
        TimeRangeCase("DTSTART = DUE", ["DTSTART:20060104T100000Z", "DUE:20060104T100000Z"], "20060104T100001Z", "20060104T110000Z", false),
        TimeRangeCase("DTSTART = DUE", ["DTSTART:20060104T100000Z", "DUE:20060104T100000Z"], "20060104T090000Z", "20060104T100000Z", true),
        // Behaviour choice: DURATION with DUE is invalid (RFC 5545 §3.6.2); DUE wins, so start = 11:00 matches
        // (start < DUE) where DTSTART+DURATION = 11:00 would also have; start = 12:00 does not.
        TimeRangeCase("DURATION and DUE", [start, duration, due], "20060104T115959Z", nil, true),
        TimeRangeCase("DURATION and DUE", [start, duration, due], "20060104T120000Z", nil, false),
        // Y N N * *: (start <= DTSTART) AND (end > DTSTART)
        TimeRangeCase("DTSTART only", [start], "20060104T100000Z", "20060104T110000Z", true),
        TimeRangeCase("DTSTART only", [start], "20060104T100001Z", "20060104T110000Z", false),
        TimeRangeCase("DTSTART only", [start], "20060104T090000Z", "20060104T100000Z", false),
        TimeRangeCase("DTSTART only", [start], "20060104T090000Z", "20060104T100001Z", true),
        TimeRangeCase("DTSTART only, with COMPLETED", [start, completed], "20060104T130000Z", nil, false),
        // N N Y * *: (start < DUE) AND (end >= DUE)
        TimeRangeCase("DUE only", [due], "20060104T110000Z", "20060104T120000Z", true),
        TimeRangeCase("DUE only", [due], "20060104T110000Z", "20060104T115959Z", false),
        TimeRangeCase("DUE only", [due], "20060104T120000Z", "20060104T130000Z", false),
        TimeRangeCase("DUE only", [due], "20060104T115959Z", "20060104T130000Z", true),
        TimeRangeCase("DUE only, with CREATED", [due, created], "20060104T070000Z", "20060104T090000Z", false),
        // N N N Y Y: ((start <= CREATED) OR (start <= COMPLETED)) AND ((end >= CREATED) OR (end >= COMPLETED))
        TimeRangeCase("COMPLETED+CREATED", [completed, created], "20060104T130000Z", "20060104T140000Z", true),
        TimeRangeCase("COMPLETED+CREATED", [completed, created], "20060104T130001Z", "20060104T140000Z", false),
        TimeRangeCase("COMPLETED+CREATED", [completed, created], "20060104T070000Z", "20060104T080000Z", true),
        TimeRangeCase("COMPLETED+CREATED", [completed, created], "20060104T070000Z", "20060104T075959Z", false),
        TimeRangeCase("COMPLETED+CREATED", [completed, created], "20060104T090000Z", "20060104T100000Z", true),
        // N N N Y N: (start <= COMPLETED) AND (end >= COMPLETED)
        TimeRangeCase("COMPLETED only", [completed], "20060104T120000Z", "20060104T130000Z", true),
        TimeRangeCase("COMPLETED only", [completed], "20060104T120000Z", "20060104T125959Z", false),
        TimeRangeCase("COMPLETED only", [completed], "20060104T130000Z", "20060104T140000Z", true),
        TimeRangeCase("COMPLETED only", [completed], "20060104T130001Z", "20060104T140000Z", false),
        // N N N N Y: (end > CREATED)
        TimeRangeCase("CREATED only", [created], "20060104T070000Z", "20060104T080000Z", false),
        TimeRangeCase("CREATED only", [created], "20060104T070000Z", "20060104T080001Z", true),
        TimeRangeCase("CREATED only", [created], "20300101T000000Z", nil, true),
        TimeRangeCase("CREATED only", [created], nil, "20060104T080000Z", false),
        // N N N N N: TRUE
        TimeRangeCase("nothing", [], "19700101T000000Z", "19700101T000001Z", true),
        TimeRangeCase("nothing", [], nil, nil, true),
        TimeRangeCase("nothing", [], "20991231T000000Z", nil, true),
    ]

    @Test(arguments: cases)
    func row(_ testCase: TimeRangeCase) throws {
        let filter = TimeRangeFilter(range: range(testCase.start, testCase.end), context: .test())
        #expect(try filter.matches(component(.vtodo, testCase.lines)) == testCase.expected)
    }

    @Test func durationWithoutStartIsIgnored() throws {
        // RFC 5545 requires DTSTART with DURATION; without it the row is the DUE-only one.
        let span = try #require(try InstanceSpan(todo("DURATION:PT1H", "DUE:20060104T120000Z"), context: .test()))
        #expect(span == .todo(start: nil, durationEnd: nil, due: utc("20060104T120000Z"), completed: nil, created: nil))
    }

    @Test func expandedInstanceMovesDueButNotCompletedOrCreated() throws {
        let weekly = todo("DTSTART:20060104T100000Z", "DUE:20060104T120000Z", "RRULE:FREQ=WEEKLY", "CREATED:20060101T000000Z", "COMPLETED:20060104T130000Z")
        let span = try #require(try InstanceSpan(weekly, instanceStart: utc("20060111T100000Z"), context: .test()))
        #expect(span == .todo(start: utc("20060111T100000Z"), durationEnd: nil, due: utc("20060111T120000Z"),
                              completed: utc("20060104T130000Z"), created: utc("20060101T000000Z")))
        let duration = todo("DTSTART:20060104T100000Z", "DURATION:PT30M", "RRULE:FREQ=WEEKLY")
        let moved = try #require(try InstanceSpan(duration, instanceStart: utc("20060111T100000Z"), context: .test()))
        #expect(moved == .todo(start: utc("20060111T100000Z"), durationEnd: utc("20060111T103000Z"), due: nil, completed: nil, created: nil))
    }

    @Test func dateDueIsReadInTheFloatingZone() throws {
        // RFC 4791 Appendix B, Task #1: DUE;VALUE=DATE:20060104, read at midnight in US/Eastern.
        let task = objects(fixture("freebusy/rfc4791-appendix-b/abcd4.ics"))[0]
        let eastern = TimeContext.test(floating: FixedOffsetZone(identifier: "E", offset: UTCOffset(seconds: -5 * 3600)))
        #expect(try TimeRangeFilter(range: range("20060104T000000Z", "20060104T050000Z"), context: eastern).matches(task))
        #expect(try !TimeRangeFilter(range: range("20060104T000000Z", "20060104T045959Z"), context: eastern).matches(task))
    }
}
