import Testing
@testable import ICalendar

/// RFC 5545 §3.3: each value type's examples parse, print back, and bad forms are refused with a useful message.
@Suite struct ValueTypeTests {
    /// §3.3.5: the three DATE-TIME forms; the "19980119T230000-0800" form is invalid.
    @Test func dateTimeForms() throws {
        #expect(try DateTime.parse("19980118T230000") == .floating(LocalDateTime(year: 1998, month: 1, day: 18, hour: 23)!))
        #expect(try DateTime.parse("19980119T070000Z") == .utc(LocalDateTime(year: 1998, month: 1, day: 19, hour: 7)!))
        #expect(try DateTime.parse("19980119T020000", tzid: "America/New_York") == .zoned(LocalDateTime(year: 1998, month: 1, day: 19, hour: 2)!, tzid: "America/New_York"))
        #expect(try DateTime.parse("19970714") == .date(CalendarDate(year: 1997, month: 7, day: 14)!))
        #expect(throws: ICalendarParseError.self) { try DateTime.parse("19980119T230000-0800") }
        #expect(throws: ICalendarParseError.self) { try DateTime.parse("20230230") }
        #expect(throws: ICalendarParseError.self) { try DateTime.parse("20230101T250000") }
        #expect(throws: ICalendarParseError.self) { try DateTime.parse("20230101", valueType: .dateTime) }
        #expect(DateTime.utc(LocalDateTime(year: 1998, month: 1, day: 19, hour: 7)!).icalValue == "19980119T070000Z")
    }

    /// §3.3.6 examples, and the RFC's nominal-day rule.
    @Test func durations() throws {
        let d = try CalendarDuration.parse("P15DT5H0M20S")
        #expect(d == CalendarDuration(days: 15, hours: 5, minutes: 0, seconds: 20))
        #expect(d.totalSeconds == 15 * 86_400 + 5 * 3600 + 20)
        #expect(try CalendarDuration.parse("P7W").icalValue == "P7W")
        #expect(try CalendarDuration.parse("-PT15M").totalSeconds == -900)
        #expect(try CalendarDuration.parse("+P1D").nominalDays == 1)
        #expect(try CalendarDuration.parse("PT0S").icalValue == "PT0S")
        for bad in ["P", "PT", "P1H", "PT1D", "1D", "P1DT", "P1M1D", "PT1S1M", "P-1D", "PT99999999999S"] {
            #expect(throws: ICalendarParseError.self, "\(bad)") { try CalendarDuration.parse(bad) }
        }
        // Adding P1D keeps the wall clock; adding PT24H is exact (the zone decides what that means at a DST change).
        let start = LocalDateTime(year: 2024, month: 3, day: 9, hour: 12)!
        #expect(CalendarDuration(days: 1).added(to: start) == LocalDateTime(year: 2024, month: 3, day: 10, hour: 12)!)
    }

    /// §3.3.9 examples.
    @Test func periods() throws {
        let explicit = try Period.parse("19970101T180000Z/19970102T070000Z")
        #expect(explicit.endLocal == LocalDateTime(year: 1997, month: 1, day: 2, hour: 7)!)
        let relative = try Period.parse("19970101T180000Z/PT5H30M")
        #expect(relative.endLocal == LocalDateTime(year: 1997, month: 1, day: 1, hour: 23, minute: 30)!)
        #expect(relative.icalValue == "19970101T180000Z/PT5H30M")
        #expect(throws: ICalendarParseError.self) { try Period.parse("19970101T180000Z") }
        #expect(throws: ICalendarParseError.self) { try Period.parse("19970101/PT1H") }
    }

    /// §3.3.14 examples.
    @Test func utcOffsets() throws {
        #expect(try UTCOffset.parse("-0500").seconds == -18_000)
        #expect(try UTCOffset.parse("+0100").seconds == 3600)
        #expect(try UTCOffset.parse("+013045").icalValue == "+013045")
        #expect(try UTCOffset.parse("+0530").icalValue == "+0530")
        for bad in ["0500", "+5", "+0560", "-05:00"] {
            #expect(throws: ICalendarParseError.self, "\(bad)") { try UTCOffset.parse(bad) }
        }
    }

