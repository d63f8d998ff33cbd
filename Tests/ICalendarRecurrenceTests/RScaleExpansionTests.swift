import ICalendar
import Testing

@testable import ICalendarRecurrence

/// The whole-day recurrence set (DTSTART plus the rule) of a DATE start, as `YYYYMMDD`, at most `limit` of them.
private func dates(_ ruleText: String, from start: String, limit: Int = 50) throws -> [String] {
    let day = try #require(CalendarDate(year: Int(start.prefix(4))!, month: Int(start.dropFirst(4).prefix(2))!, day: Int(start.suffix(2))!))
    let set = RecurrenceSet(start: .date(day), rules: [try RecurrenceRule.parse(ruleText)])
    var iterator = set.makeIterator(resolver: TestZones())
    var result: [String] = []
    while result.count < limit, let next = iterator.next() { result.append(next.start.icalValue) }
    return result
}

/// RFC 7529 §4.3 examples, run through `RecurrenceSet` with DATE starts; the RFC lists dates, without COUNT.
@Suite struct RScaleRFCExampleTests {
    /// §4.3.1: Chinese New Year, the first day of the first Chinese month.
    @Test func chineseNewYear() throws {
        #expect(try dates("RSCALE=CHINESE;FREQ=YEARLY", from: "20130210", limit: 10) == [
            "20130210", "20140131", "20150219", "20160208", "20170128",
            "20180216", "20190205", "20200125", "20210212", "20220201",
        ])
    }

    /// §4.3.2: the first day of the Ethiopic thirteenth month (Pagume).
    @Test func ethiopicThirteenthMonth() throws {
        #expect(try dates("RSCALE=ETHIOPIC;FREQ=MONTHLY;BYMONTH=13", from: "20130906", limit: 5) == [
            "20130906", "20140906", "20150906", "20160906", "20170906",
        ])
    }

    /// §4.3.3: an anniversary on 8 Adar I (5L), moved to 8 Adar in common years.
    @Test func hebrewAnniversaryInALeapMonth() throws {
        #expect(try dates("RSCALE=HEBREW;FREQ=YEARLY;BYMONTH=5L;BYMONTHDAY=8;SKIP=FORWARD", from: "20140208", limit: 5) == [
            "20140208", "20150227", "20160217", "20170306", "20180223",
        ])
    }

    /// §4.3.4: a leap-day birthday. Without RSCALE the invalid dates are dropped (RFC 5545); SKIP moves them.
    @Test func gregorianLeapDay() throws {
        #expect(try dates("FREQ=YEARLY", from: "20120229", limit: 4) == ["20120229", "20160229", "20200229", "20240229"])
        #expect(try dates("RSCALE=GREGORIAN;FREQ=YEARLY;SKIP=FORWARD", from: "20120229", limit: 5) == [
            "20120229", "20130301", "20140301", "20150301", "20160229",
        ])
        #expect(try dates("RSCALE=GREGORIAN;FREQ=YEARLY;SKIP=BACKWARD", from: "20120229", limit: 5) == [
            "20120229", "20130228", "20140228", "20150228", "20160229",
        ])
        #expect(try dates("RSCALE=GREGORIAN;FREQ=YEARLY;SKIP=OMIT", from: "20120229", limit: 3) == ["20120229", "20160229", "20200229"])
        #expect(try dates("RSCALE=GREGORIAN;FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;SKIP=FORWARD", from: "20120229", limit: 3)
            == ["20120229", "20130301", "20140301"])
    }

    /// §3.1: monthly on the 31st. SKIP moves the missing 31sts, and a moved date counts toward COUNT.
    @Test func monthlyOnThe31st() throws {
        #expect(try dates("FREQ=MONTHLY;COUNT=4", from: "20140131") == ["20140131", "20140331", "20140531", "20140731"])
        #expect(try dates("RSCALE=GREGORIAN;FREQ=MONTHLY;COUNT=4;SKIP=BACKWARD", from: "20140131")
            == ["20140131", "20140228", "20140331", "20140430"])
        #expect(try dates("RSCALE=GREGORIAN;FREQ=MONTHLY;COUNT=4;SKIP=FORWARD", from: "20140131")
            == ["20140131", "20140301", "20140331", "20140501"])
        #expect(try dates("RSCALE=GREGORIAN;FREQ=MONTHLY;INTERVAL=3;SKIP=FORWARD;COUNT=4", from: "20140131")
            == ["20140131", "20140501", "20140731", "20141031"])
    }

    /// §3.1: a moved date that is already an instance is one instance, counted once.
    @Test func movedDatesAreNotDuplicated() throws {
        #expect(try dates("RSCALE=GREGORIAN;FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;SKIP=FORWARD;COUNT=5", from: "20150228")
            == ["20150228", "20150301", "20160228", "20160229", "20170228"])
        #expect(try dates("RSCALE=GREGORIAN;FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;SKIP=BACKWARD;COUNT=5", from: "20150228")
            == ["20150228", "20160228", "20160229", "20170228", "20180228"])
    }

    /// §3.1: SKIP applies only to what BYMONTH and BYMONTHDAY name; BYDAY and BYYEARDAY never name invalid dates.
    @Test func skipLeavesOtherPartsAlone() throws {
        #expect(try dates("RSCALE=GREGORIAN;FREQ=YEARLY;BYYEARDAY=366;SKIP=FORWARD;COUNT=2", from: "20121231")
            == ["20121231", "20161231"])
        #expect(try dates("RSCALE=GREGORIAN;FREQ=MONTHLY;BYDAY=-1FR;SKIP=BACKWARD;COUNT=3", from: "20140131")
            == ["20140131", "20140228", "20140328"])
    }
}

