import ICalendar
import ICalendarRecurrence
import Testing

/// RFC 4791 §9.9, VJOURNAL table.
@Suite struct TimeRangeJournalTests {
    static let dateTime = ["DTSTART:20060104T100000Z"]
    static let date = ["DTSTART;VALUE=DATE:20060104"]

    static let cases: [TimeRangeCase] = [
        // Y Y: (start <= DTSTART) AND (end > DTSTART)
        TimeRangeCase("DATE-TIME", dateTime, "20060104T100000Z", nil, true),
        TimeRangeCase("DATE-TIME", dateTime, "20060104T100001Z", nil, false),
        TimeRangeCase("DATE-TIME", dateTime, nil, "20060104T100000Z", false),
        TimeRangeCase("DATE-TIME", dateTime, nil, "20060104T100001Z", true),
        // Y N: (start < DTSTART+P1D) AND (end > DTSTART)
        TimeRangeCase("DATE", date, "20060104T235959Z", nil, true),
        TimeRangeCase("DATE", date, "20060105T000000Z", nil, false),
        TimeRangeCase("DATE", date, nil, "20060104T000000Z", false),
        TimeRangeCase("DATE", date, nil, "20060104T000001Z", true),
        // N *: FALSE
        TimeRangeCase("no DTSTART", ["SUMMARY:undated"], nil, nil, false),
        TimeRangeCase("no DTSTART", ["SUMMARY:undated"], "20060104T000000Z", "20060105T000000Z", false),
    ]

    @Test(arguments: cases)
    func row(_ testCase: TimeRangeCase) throws {
        let filter = TimeRangeFilter(range: range(testCase.start, testCase.end), context: .test())
        #expect(try filter.matches(component(.vjournal, testCase.lines)) == testCase.expected)
    }

    @Test func expandedDateInstance() throws {
        let journal = component("BEGIN:VJOURNAL\nUID:x\nDTSTART;VALUE=DATE:20060104\nRRULE:FREQ=DAILY\nEND:VJOURNAL")
        let span = try #require(try InstanceSpan(journal, instanceStart: utc("20060110T000000Z"), context: .test()))
        #expect(span == .journal(start: utc("20060110T000000Z"), end: utc("20060111T000000Z")))
    }
}
