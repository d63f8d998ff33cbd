import ICalendar
import ICalendarRecurrence
import Testing

/// RFC 4791 §9.9, VFREEBUSY table.
@Suite struct TimeRangeFreeBusyTests {
    // The request example of RFC 5545 §3.6.4: DTSTART and DTEND only.
    static let bounded = ["DTSTART:19971015T050000Z", "DTEND:19971016T050000Z"]
    static let periods = ["FREEBUSY:19971015T100000Z/19971015T120000Z", "FREEBUSY;FBTYPE=FREE:19971016T100000Z/PT1H"]

    static let cases: [TimeRangeCase] = [
        // Y *: (start <= DTEND) AND (end > DTSTART) — note the inclusive DTEND.
        TimeRangeCase("DTSTART+DTEND", bounded, "19971016T050000Z", nil, true),
        TimeRangeCase("DTSTART+DTEND", bounded, "19971016T050001Z", nil, false),
        TimeRangeCase("DTSTART+DTEND", bounded, nil, "19971015T050000Z", false),
        TimeRangeCase("DTSTART+DTEND", bounded, nil, "19971015T050001Z", true),
        TimeRangeCase("DTSTART+DTEND wins over periods", bounded + periods, "19971016T000000Z", "19971016T010000Z", true),
        // N Y: (start < period-end) AND (end > period-start), for periods of any type
        TimeRangeCase("FREEBUSY", periods, "19971015T120000Z", "19971015T130000Z", false),
        TimeRangeCase("FREEBUSY", periods, "19971015T115959Z", "19971015T130000Z", true),
        TimeRangeCase("FREEBUSY", periods, "19971015T090000Z", "19971015T100000Z", false),
        TimeRangeCase("FREEBUSY", periods, "19971015T090000Z", "19971015T100001Z", true),
        TimeRangeCase("FREEBUSY type FREE", periods, "19971016T103000Z", "19971016T104000Z", true),
        TimeRangeCase("FREEBUSY with DTSTART only", ["DTSTART:19971001T000000Z"] + periods, "19971015T090000Z", "19971015T100001Z", true),
        // N N: FALSE, and DURATION is ignored
        TimeRangeCase("nothing", [], nil, nil, false),
        TimeRangeCase("DTSTART+DURATION", ["DTSTART:19971015T050000Z", "DURATION:P1D"], nil, nil, false),
    ]

    @Test(arguments: cases)
    func row(_ testCase: TimeRangeCase) throws {
        let filter = TimeRangeFilter(range: range(testCase.start, testCase.end), context: .test())
        #expect(try filter.matches(component(.vfreebusy, testCase.lines)) == testCase.expected)
    }
}
