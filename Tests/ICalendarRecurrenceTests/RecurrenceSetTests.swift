import ICalendar
import Testing

@testable import ICalendarRecurrence

/// Runs a set through the test zones and returns its starts as written (zoned wall clock, UTC, floating or DATE).
private func starts(_ set: RecurrenceSet, limit: Int = 100, from: Instant? = nil, policy: NonexistentTimePolicy = .shiftForward) -> [String] {
    var iterator = set.makeIterator(resolver: TestZones(), nonexistentTimes: policy)
    if let from { iterator.seek(toFirstAtOrAfter: from) }
    var result: [String] = []
    while result.count < limit, let next = iterator.next() { result.append(next.start.icalValue) }
    return result
}

/// Consumes the iterator itself (not a copy), so its `stopReason` can be checked afterwards.
private func drain(_ iterator: inout RecurrenceSet.Iterator) -> [RecurrenceOccurrence] {
    var result: [RecurrenceOccurrence] = []
    while let next = iterator.next() { result.append(next) }
    return result
}

private func zoned(_ text: String) -> DateTime { .zoned(local(text), tzid: eastern) }

@Suite struct RecurrenceSetRFCExampleTests {
    /// The §3.8.5.3 examples as the RFC states them: zoned DTSTART, UNTIL in UTC compared as an instant, EXDATE.
    @Test(arguments: RecurrenceFixtures.all)
    func zonedExamples(_ example: RecurrenceFixtureCase) throws {
        let set = RecurrenceSet(
            start: zoned(example.dtstart), rules: [try RecurrenceRule.parse(example.rrule, tzid: eastern)],
            exceptionDates: (example.exdate ?? []).map(zoned))
        var iterator = set.makeIterator(resolver: TestZones())
        var produced: [RecurrenceOccurrence] = []
        while produced.count < example.expected.count + (example.complete ? 1 : 0), let next = iterator.next() { produced.append(next) }
        let expected = example.complete ? example.expected : Array(example.expected.prefix(produced.count))
        #expect(produced.map(\.start.icalValue) == expected, "\(example.description)")
        #expect(produced.allSatisfy { $0.start.tzid == eastern })
        // Each instant is the wall clock read in New York (EDT or EST as the RFC annotates).
        #expect(produced.allSatisfy { $0.instant == TestZones.eastern.instant(for: $0.start.local) })
        if example.complete { #expect(iterator.stopReason == .exhausted) }
    }
}

@Suite struct RecurrenceSetTests {
    @Test func dtstartCountsAsFirstOfCount() {
        // Tuesday DTSTART, Friday rule: RFC 5545 §3.3.10 "The DTSTART property value always counts as the first
        // occurrence", so COUNT=3 gives DTSTART and two Fridays.
        let set = RecurrenceSet(start: .floating(local("19970902T090000")), rules: [rule("FREQ=WEEKLY;BYDAY=FR;COUNT=3")])
        #expect(starts(set) == ["19970902T090000", "19970905T090000", "19970912T090000"])
        let matching = RecurrenceSet(start: .floating(local("19970905T090000")), rules: [rule("FREQ=WEEKLY;BYDAY=FR;COUNT=3")])
        #expect(starts(matching) == ["19970905T090000", "19970912T090000", "19970919T090000"])
        let single = RecurrenceSet(start: .floating(local("19970902T090000")), rules: [rule("FREQ=WEEKLY;BYDAY=FR;COUNT=1")])
        #expect(starts(single) == ["19970902T090000"])
    }

    @Test func rdatesMergeDeduplicateAndCarryPeriods() throws {
        let set = RecurrenceSet(
            start: .utc(local("20240101T100000")), rules: [rule("FREQ=DAILY;COUNT=3")],
            dates: [
                .dateTime(.utc(local("20240102T100000"))),  // duplicate of a rule instance
                .dateTime(.utc(local("20231231T080000"))),  // before DTSTART: still a member of the set
                .period(try Period.parse("20240110T120000Z/20240110T150000Z")),
                .period(try Period.parse("20240111T120000Z/PT1H30M")),
            ])
        var iterator = set.makeIterator(resolver: TestZones())
        let all = drain(&iterator)
        #expect(iterator.stopReason == .exhausted)
        #expect(all.map(\.start.icalValue) == ["20231231T080000Z", "20240101T100000Z", "20240102T100000Z", "20240103T100000Z", "20240110T120000Z", "20240111T120000Z"])
        #expect(all.map(\.source) == [.date, .start, .date, .rule, .date, .date])
        #expect(all[4].periodEnd == instant("20240110T150000Z"))
        #expect(all[5].periodEnd == instant("20240111T133000Z"))
    }

