import ICalendar
import Testing

@testable import ICalendarRecurrence

@Suite struct RuleIteratorTests {
    @Test func dtstartThatDoesNotMatchIsNotGenerated() {
        // 1997-09-02 is a Tuesday; the rule only makes Fridays. Adding DTSTART is RecurrenceSet's job.
        #expect(instances("FREQ=WEEKLY;BYDAY=FR;COUNT=3", from: "19970902T090000") == ["19970905T090000", "19970912T090000", "19970919T090000"])
    }

    @Test func untilBeforeDtstartGivesNothing() {
        var iterator = RuleIterator(rule: rule("FREQ=DAILY;UNTIL=19970101T000000Z"), dtstart: local("19970902T090000"))
        #expect(iterator.next() == nil)
        #expect(iterator.stopReason == .exhausted)
    }

    @Test func untilIsInclusiveAndDateUntilCoversTheDay() {
        #expect(instances("FREQ=DAILY;UNTIL=19970904T090000", from: "19970902T090000").count == 3)
        #expect(instances("FREQ=HOURLY;INTERVAL=6;UNTIL=19970903", from: "19970902T090000") == ["19970902T090000", "19970902T150000", "19970902T210000", "19970903T030000", "19970903T090000", "19970903T150000", "19970903T210000"])
    }

    @Test func datesBefore1970StepLikeLaterOnes() {
        #expect(instances("FREQ=WEEKLY;COUNT=3", from: "19691225T120000") == ["19691225T120000", "19700101T120000", "19700108T120000"])
        #expect(instances("FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3", from: "19691130T000000") == ["19691130T000000", "19691231T000000", "19700131T000000"])
        #expect(instances("FREQ=HOURLY;INTERVAL=5;COUNT=3", from: "19691231T220000") == ["19691231T220000", "19700101T030000", "19700101T080000"])
    }

    @Test func weekNumberWithoutWeekdayTakesDtstartWeekday() {
        // 1997-05-12 is the Monday of week 20; the weekday comes from DTSTART as the month day does for BYMONTH.
        #expect(instances("FREQ=YEARLY;BYWEEKNO=20;COUNT=3", from: "19970512T090000") == ["19970512T090000", "19980511T090000", "19990517T090000"])
    }

    @Test func ordinalWeekdayInWeeklyRuleReadsAsPlainWeekday() {
        #expect(instances("FREQ=WEEKLY;BYDAY=2TU;COUNT=2", from: "19970902T090000") == ["19970902T090000", "19970909T090000"])
    }

    @Test func leapSecondIsNeverGenerated() {
        #expect(instances("FREQ=MINUTELY;BYSECOND=59,60;COUNT=3", from: "19970902T090059") == ["19970902T090059", "19970902T090159", "19970902T090259"])
    }

    @Test func yearlyEndsAtYear9999() {
        var iterator = RuleIterator(rule: rule("FREQ=YEARLY"), dtstart: local("99980601T000000"))
        #expect(iterator.next()?.icalValue == "99980601T000000")
        #expect(iterator.next()?.icalValue == "99990601T000000")
        #expect(iterator.next() == nil)
        #expect(iterator.stopReason == .exhausted)
    }

    @Test func hugeIntervalOnlyReachesDtstart() {
        #expect(instances("FREQ=SECONDLY;INTERVAL=999999999999999", from: "20240101T000000") == ["20240101T000000"])
    }

    @Test func everySecondOfTheYearIsIndexedLazily() {
        let hours = (0...23).map(String.init).joined(separator: ",")
        let minutes = (0...59).map(String.init).joined(separator: ",")
        // Without a day part the day would come from DTSTART; BYDAY with all seven days names every day.
        let text = "FREQ=YEARLY;BYDAY=MO,TU,WE,TH,FR,SA,SU;BYHOUR=\(hours);BYMINUTE=\(minutes);BYSECOND=\(minutes)"
        #expect(instances(text, from: "20240101T000000", limit: 3) == ["20240101T000000", "20240101T000001", "20240101T000002"])
        // The last second of the year by position: 366 × 86,400 candidates, never materialised.
        #expect(instances(text + ";BYSETPOS=-1", from: "20240101T000000", limit: 2) == ["20241231T235959", "20251231T235959"])
    }

