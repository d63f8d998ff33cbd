import ICalendar
import ICalendarRecurrence
import Testing

/// RFC 4791 §9.9, VALARM: (start <= trigger-time) AND (end > trigger-time) for any trigger, with triggers from
/// RFC 5545 §3.8.6.3 (TRIGGER, RELATED) and §3.8.6.2 (REPEAT with DURATION).
@Suite struct TimeRangeAlarmTests {
    struct AlarmCase: Sendable, CustomTestStringConvertible {
        var name: String
        var parent: [String]
        var alarm: [String]
        var start: String?
        var end: String?
        var expected: Bool
        var testDescription: String { "\(name): [\(start ?? "-inf"), \(end ?? "+inf")) -> \(expected)" }

        init(_ name: String, _ parent: [String], _ alarm: [String], _ start: String?, _ end: String?, _ expected: Bool) {
            (self.name, self.parent, self.alarm, self.start, self.end, self.expected) = (name, parent, alarm, start, end, expected)
        }
    }

    static let meeting = ["BEGIN:VEVENT", "UID:m", "DTSTART:20060104T100000Z", "DTEND:20060104T110000Z"]
    static let long = ["BEGIN:VEVENT", "UID:l", "DTSTART:20060104T100000Z", "DURATION:PT2H"]
    static let task = ["BEGIN:VTODO", "UID:t", "DTSTART:20060104T100000Z", "DUE:20060104T120000Z"]

    static let repeats = ["TRIGGER:-PT30M", "REPEAT:3", "DURATION:PT10M"]
    static let absolute = ["TRIGGER;VALUE=DATE-TIME:20060101T080000Z"]

    static let cases: [AlarmCase] = [
        // Relative to START (the default): 09:45.
        AlarmCase("START -PT15M", meeting, ["TRIGGER:-PT15M"], "20060104T094500Z", "20060104T094501Z", true),
        AlarmCase("START -PT15M", meeting, ["TRIGGER:-PT15M"], "20060104T094501Z", nil, false),
        AlarmCase("START -PT15M", meeting, ["TRIGGER:-PT15M"], nil, "20060104T094500Z", false),
        AlarmCase("RELATED=START", meeting, ["TRIGGER;RELATED=START:PT0S"], "20060104T100000Z", "20060104T100001Z", true),
        // Relative to END: DTEND 11:00 + 5 minutes.
        AlarmCase("END +PT5M", meeting, ["TRIGGER;RELATED=END:PT5M"], "20060104T110500Z", "20060104T110501Z", true),
        AlarmCase("END +PT5M", meeting, ["TRIGGER;RELATED=END:PT5M"], nil, "20060104T110500Z", false),
        // END of DTSTART+DURATION: 12:00 - 10 minutes.
        AlarmCase("END of DURATION", long, ["TRIGGER;RELATED=END:-PT10M"], "20060104T115000Z", "20060104T115001Z", true),
        AlarmCase("END of DURATION", long, ["TRIGGER;RELATED=END:-PT10M"], "20060104T115001Z", nil, false),
        // END of a to-do is DUE.
        AlarmCase("VTODO END is DUE", task, ["TRIGGER;RELATED=END:-PT1H"], "20060104T110000Z", "20060104T110001Z", true),
        AlarmCase("VTODO START", task, ["TRIGGER:-PT1H"], "20060104T090000Z", "20060104T090001Z", true),
        // Absolute trigger, independent of the parent.
        AlarmCase("absolute", meeting, absolute, "20060101T080000Z", "20060101T080001Z", true),
        AlarmCase("absolute", meeting, absolute, "20060101T080001Z", "20060105T000000Z", false),
        // REPEAT:3 DURATION:PT10M after -PT30M: 09:30, 09:40, 09:50, 10:00.
        AlarmCase("repeats", meeting, repeats, "20060104T095500Z", "20060104T100000Z", false),
        AlarmCase("repeats", meeting, repeats, "20060104T095500Z", "20060104T100001Z", true),
        AlarmCase("repeats", meeting, repeats, "20060104T094100Z", "20060104T094900Z", false),
        AlarmCase("repeats", meeting, repeats, "20060104T100001Z", nil, false),
        AlarmCase("repeats", meeting, repeats, "20060104T094000Z", "20060104T094001Z", true),
        // REPEAT without DURATION does not repeat.
        AlarmCase("REPEAT alone", meeting, ["TRIGGER:-PT30M", "REPEAT:3"], "20060104T094000Z", "20060104T094001Z", false),
        // Absolute trigger with repeats.
        AlarmCase("absolute repeats", meeting, absolute + ["REPEAT:2", "DURATION:P1D"], "20060103T080000Z", "20060103T080001Z", true),
        AlarmCase("absolute repeats", meeting, absolute + ["REPEAT:2", "DURATION:P1D"], "20060104T080000Z", nil, false),
        // No TRIGGER: never.
        AlarmCase("no trigger", meeting, ["ACTION:DISPLAY"], nil, nil, false),
    ]

