import ICalendar
import ICalendarRecurrence
import Testing

/// A stand-in for the recurrence expander: understands `FREQ=WEEKLY;BYDAY=...` and nothing else, enough to show that
/// recurring AVAILABLE components plug in through `AvailableExpanding`.
struct WeeklyAvailabilityTestExpander: AvailableExpanding {
    func availableSpans(of vavailability: Component, in window: Range<Instant>, context: TimeContext) throws(FreeBusyError) -> [Range<Instant>] {
        var spans: [Range<Instant>] = []
        for available in vavailability.components(.available) {
            guard let dtstart = try? available.property(.dtstart)?.dateTime(), let dtend = try? available.property(.dtend)?.dateTime()
            else { continue }
            guard let rule = try? available.property(.rrule)?.recurrenceRule() else {
                spans.append(context.instant(dtstart)..<context.instant(dtend))
                continue
            }
            let zone = context.zone(of: dtstart)
            let length = context.instant(dtend).secondsSinceEpoch - context.instant(dtstart).secondsSinceEpoch
            var day = dtstart.date
            while zone.instant(for: LocalDateTime(date: day, time: dtstart.local.time)) < window.upperBound {
                if rule.byDay.contains(where: { $0.weekday == day.weekday }) {
                    let start = zone.instant(for: LocalDateTime(date: day, time: dtstart.local.time))
                    spans.append(start..<start.adding(seconds: length))
                }
                day = day.adding(days: 1)
            }
        }
        return spans
    }
}

/// RFC 7953 §4: busy time from VAVAILABILITY, by priority, merged with event busy time.
@Suite struct AvailabilityCalculatorTests {
    // Monday 1 July 2024 00:00 to Saturday 6 July 00:00 at +02:00.
    let weekStart = utc("20240630T220000Z")
    let weekEnd = utc("20240705T220000Z")

    func vavailability(_ lines: [String], available: [[String]] = []) -> Component {
        var text = ["BEGIN:VAVAILABILITY", "UID:a", "DTSTAMP:20240601T000000Z"] + lines
        for slot in available { text += ["BEGIN:AVAILABLE", "UID:s", "DTSTAMP:20240601T000000Z"] + slot + ["END:AVAILABLE"] }
        return component((text + ["END:VAVAILABILITY"]).joined(separator: "\n"))
    }

    func busy(_ components: [Component], from: String = "20240701T000000Z", to: String = "20240702T000000Z") throws -> [String] {
        describe(try AvailabilityCalculator(context: .test()).busyPeriods(components, from: utc(from), to: utc(to)))
    }

    static let businessHours = ["DTSTART:20240701T090000Z", "DTEND:20240701T170000Z"]

