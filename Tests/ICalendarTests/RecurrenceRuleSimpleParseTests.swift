import Testing
@testable import ICalendar

/// The byte reading of the commonest RRULEs (`RecurrenceRule.parseSimple`) gives the rule the full reading gives,
/// and leaves everything else, errors included, to it.
/// Spec: RFC 5545 §3.3.10.
@Suite struct RecurrenceRuleSimpleParseTests {
    static let rules = [
        "FREQ=WEEKLY;COUNT=10", "FREQ=DAILY;UNTIL=20261215T120000Z", "FREQ=MONTHLY;COUNT=3", "FREQ=YEARLY",
        "FREQ=WEEKLY;INTERVAL=2", "FREQ=DAILY;UNTIL=20261231", "FREQ=DAILY;UNTIL=20261231T120000",
        "COUNT=5;FREQ=DAILY", "FREQ=DAILY;;COUNT=2;", "FREQ=WEEKLY;COUNT=007", "INTERVAL=3;FREQ=MONTHLY;UNTIL=20270101T000000Z",
        // Left to the full reading:
        "FREQ=HOURLY;COUNT=3", "freq=daily;count=3", "FREQ=daily", "FREQ=WEEKLY;BYDAY=MO,WE", "FREQ=DAILY;COUNT=+3",
        "FREQ=DAILY;COUNT=0", "FREQ=DAILY;COUNT=3;UNTIL=20261231", "FREQ=DAILY;FREQ=WEEKLY", "COUNT=3",
        "FREQ=DAILY;UNTIL=2026", "FREQ=DAILY;COUNT", "FREQ=DAILY;INTERVAL=0", "FREQ=DAILY;COUNT=12345678901",
        "RSCALE=GREGORIAN;FREQ=MONTHLY", "FREQ=DAILY;X-NAME=1", "",
    ]

    @Test(arguments: rules)
    func givesWhatTheFullReadingGives(_ text: String) {
        for tzid in [nil, "Europe/Berlin"] as [String?] {
            var bytes = text
            let simple = bytes.withUTF8 { RecurrenceRule.parseSimple($0, tzid: tzid) }
            let full = try? RecurrenceRule.parseFull(text, tzid: tzid)
            if let simple { #expect(simple == full, "\(text)") }
            #expect((try? RecurrenceRule.parse(text, tzid: tzid)) == full, "\(text)")
            if let full, simple != nil { #expect(simple?.until == full.until && simple?.count == full.count) }
        }
    }

    @Test func readsTheBenchmarkShapes() {
        for text in ["FREQ=WEEKLY;COUNT=10", "FREQ=DAILY;UNTIL=20261215T120000Z", "FREQ=MONTHLY;UNTIL=20261231", "FREQ=WEEKLY;INTERVAL=2"] {
            var bytes = text
            #expect(bytes.withUTF8 { RecurrenceRule.parseSimple($0, tzid: nil) } != nil, "\(text)")
        }
    }
}
