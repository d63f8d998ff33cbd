import Testing
@testable import ICalendar

/// RFC 7529 rule parts: RSCALE, SKIP and leap months, parsed, kept and written back, in text and in jCal.
@Suite struct RecurrenceRuleRScaleTests {
    /// §3.1 and §4.2: the parts are read into the rule; the scale is kept as written.
    @Test func parsesRScaleSkipAndLeapMonths() throws {
        let rule = try RecurrenceRule.parse("RSCALE=hebrew;FREQ=YEARLY;BYMONTH=5L,6;BYMONTHDAY=8;SKIP=forward")
        #expect(rule.rscale == "hebrew")
        #expect(rule.skip == .forward)
        #expect(rule.byMonth == [6])
        #expect(rule.byLeapMonth == [5])
        #expect(rule.icalValue == "RSCALE=hebrew;FREQ=YEARLY;BYMONTHDAY=8;BYMONTH=6,5L;SKIP=FORWARD")
        #expect(try RecurrenceRule.parse("RSCALE=ETHIOPIC;FREQ=MONTHLY;BYMONTH=13").byMonth == [13])
        #expect(try RecurrenceRule.parse("FREQ=YEARLY;RSCALE=GREGORIAN").skip == nil)
    }

    /// Every RFC 7529 §4.3 rule (and SKIP=OMIT written out) survives text → rule → text → rule.
    @Test(arguments: [
        "RSCALE=CHINESE;FREQ=YEARLY",
        "RSCALE=ETHIOPIC;FREQ=MONTHLY;BYMONTH=13",
        "RSCALE=HEBREW;FREQ=YEARLY;BYMONTH=5L;BYMONTHDAY=8;SKIP=FORWARD",
        "RSCALE=GREGORIAN;FREQ=YEARLY;SKIP=FORWARD",
        "RSCALE=GREGORIAN;FREQ=MONTHLY;COUNT=4;SKIP=OMIT",
        "RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=9,9L;BYMONTHDAY=10;SKIP=BACKWARD;COUNT=4",
    ])
    func roundTrip(_ text: String) throws {
        let rule = try RecurrenceRule.parse(text)
        let written = rule.icalValue
        #expect(try RecurrenceRule.parse(written) == rule)
        #expect(try RecurrenceRule.parse(written).icalValue == written)
        #expect(written.hasPrefix("RSCALE="))
    }

    /// §3.1: SKIP only with RSCALE, and only its three values; §4.2: leap months and month 13 only with RSCALE.
    @Test(arguments: [
        "FREQ=YEARLY;SKIP=FORWARD", "RSCALE=GREGORIAN;FREQ=YEARLY;SKIP=LATER", "FREQ=YEARLY;BYMONTH=5L",
        "FREQ=YEARLY;BYMONTH=13", "RSCALE=HEBREW;FREQ=YEARLY;BYMONTH=14", "RSCALE=HEBREW;FREQ=YEARLY;BYMONTH=0L",
        "RSCALE=HEBREW;FREQ=YEARLY;BYMONTH=5X", "RSCALE=;FREQ=YEARLY", "RSCALE=A B;FREQ=YEARLY",
        "RSCALE=HEBREW;RSCALE=CHINESE;FREQ=YEARLY",
    ])
    func refusesMalformedParts(_ text: String) {
        #expect(throws: ICalendarParseError.self) { try RecurrenceRule.parse(text) }
    }

    @Test func scaleNamesCompareWithoutCase() throws {
        #expect(try RecurrenceRule.parse("RSCALE=hebrew;FREQ=YEARLY") == RecurrenceRule.parse("RSCALE=HEBREW;FREQ=YEARLY"))
        #expect(try RecurrenceRule.parse("RSCALE=HEBREW;FREQ=YEARLY") != RecurrenceRule.parse("RSCALE=CHINESE;FREQ=YEARLY"))
        #expect(try RecurrenceRule.parse("RSCALE=GREGORIAN;FREQ=YEARLY") != RecurrenceRule.parse("FREQ=YEARLY"))
    }

    /// RFC 7529 §6 (jCal): rscale and skip are strings, a leap month is a string among numbers; both directions.
    @Test func jCalRoundTrip() throws {
        let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART;VALUE=DATE:20140208\r\n"
            + "RRULE:RSCALE=HEBREW;FREQ=YEARLY;BYMONTH=5L,6;BYMONTHDAY=8;SKIP=FORWARD\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        let original = try Component(parsing: text)
        let json = try JCalEncoder().string(original)
        #expect(json.contains(#"{"rscale":"HEBREW","freq":"YEARLY","bymonth":["5L",6],"bymonthday":8,"skip":"FORWARD"}"#))
        let back = try JCalDecoder().decode(json)
        let rrule = try #require(back.components.first?.property(.rrule))
        #expect(try rrule.recurrenceRule() == RecurrenceRule.parse("RSCALE=HEBREW;FREQ=YEARLY;BYMONTH=5L,6;BYMONTHDAY=8;SKIP=FORWARD"))
        // Reading back puts FREQ first (RFC 5545 §3.3.10 asks producers to); the parts and values are unchanged.
        #expect(rrule.value == "FREQ=YEARLY;RSCALE=HEBREW;BYMONTH=5L,6;BYMONTHDAY=8;SKIP=FORWARD")
    }
}