    @Test func timeOutsideAvailableIsBusyUnavailableByDefault() throws {
        let office = vavailability(["DTSTART:20240701T000000Z", "DTEND:20240702T000000Z"], available: [Self.businessHours])
        #expect(try busy([office]) == [
            "BUSY-UNAVAILABLE 20240701T000000Z/20240701T090000Z",
            "BUSY-UNAVAILABLE 20240701T170000Z/20240702T000000Z",
        ])
    }

    @Test func busyTypeIsTaken() throws {
        let office = vavailability(["BUSYTYPE:BUSY-TENTATIVE"], available: [Self.businessHours])
        #expect(try busy([office]) == [
            "BUSY-TENTATIVE 20240701T000000Z/20240701T090000Z",
            "BUSY-TENTATIVE 20240701T170000Z/20240702T000000Z",
        ])
    }

    @Test func coveredTimeIsBoundedByDtstartAndDtendOrDuration() throws {
        let morning = vavailability(["DTSTART:20240701T060000Z", "DURATION:PT4H"], available: [Self.businessHours])
        #expect(try busy([morning]) == ["BUSY-UNAVAILABLE 20240701T060000Z/20240701T090000Z"])
        let fromNoon = vavailability(["DTSTART:20240701T120000Z"])
        #expect(try busy([fromNoon]) == ["BUSY-UNAVAILABLE 20240701T120000Z/20240702T000000Z"])
        let untilNoon = vavailability(["DTEND:20240701T120000Z"])
        #expect(try busy([untilNoon]) == ["BUSY-UNAVAILABLE 20240701T000000Z/20240701T120000Z"])
        let outside = vavailability(["DTSTART:20240801T000000Z"])
        #expect(try busy([outside]).isEmpty)
    }

    @Test func availableOutsideItsVAvailabilityFreesNothing() throws {
        let short = vavailability(["DTSTART:20240701T100000Z", "DTEND:20240701T120000Z"], available: [["DTSTART:20240701T110000Z", "DTEND:20240701T150000Z"]])
        #expect(try busy([short]) == ["BUSY-UNAVAILABLE 20240701T100000Z/20240701T110000Z"])
    }

    @Test func higherPriorityDecidesTheTimeItCovers() throws {
        let low = vavailability(["PRIORITY:9"], available: [Self.businessHours])
        let high = vavailability(["PRIORITY:1", "DTSTART:20240701T120000Z", "DTEND:20240701T140000Z", "BUSYTYPE:BUSY"])
        #expect(try busy([low, high]) == [
            "BUSY-UNAVAILABLE 20240701T000000Z/20240701T090000Z",
            "BUSY 20240701T120000Z/20240701T140000Z",
            "BUSY-UNAVAILABLE 20240701T170000Z/20240702T000000Z",
        ])
        // Input order does not matter.
        #expect(try busy([high, low]) == busy([low, high]))
    }

    @Test func higherPriorityAvailableOverridesLowerBusy() throws {
        let closed = vavailability(["PRIORITY:5"])
        let open = vavailability(["PRIORITY:2", "DTSTART:20240701T080000Z", "DTEND:20240701T200000Z"], available: [Self.businessHours])
        #expect(try busy([closed, open]) == [
            "BUSY-UNAVAILABLE 20240701T000000Z/20240701T090000Z",
            "BUSY-UNAVAILABLE 20240701T170000Z/20240702T000000Z",
        ])
    }

    @Test func priorityZeroOrAbsentIsLowest() throws {
        let openZero = vavailability(["PRIORITY:0"], available: [Self.businessHours])
        let openAbsent = vavailability([], available: [Self.businessHours])
        let closedNine = vavailability(["PRIORITY:9", "BUSYTYPE:BUSY"])
        #expect(try busy([openZero, closedNine]) == ["BUSY 20240701T000000Z/20240702T000000Z"])
        #expect(try busy([openAbsent, closedNine]) == ["BUSY 20240701T000000Z/20240702T000000Z"])
    }

    @Test func equalPrioritiesCombineTheirAvailableTime() throws {
        let morning = vavailability(["PRIORITY:5"], available: [["DTSTART:20240701T090000Z", "DTEND:20240701T120000Z"]])
        let afternoon = vavailability(["PRIORITY:5"], available: [["DTSTART:20240701T110000Z", "DTEND:20240701T170000Z"]])
        #expect(try busy([morning, afternoon]) == [
            "BUSY-UNAVAILABLE 20240701T000000Z/20240701T090000Z",
            "BUSY-UNAVAILABLE 20240701T170000Z/20240702T000000Z",
        ])
    }

    @Test func recurringAvailableNeedsAnExpander() {
        let weekly = vavailability([], available: [Self.businessHours + ["RRULE:FREQ=WEEKLY;BYDAY=MO"]])
        #expect(throws: FreeBusyError.recurrenceNotExpanded(uid: "s")) { try busy([weekly]) }
    }

    /// The brief's scenario: office hours Monday–Friday 9–17 (PRIORITY 9, recurring AVAILABLE) with the Wednesday a
    /// public holiday (PRIORITY 1, no AVAILABLE): the holiday's whole day is unavailable and joins the evenings around
    /// it. An event on Tuesday still adds BUSY on top.
    @Test func weekdaysOverriddenByHoliday() throws {
        let components = objects(fixture("freebusy/vavailability-weekdays-holiday.ics"))
        let meeting = event("DTSTART;TZID=Test/Plus2:20240702T100000", "DTEND;TZID=Test/Plus2:20240702T110000")
        let calculator = FreeBusyCalculator(context: .test(), availableExpander: WeeklyAvailabilityTestExpander())
        let result = try calculator.compute(from: weekStart, to: weekEnd, candidates: [FreeBusyCandidate(component: meeting)], availability: components)
        #expect(describe(result.periods) == [
            "BUSY-UNAVAILABLE 20240630T220000Z/20240701T070000Z",  // Monday 00–09
            "BUSY-UNAVAILABLE 20240701T150000Z/20240702T070000Z",  // Monday 17 – Tuesday 09
            "BUSY 20240702T080000Z/20240702T090000Z",              // the Tuesday meeting
            "BUSY-UNAVAILABLE 20240702T150000Z/20240704T070000Z",  // Tuesday 17 – holiday – Thursday 09
            "BUSY-UNAVAILABLE 20240704T150000Z/20240705T070000Z",  // Thursday 17 – Friday 09
            "BUSY-UNAVAILABLE 20240705T150000Z/20240705T220000Z",  // Friday 17–24
        ])
        #expect(throws: FreeBusyError.self) {
            try FreeBusyCalculator(context: .test()).compute(from: weekStart, to: weekEnd, candidates: [], availability: components)
        }
    }

    /// The same week written with one non-recurring AVAILABLE per day, and a holiday that is BUSY except for an
    /// on-call slot 10–12: the holiday's own AVAILABLE and BUSYTYPE replace the office hours for that day.
    @Test func singleSlotsWithOnCallHoliday() throws {
        let components = objects(fixture("freebusy/vavailability-single-slots-on-call-holiday.ics"))
        let result = try FreeBusyCalculator(context: .test()).compute(from: weekStart, to: weekEnd, candidates: [], availability: components)
        #expect(describe(result.periods) == [
            "BUSY-UNAVAILABLE 20240630T220000Z/20240701T070000Z",
            "BUSY-UNAVAILABLE 20240701T150000Z/20240702T070000Z",
            "BUSY-UNAVAILABLE 20240702T150000Z/20240702T220000Z",  // Tuesday 17–24
            "BUSY 20240702T220000Z/20240703T080000Z",              // holiday 00–10
            "BUSY 20240703T100000Z/20240703T220000Z",              // holiday 12–24
            "BUSY-UNAVAILABLE 20240703T220000Z/20240704T070000Z",  // Thursday 00–09
            "BUSY-UNAVAILABLE 20240704T150000Z/20240705T070000Z",
            "BUSY-UNAVAILABLE 20240705T150000Z/20240705T220000Z",
        ])
    }

    @Test func nonAvailabilityComponentsAreIgnored() throws {
        #expect(try busy([event("DTSTART:20240701T100000Z", "DTEND:20240701T110000Z")]).isEmpty)
    }
}