    // MARK: Limits

    @Test(arguments: [
        "FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=31",
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31",
        "FREQ=WEEKLY;BYMONTH=6;BYMONTHDAY=31",
        "FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=MINUTELY;BYMONTHDAY=31;BYMONTH=11",
        "FREQ=MONTHLY;BYDAY=MO;BYMONTHDAY=1;BYSETPOS=2",
        "FREQ=YEARLY;BYWEEKNO=53;BYMONTH=6",
        "FREQ=YEARLY;BYYEARDAY=366;BYMONTH=1",
        "FREQ=MINUTELY;INTERVAL=1440;BYHOUR=1",
        // Periods with candidates of which BYSETPOS selects none count as empty too.
        "FREQ=SECONDLY;BYSETPOS=2",
        "FREQ=MINUTELY;INTERVAL=2;BYMONTHDAY=-6,24,7;BYSETPOS=9,10",
        "FREQ=SECONDLY;BYMONTH=11,6;BYSECOND=1;BYSETPOS=8,-10",
    ])
    func hostileRulesEndPromptly(_ text: String) {
        var iterator = RuleIterator(rule: rule(text), dtstart: local("20240101T000000"), limits: ExpansionLimits(maxIterationsWithoutMatch: 500))
        #expect(iterator.next() == nil)
        #expect(iterator.stopReason == .searchLimitReached || iterator.stopReason == .exhausted)
    }

    @Test func emptyRuleRunsToItsYearLimitOrTheSearchLimit() {
        var yearly = RuleIterator(rule: rule("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"), dtstart: local("20240101T000000"))
        #expect(yearly.next() == nil)
        #expect(yearly.stopReason == .exhausted)  // reaches 9999 before 10,000 empty years
        var monthly = RuleIterator(rule: rule("FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30"), dtstart: local("20240101T000000"))
        #expect(monthly.next() == nil)
        #expect(monthly.stopReason == .searchLimitReached)
    }

    @Test func instanceLimitStopsAndSaysSo() {
        var iterator = RuleIterator(rule: rule("FREQ=DAILY"), dtstart: local("20240101T000000"), limits: ExpansionLimits(maxInstances: 5))
        var count = 0
        while count < 10, iterator.next() != nil { count += 1 }
        #expect(count == 5)
        #expect(iterator.next() == nil)
        #expect(iterator.stopReason == .instanceLimitReached)
        // Exactly as many instances as the limit is not a truncation.
        var exact = RuleIterator(rule: rule("FREQ=DAILY;COUNT=5"), dtstart: local("20240101T000000"), limits: ExpansionLimits(maxInstances: 5))
        while exact.next() != nil {}
        #expect(exact.stopReason == .exhausted)
    }

    @Test func sparseButValidRulesAreNotCutShort() {
        // Leap days only: 8 years without a match across 2100 stays well inside the default search limit.
        #expect(instances("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;COUNT=3", from: "20960229T000000") == ["20960229T000000", "21040229T000000", "21080229T000000"])
        #expect(instances("FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=29;BYHOUR=12;COUNT=2", from: "20960229T120000") == ["20960229T120000", "21040229T120000"])
    }

    // MARK: Seek

    static let seekRules: [(String, String)] = RecurrenceFixtures.all
        .filter { !$0.rrule.contains("UNTIL") }
        .map { ($0.rrule, $0.dtstart) }
        + [
            ("FREQ=SECONDLY;INTERVAL=7;BYMINUTE=0,30", "20240101T000003"),
            ("FREQ=MINUTELY;INTERVAL=13;BYHOUR=8,20", "20240101T080000"),
            ("FREQ=HOURLY;INTERVAL=5;BYDAY=MO", "20240101T000000"),
            ("FREQ=WEEKLY;INTERVAL=3;BYDAY=MO,SU;WKST=SU", "20240101T000000"),
        ]

