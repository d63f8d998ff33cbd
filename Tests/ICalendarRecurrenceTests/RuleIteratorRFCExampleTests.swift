import ICalendar
import Testing

@testable import ICalendarRecurrence

/// Every RFC 5545 §3.8.5.3 example and edge case, run through `RuleIterator` alone in wall-clock time (UNTIL
/// converted with the test America/New_York zone). Where DTSTART is an instance of the rule, the iterator's output
/// plus DTSTART is the set.
@Suite struct RuleIteratorRFCExampleTests {
    @Test(arguments: RecurrenceFixtures.all.filter { $0.dtstartMatchesRule != false })
    func wallClockInstances(_ example: RecurrenceFixtureCase) throws {
        let start = local(example.dtstart)
        let rule = try RecurrenceRule.parse(example.rrule, tzid: example.tzid)
        var until: LocalDateTime?
        if case .utc(let u) = rule.until { until = TestZones.eastern.local(at: Instant(utc: u)) }
        var iterator = RuleIterator(rule: rule, dtstart: start, until: until)
        var produced: [String] = []
        let excluded = Set(example.exdate ?? [])
        // The set always starts with DTSTART; the rule adds it again when DTSTART matches, which de-duplicates.
        if !excluded.contains(start.icalValue) { produced.append(start.icalValue) }
        while produced.count < example.expected.count + (example.complete ? 5 : 0), let next = iterator.next() {
            if next != start && !excluded.contains(next.icalValue) { produced.append(next.icalValue) }
        }
        if example.complete {
            #expect(produced == example.expected, "\(example.description)")
            #expect(iterator.next() == nil)
            #expect(iterator.stopReason == .exhausted)
        } else {
            #expect(Array(produced.prefix(example.expected.count)) == example.expected, "\(example.description)")
        }
    }
}