/// Rules in other calendars beyond the RFC's examples.
@Suite struct RScaleExpansionTests {
    /// The shared cross-check cases: Almanac must give the dates convertdate (or a holiday table) gives.
    @Test(arguments: RScaleFixtures.all)
    func crossCheckCases(_ example: RScaleFixtureCase) throws {
        #expect(try dates(example.rrule, from: example.dtstart, limit: example.expected.count + 5) == example.expected,
                "\(example.description)")
    }

    @Test func leapMonthOnlyInLeapYearsWithoutSkip() throws {
        // The Chinese leap ninth month of 2014 (閏九月) comes back in 2109: OMIT leaves the years between alone, and the
        // search gives up after a century of empty scale years.
        #expect(try dates("RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=9L;BYMONTHDAY=1", from: "20141024", limit: 2) == ["20141024", "21091024"])
        var iterator = RuleIterator(rule: rule("RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=9L;BYMONTHDAY=1"), dtstart: local("20141024T000000"))
        while iterator.next() != nil {}
        #expect(iterator.stopReason == .searchLimitReached)
        #expect(try dates("RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=9L;BYMONTHDAY=1;SKIP=BACKWARD;COUNT=2", from: "20141024")
            == ["20141024", "20151013"])
    }

    @Test func weeklyAndDailyRulesLimitInTheScale() throws {
        // Every Saturday in Adar I 5776 (leap): February 10 - March 10, 2016.
        #expect(try dates("RSCALE=HEBREW;FREQ=WEEKLY;BYDAY=SA;BYMONTH=5L;COUNT=4", from: "20160213")
            == ["20160213", "20160220", "20160227", "20160305"])
        // Daily on the first of each Islamic (civil) month.
        #expect(try dates("RSCALE=ISLAMIC-CIVIL;FREQ=DAILY;BYMONTHDAY=1;COUNT=3", from: "20130709")
            == ["20130709", "20130808", "20130906"])
    }

    @Test func timeOfDayAndZonesStayAsTheyAre() throws {
        let set = RecurrenceSet(
            start: .zoned(local("20140208T183000"), tzid: eastern),
            rules: [try RecurrenceRule.parse("RSCALE=HEBREW;FREQ=YEARLY;BYMONTH=5L;BYMONTHDAY=8;SKIP=FORWARD;COUNT=3")])
        let starts = set.occurrences(resolver: TestZones()).map(\.start.icalValue)
        #expect(starts == ["20140208T183000", "20150227T183000", "20160217T183000"])
    }

    @Test func seekingSkipsAheadInTheScale() throws {
        let set = RecurrenceSet(start: .date(CalendarDate(year: 2013, month: 2, day: 10)!), rules: [rule("RSCALE=CHINESE;FREQ=YEARLY")])
        var iterator = set.makeIterator(resolver: TestZones())
        iterator.seek(toFirstAtOrAfter: instant("20200101T000000Z"))
        #expect(iterator.next()?.start.icalValue == "20200125")
        var monthly = RecurrenceSet(start: .date(CalendarDate(year: 2013, month: 10, day: 4)!),
                                    rules: [rule("RSCALE=HEBREW;FREQ=MONTHLY;BYMONTHDAY=30;SKIP=BACKWARD")])
            .makeIterator(resolver: TestZones())
        var all: [String] = []
        while all.count < 40, let next = monthly.next() { all.append(next.start.icalValue) }
        var sought = RecurrenceSet(start: .date(CalendarDate(year: 2013, month: 10, day: 4)!),
                                   rules: [rule("RSCALE=HEBREW;FREQ=MONTHLY;BYMONTHDAY=30;SKIP=BACKWARD")])
            .makeIterator(resolver: TestZones())
        sought.seek(toFirstAtOrAfter: instant("20150101T000000Z"))
        let expected = all.filter { $0 >= "20150101" }.prefix(5)
        var got: [String] = []
        while got.count < expected.count, let next = sought.next() { got.append(next.start.icalValue) }
        #expect(got == Array(expected))
        // A date SKIP=FORWARD moved out of the month before the target's is still found.
        var forward = RecurrenceSet(start: .date(CalendarDate(year: 2014, month: 1, day: 31)!),
                                    rules: [rule("RSCALE=GREGORIAN;FREQ=MONTHLY;SKIP=FORWARD")])
            .makeIterator(resolver: TestZones())
        forward.seek(toFirstAtOrAfter: instant("20140301T000000Z"))
        #expect(forward.next()?.start.icalValue == "20140301")
    }

    @Test func unsupportedScaleIsATypedError() throws {
        #expect(throws: UnsupportedCalendarScale(name: "KLINGON")) { try RecurrenceCalendarScale(rscale: "KLINGON") }
        #expect(try RecurrenceCalendarScale(rscale: "islamic-civil").name == "ISLAMIC-CIVIL")
        var iterator = RuleIterator(rule: rule("RSCALE=KLINGON;FREQ=YEARLY"), dtstart: local("20140101T000000"))
        #expect(iterator.next() == nil)
        let event = components("""
            BEGIN:VEVENT
            UID:x
            DTSTART;VALUE=DATE:20140101
            RRULE:RSCALE=KLINGON;FREQ=YEARLY
            END:VEVENT
            """)[0]
        #expect(throws: RecurrenceError.self) { try RecurrenceSet(component: event) }
        do {
            _ = try RecurrenceSet(component: event)
        } catch {
            #expect(error.code == .unsupportedCalendarScale && error.property == .rrule)
            #expect(error.message.contains("KLINGON"))
        }
    }

    @Test func gregorianWithoutSkipKeepsTheFastPath() {
        let plain = RuleIterator(rule: rule("RSCALE=GREGORIAN;FREQ=MONTHLY;BYMONTHDAY=31"), dtstart: local("20140131T090000"))
        #expect(plain.scaled == nil)
        #expect(instances("RSCALE=GREGORIAN;FREQ=MONTHLY;BYMONTHDAY=31", from: "20140131T090000", limit: 3)
            == instances("FREQ=MONTHLY;BYMONTHDAY=31", from: "20140131T090000", limit: 3))
        let skipping = RuleIterator(rule: rule("RSCALE=GREGORIAN;FREQ=MONTHLY;SKIP=FORWARD"), dtstart: local("20140131T090000"))
        #expect(skipping.scaled != nil)
    }
}

/// Hostile rules stay within the expansion limits in another scale too.
@Suite struct RScaleLimitTests {
    @Test(arguments: [
        "RSCALE=HEBREW;FREQ=YEARLY;BYMONTH=13", "RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=12L;BYMONTHDAY=30",
        "RSCALE=ISLAMIC-CIVIL;FREQ=MONTHLY;BYMONTHDAY=31", "RSCALE=HEBREW;FREQ=DAILY;BYMONTH=13",
    ])
    func unmatchableRulesStop(_ text: String) {
        let clock = ContinuousClock()
        var iterator = RuleIterator(rule: rule(text), dtstart: local("20240101T090000"))
        let elapsed = clock.measure { while iterator.next() != nil {} }
        #expect(iterator.stopReason != nil)
        #expect(elapsed < .seconds(5), "\(text) took \(elapsed)")
    }
}