    /// §3.3.10: every rule part parses; invalid rules are refused with the reason.
    @Test func recurrenceRules() throws {
        let rule = try RecurrenceRule.parse("FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU;BYMONTH=1,3;WKST=SU;BYSETPOS=-1;X-NAME=v")
        #expect(rule.frequency == .monthly)
        #expect(rule.interval == 2)
        #expect(rule.count == 10)
        #expect(rule.byDay == [.init(.sunday, ordinal: 1), .init(.sunday, ordinal: -1)])
        #expect(rule.weekStart == .sunday)
        #expect(rule.extensionParts.first?.name == "X-NAME")
        #expect(try RecurrenceRule.parse(rule.icalValue) == rule)
        let until = try RecurrenceRule.parse("FREQ=DAILY;UNTIL=19971224T000000", tzid: "America/New_York")
        #expect(until.until == .zoned(LocalDateTime(year: 1997, month: 12, day: 24)!, tzid: "America/New_York"))
        let bad = [
            "INTERVAL=2", "FREQ=FORTNIGHTLY", "FREQ=DAILY;COUNT=0", "FREQ=DAILY;COUNT=1;UNTIL=20200101",
            "FREQ=DAILY;BYMONTH=13", "FREQ=DAILY;BYMONTHDAY=0", "FREQ=DAILY;BYDAY=XX", "FREQ=DAILY;BYHOUR=24",
            "FREQ=DAILY;FREQ=WEEKLY", "FREQ=DAILY;BYWEEKNO=54", "FREQ=DAILY;FOO=1", "FREQ=DAILY;BYDAY=0MO",
        ]
        for text in bad {
            #expect(throws: ICalendarParseError.self, "\(text)") { try RecurrenceRule.parse(text) }
        }
    }

    /// §3.3.11: TEXT escapes, and list splitting honours escaped commas.
    @Test func textEscaping() {
        #expect(TextValue.unescape("a\\,b\\;c\\\\d\\ne\\Nf") == "a,b;c\\d\ne\nf")
        #expect(TextValue.escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne")
        #expect(TextValue.splitList("one,two\\,three,four").map(String.init) == ["one", "two\\,three", "four"])
        for s in ["plain", "comma, semicolon; backslash \\ newline\n", "ümlaut ☃ 𝄞", ""] {
            #expect(TextValue.unescape(TextValue.escape(s)) == s)
        }
    }

    @Test func calendarDateArithmetic() {
        #expect(CalendarDate(year: 1970, month: 1, day: 1)!.dayNumber == 0)
        #expect(CalendarDate(year: 1970, month: 1, day: 1)!.weekday == .thursday)
        #expect(CalendarDate(year: 2000, month: 2, day: 29)!.dayOfYear == 60)
        #expect(CalendarDate(year: 1900, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2024, month: 1, day: 31)!.adding(months: 1) == nil)
        #expect(CalendarDate(year: 2024, month: 1, day: 31)!.adding(months: 2) == CalendarDate(year: 2024, month: 3, day: 31))
        for day in stride(from: -800_000, through: 800_000, by: 997) {
            let date = CalendarDate(dayNumber: day)
            #expect(date.dayNumber == day)
            #expect(CalendarDate(year: date.year, month: date.month, day: date.day) == date)
        }
        #expect(LocalDateTime(secondsSinceEpoch: -1) == LocalDateTime(year: 1969, month: 12, day: 31, hour: 23, minute: 59, second: 59)!)
    }
}

/// RFC 5545 §3.3.1, §3.3.2, §3.3.7, §3.3.12: the scalar types, read through properties as a client would.
@Suite struct ScalarValueTests {
    @Test func binaryBooleanFloatTime() throws {
        // §3.3.1 example value (truncated) and §3.3.2, §3.3.7, §3.3.12 examples.
        let binary = Property(name: .attach, parameters: [Parameter(.encoding, "BASE64"), Parameter(.value, "BINARY")], value: "SGVsbG8sIFdvcmxkIQ==")
        #expect(String(decoding: try binary.binary(), as: UTF8.self) == "Hello, World!")
        #expect(try Property(name: "X-FLAG", parameters: [Parameter(.value, "BOOLEAN")], value: "TRUE").boolean())
        #expect(try Property(name: "X-RATIO", parameters: [Parameter(.value, "FLOAT")], value: "1000000.0000001").floats() == [1000000.0000001])
        let times = try Property(name: "X-TIMES", parameters: [Parameter(.value, "TIME")], value: "230000,070000Z").times()
        #expect(times.map(\.icalValue) == ["230000", "070000Z"])
        #expect(try Property(name: .geo, value: "37.386013;-122.082932").geo().longitude == -122.082932)
        #expect(Property(name: .attendee, value: "MAILTO:Jane@Example.com").mailtoAddress == "jane@example.com")
    }

    @Test func explicitValueTypesAreValidated() {
        let bad = [
            "X-FLAG;VALUE=BOOLEAN:MAYBE", "X-N;VALUE=INTEGER:1.5", "X-T;VALUE=TIME:250000", "X-F;VALUE=FLOAT:1e5",
            "ATTACH;ENCODING=BASE64;VALUE=BINARY:***", "X-D;VALUE=DATE:2024-01-01",
        ]
        for line in bad {
            let text = calendar("BEGIN:VEVENT", "UID:1", line, "END:VEVENT")
            #expect(throws: ICalendarParseError.self, "\(line)") { try ICalendarParser().parse(text) }
            #expect((try? ICalendarParser(options: .lenient).parse(text))?.warnings.first?.code == .invalidValue)
        }
    }
}