    @Test(arguments: cases)
    func alarm(_ testCase: AlarmCase) throws {
        let end = testCase.parent[0].replacingOccurrences(of: "BEGIN", with: "END")
        let text = (testCase.parent + ["BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:x"] + testCase.alarm + ["END:VALARM", end])
        let parent = component(text.joined(separator: "\n"))
        let filter = TimeRangeFilter(range: range(testCase.start, testCase.end), context: .test())
        #expect(try filter.matchesAlarm(parent.components(.valarm)[0], of: parent) == testCase.expected)
        #expect(try filter.matchesAnyAlarm(of: parent) == testCase.expected)
    }

    @Test func triggerFollowsTheExpandedInstance() throws {
        let daily = event("DTSTART:20060102T170000Z", "DURATION:PT1H", "RRULE:FREQ=DAILY")
        var parent = daily
        parent.components = [component("BEGIN:VALARM\nACTION:DISPLAY\nTRIGGER:-PT15M\nEND:VALARM")]
        let filter = TimeRangeFilter(range: range("20060106T164500Z", "20060106T164501Z"), context: .test())
        #expect(try filter.matchesAnyAlarm(of: parent, instanceStart: utc("20060106T170000Z")))
        #expect(try !filter.matchesAnyAlarm(of: parent, instanceStart: utc("20060105T170000Z")))
        #expect(try !filter.matchesAnyAlarm(of: parent))
    }

    @Test func toDoWithOnlyDueCountsStartFromDue() throws {
        // RFC 4791 §7.8.5: Task #2 has DUE;TZID=US/Eastern:20060106T120000 (17:00Z) and TRIGGER;RELATED=START:-PT10M,
        // and is returned for the alarm range 20060106T100000Z/20060107T100000Z.
        let task = component("""
            BEGIN:VTODO
            DTSTAMP:20060205T235300Z
            DUE;TZID=US/Eastern:20060106T120000
            UID:E10BA47467C5C69BB74E8720@example.com
            BEGIN:VALARM
            ACTION:AUDIO
            TRIGGER;RELATED=START:-PT10M
            END:VALARM
            END:VTODO
            """)
        let filter = TimeRangeFilter(range: range("20060106T100000Z", "20060107T100000Z"), context: .test())
        #expect(try filter.matchesAnyAlarm(of: task))
        let triggers = try #require(try AlarmTriggers(
            alarm: task.components[0], start: nil, end: utc("20060106T170000Z"), zone: FixedOffsetZone.utc, context: .test()))
        #expect(triggers.instants() == [utc("20060106T165000Z")])
    }

    @Test func nominalTriggerKeepsTheWallClockAcrossDST() throws {
        // -P1D before 31 March 12:00 at +02:00 is 30 March 12:00 at +01:00: 23 hours earlier, not 24.
        let parent = component("""
            BEGIN:VEVENT
            UID:x
            DTSTART;TZID=Test/SpringForward:20240331T120000
            BEGIN:VALARM
            ACTION:DISPLAY
            TRIGGER:-P1D
            REPEAT:2
            DURATION:P1D
            END:VALARM
            END:VEVENT
            """)
        let filter = TimeRangeFilter(range: range("20240330T110000Z", "20240330T110001Z"), context: .test())
        #expect(try filter.matchesAnyAlarm(of: parent))
        let triggers = try #require(try AlarmTriggers(
            alarm: parent.components[0], start: utc("20240331T100000Z"), end: nil, zone: SpringForwardZone(), context: .test()))
        #expect(triggers.instants() == [utc("20240330T110000Z"), utc("20240331T100000Z"), utc("20240401T100000Z")])
    }

    @Test func hugeRepeatIsAnsweredWithoutLooping() throws {
        // A trigger every minute for ~3,800 years: bisection finds the 2100 ones in a few dozen steps.
        let triggers = AlarmTriggers(first: utc("20060104T093000Z"), repeatCount: 2_000_000_000, repeatInterval: CalendarDuration(minutes: 1))
        #expect(triggers.overlaps(range("21000101T000000Z", "21000101T000001Z")))
        #expect(!triggers.overlaps(range("21000101T000001Z", "21000101T000059Z")))
        #expect(!triggers.overlaps(range(nil, "20060104T093000Z")))
        #expect(triggers.overlaps(range(nil, "20060104T093001Z")))
        #expect(triggers.instants(limit: 3) == [utc("20060104T093000Z"), utc("20060104T093100Z"), utc("20060104T093200Z")])
    }

    @Test func nonPositiveRepeatIntervalIsDropped() {
        let triggers = AlarmTriggers(first: utc("20060104T093000Z"), repeatCount: 5, repeatInterval: CalendarDuration(isNegative: true, minutes: 5))
        #expect(triggers.repeatCount == 0)
        #expect(triggers.instants() == [utc("20060104T093000Z")])
    }
}