    @Test(arguments: seekRules)
    func seekThenIterateEqualsIterateThenDrop(_ ruleText: String, _ start: String) {
        let all = instances(ruleText, from: start, limit: 200)
        let stride = Swift.max(1, all.count / 12)
        var targets = [local(start).adding(seconds: -86_400)]
        for index in Swift.stride(from: 0, to: all.count - 1, by: stride) {
            targets.append(local(all[index]))
            targets.append(local(all[index]).adding(seconds: 1))
        }
        for target in targets {
            var iterator = RuleIterator(rule: rule(ruleText), dtstart: local(start))
            iterator.seek(toFirstAtOrAfter: target)
            let expected = Array(all.filter { local($0) >= target }.prefix(20))
            var sought: [String] = []
            while sought.count < expected.count, let next = iterator.next() { sought.append(next.icalValue) }
            #expect(sought == expected, "\(ruleText) seeking \(target)")
        }
    }

    @Test func seekWithCountWalksAndCounts() {
        var iterator = RuleIterator(rule: rule("FREQ=DAILY;COUNT=10"), dtstart: local("20240101T090000"))
        iterator.seek(toFirstAtOrAfter: local("20240107T000000"))
        #expect(iterator.map(\.icalValue) == ["20240107T090000", "20240108T090000", "20240109T090000", "20240110T090000"])
        var past = RuleIterator(rule: rule("FREQ=DAILY;COUNT=10"), dtstart: local("20240101T090000"))
        past.seek(toFirstAtOrAfter: local("20250101T000000"))
        #expect(past.next() == nil)
        #expect(past.stopReason == .exhausted)
    }

    @Test func seekFarIntoAnUnboundedRuleJumps() {
        // With a 10-instance limit, walking would stop long before the year 2500; jumping does not.
        var iterator = RuleIterator(rule: rule("FREQ=DAILY"), dtstart: local("20240101T090000"), limits: ExpansionLimits(maxInstances: 10))
        iterator.seek(toFirstAtOrAfter: local("25000301T120000"))
        #expect(iterator.next()?.icalValue == "25000302T090000")
    }

    @Test func seekBackwardsIsIgnored() {
        var iterator = RuleIterator(rule: rule("FREQ=DAILY"), dtstart: local("20240101T090000"))
        iterator.seek(toFirstAtOrAfter: local("20240105T000000"))
        iterator.seek(toFirstAtOrAfter: local("20240102T000000"))
        #expect(iterator.next()?.icalValue == "20240105T090000")
    }

    // MARK: Gaps

    @Test func gapZoneSkipsNonexistentTimesWithoutCountingThem() {
        // 2024-03-10 02:30 does not exist in New York.
        let iterator = RuleIterator(rule: rule("FREQ=DAILY;COUNT=3"), dtstart: local("20240309T023000"), skippingGapsIn: TestZones.eastern)
        #expect(iterator.map(\.icalValue) == ["20240309T023000", "20240311T023000", "20240312T023000"])
    }
}

@Suite struct WeekNumberingTests {
    @Test(arguments: [
        // ISO 8601 (WKST=MO): 2020 has 53 weeks, 2021-01-01 is in 2020's week 53, 2024-12-30 in 2025's week 1.
        ("20200101", Weekday.monday, 1, 53), ("20210101", .monday, 53, 53), ("20210104", .monday, 1, 52),
        ("20241230", .monday, 1, 52), ("20241229", .monday, 52, 52),
        // Sunday-start weeks: 2024's week 1 starts on Sunday 2023-12-31.
        ("20240106", .sunday, 1, 52), ("20240107", .sunday, 2, 52),
    ])
    func weekNumbers(_ date: String, _ weekStart: Weekday, _ number: Int, _ weeks: Int) throws {
        guard case .date(let day) = try DateTime.parse(date) else { Issue.record("not a date"); return }
        let numbering = WeekNumbering(year: day.year, weekStart: weekStart)
        let week = numbering.week(ofDay: day.dayNumber)
        #expect(week.number == number)
        #expect(week.weeksInWeekYear == weeks)
    }

    @Test func week53OnlyWhenThursdayStartsTheYearOrLeapWednesday() {
        let years = (1990...2040).filter { WeekNumbering(year: $0, weekStart: .monday).weeksInYear == 53 }
        #expect(years == [1992, 1998, 2004, 2009, 2015, 2020, 2026, 2032, 2037])
    }
}