    @Test func exdateRemovesRuleDatesRdatesAndDtstart() {
        let set = RecurrenceSet(
            start: zoned("20240101T090000"), rules: [rule("FREQ=DAILY;COUNT=5")],
            dates: [.dateTime(zoned("20240110T090000"))],
            exceptionDates: [zoned("20240101T090000"), .utc(local("20240103T140000")), zoned("20240110T090000")])
        #expect(starts(set) == ["20240102T090000", "20240104T090000", "20240105T090000"])
    }

    @Test func dateExdateRemovesTheWholeDayOfATimedSet() {
        let set = RecurrenceSet(
            start: .floating(local("20240101T090000")), rules: [rule("FREQ=DAILY;BYHOUR=9,17;COUNT=6")],
            exceptionDates: [.date(CalendarDate(year: 2024, month: 1, day: 2)!)])
        #expect(starts(set) == ["20240101T090000", "20240101T170000", "20240103T090000", "20240103T170000"])
    }

    @Test func exruleRemovesWhatItGenerates() {
        let set = RecurrenceSet(
            start: .floating(local("20240101T090000")), rules: [rule("FREQ=DAILY;COUNT=10")],
            exceptionRules: [rule("FREQ=WEEKLY;BYDAY=SA,SU")])
        #expect(starts(set) == ["20240101T090000", "20240102T090000", "20240103T090000", "20240104T090000", "20240105T090000", "20240108T090000", "20240109T090000", "20240110T090000"])
    }

    @Test func severalRulesAreMerged() {
        let set = RecurrenceSet(
            start: .floating(local("20240101T090000")),
            rules: [rule("FREQ=WEEKLY;BYDAY=MO;COUNT=3"), rule("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=3")])
        #expect(starts(set) == ["20240101T090000", "20240103T090000", "20240108T090000", "20240115T090000"])
    }

    @Test func utcUntilWithZonedStartIsComparedAsAnInstant() {
        // 2024-11-03: 01:00–01:59 happens twice in New York. UNTIL 06:15Z is 01:15 EST, the second pass, so every
        // first-pass time up to 01:45 EDT (05:45Z) is before it; a wall-clock comparison would stop at 01:15.
        let set = RecurrenceSet(start: zoned("20241103T010000"), rules: [rule("FREQ=MINUTELY;INTERVAL=15;UNTIL=20241103T061500Z")])
        #expect(starts(set) == ["20241103T010000", "20241103T011500", "20241103T013000", "20241103T014500"])
    }

    @Test func repeatedWallClockMeansTheFirstOccurrence() {
        let set = RecurrenceSet(start: zoned("20241102T013000"), rules: [rule("FREQ=DAILY;COUNT=2")])
        var iterator = set.makeIterator(resolver: TestZones())
        _ = iterator.next()
        #expect(iterator.next()?.instant == instant("20241103T053000Z"))  // 01:30 EDT, not EST
    }

    @Test func nonexistentWallClockShiftsForwardOrIsSkipped() {
        let set = RecurrenceSet(start: zoned("20240309T023000"), rules: [rule("FREQ=DAILY;COUNT=3")])
        var shifted = set.makeIterator(resolver: TestZones())
        let all = drain(&shifted)
        #expect(all.map(\.start.icalValue) == ["20240309T023000", "20240310T023000", "20240311T023000"])
        #expect(all[1].instant == instant("20240310T073000Z"))  // read with EST: 03:30 EDT
        // RFC 5545 §3.3.10's other reading: ignored, and not counted.
        #expect(starts(set, policy: .skip) == ["20240309T023000", "20240311T023000", "20240312T023000"])
    }

    @Test func dateStartIgnoresTimePartsAndReadsUntilLeniently() {
        let day = DateTime.date(CalendarDate(year: 2024, month: 1, day: 1)!)
        #expect(starts(RecurrenceSet(start: day, rules: [rule("FREQ=DAILY;BYHOUR=9,10;COUNT=3")])) == ["20240101", "20240102", "20240103"])
        // A DATE-TIME UNTIL with a DATE start covers its own calendar day.
        #expect(starts(RecurrenceSet(start: day, rules: [rule("FREQ=DAILY;UNTIL=20240103T000000Z")])) == ["20240101", "20240102", "20240103"])
        // A DATE UNTIL with a DATE-TIME start covers that whole day.
        let timed = RecurrenceSet(start: zoned("20240101T220000"), rules: [rule("FREQ=DAILY;UNTIL=20240103", tzid: eastern)])
        #expect(starts(timed) == ["20240101T220000", "20240102T220000", "20240103T220000"])
    }

    @Test func valuesInOtherFramesArePlacedInDtstartsFrame() {
        let set = RecurrenceSet(
            start: zoned("20240101T090000"),
            dates: [.dateTime(.utc(local("20240105T170000"))), .dateTime(.zoned(local("20240106T150000"), tzid: "Europe/Berlin"))])
        #expect(starts(set) == ["20240101T090000", "20240105T120000", "20240106T090000"])
    }

    @Test func floatingValuesUseTheFloatingZone() {
        let set = RecurrenceSet(start: .floating(local("20240101T090000")), rules: [rule("FREQ=DAILY;COUNT=2")])
        let berlin = set.occurrences(resolver: TestZones(), floating: TestZones.berlinWinter)
        #expect(berlin.map(\.instant) == [instant("20240101T080000Z"), instant("20240102T080000Z")])
    }

    @Test func seekThenIterateEqualsIterateThenDrop() throws {
        let set = RecurrenceSet(
            start: zoned("20240301T090000"), rules: [rule("FREQ=DAILY;INTERVAL=3"), rule("FREQ=WEEKLY;BYDAY=SU;BYHOUR=18")],
            dates: [.dateTime(.utc(local("20240320T000000"))), .period(try Period.parse("20240402T100000Z/PT1H"))],
            exceptionDates: [zoned("20240310T090000"), zoned("20240313T090000")], exceptionRules: [rule("FREQ=MONTHLY;BYMONTHDAY=19")])
        var full = set.makeIterator(resolver: TestZones())
        var all: [RecurrenceOccurrence] = []
        while all.count < 80, let next = full.next() { all.append(next) }
        for target in all.map(\.instant).flatMap({ [$0, $0.adding(seconds: 1), $0.adding(seconds: -3600)] }) {
            var iterator = set.makeIterator(resolver: TestZones())
            iterator.seek(toFirstAtOrAfter: target)
            let expected = Array(all.filter { $0.instant >= target }.prefix(10))
            var sought: [RecurrenceOccurrence] = []
            while sought.count < expected.count, let next = iterator.next() { sought.append(next) }
            #expect(sought == expected, "seeking \(target)")
        }
    }

    @Test func ruleCutShortByALimitStopsTheSet() {
        let set = RecurrenceSet(
            start: .floating(local("20240101T000000")), rules: [rule("FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30")],
            dates: [.dateTime(.floating(local("20300101T000000")))])
        var iterator = set.makeIterator(resolver: TestZones(), limits: ExpansionLimits(maxIterationsWithoutMatch: 50))
        #expect(iterator.next()?.start.icalValue == "20240101T000000")
        #expect(iterator.next() == nil)
        #expect(iterator.stopReason == .searchLimitReached)
        var capped = RecurrenceSet(start: .floating(local("20240101T000000")), rules: [rule("FREQ=DAILY")])
            .makeIterator(resolver: TestZones(), limits: ExpansionLimits(maxInstances: 3))
        #expect(drain(&capped).count == 3)
        #expect(capped.stopReason == .instanceLimitReached)
    }

    @Test func readsAComponent() throws {
        let event = components("""
            BEGIN:VEVENT
            UID:x
            DTSTART;TZID=America/New_York:20240101T090000
            RRULE:FREQ=DAILY;COUNT=3
            RDATE;TZID=America/New_York:20240110T090000,20240111T090000
            RDATE;VALUE=PERIOD:20240112T140000Z/PT1H
            EXDATE;TZID=America/New_York:20240102T090000
            EXRULE:FREQ=DAILY;BYMONTHDAY=11
            END:VEVENT
            """)[0]
        let set = try RecurrenceSet(component: event)
        #expect(set.rules.count == 1 && set.exceptionRules.count == 1 && set.dates.count == 3 && set.exceptionDates.count == 1)
        #expect(starts(set) == ["20240101T090000", "20240103T090000", "20240110T090000", "20240112T090000"])
        #expect(set.isRecurring && set.isBounded)
    }

    @Test func reportsUnreadableProperties() {
        // Built by hand: the strict parser would already reject this RRULE.
        let bad = Component(name: .vevent, properties: [
            Property(name: .uid, value: "x"), Property(name: .dtstart, value: "20240101T090000"),
            Property(name: .rrule, value: "FREQ=DAILY;BYDAY=XX"),
        ])
        #expect(throws: RecurrenceError.self) { try RecurrenceSet(component: bad) }
        do {
            _ = try RecurrenceSet(component: bad)
        } catch {
            #expect(error.code == .invalidValue && error.property == .rrule)
        }
        let noStart = Component(name: .vevent, properties: [Property(name: .uid, value: "x")])
        do {
            _ = try RecurrenceSet(component: noStart)
            Issue.record("expected missingStart")
        } catch {
            #expect(error.code == .missingStart)
        }
    }
}
