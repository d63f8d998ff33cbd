import Testing
@testable import ICalendar

/// RFC 5545 §3.6.5 VTIMEZONEs generated from IANA zones. The full round trip (interpreting the output and comparing
/// offsets) lives in ICalendarRecurrenceTests, which has the RRULE iterator; here the structure is checked, and every
/// transition in the range must be explained by an observance.
@Suite struct VTimeZoneGeneratorTests {
    typealias T = TZTest
    let generator = VTimeZoneGenerator()

    @Test func newYorkCurrentRule() throws {
        let vtz = generator.component(for: try T.zone("America/New_York"), from: T.utc(2020, 1, 1), to: T.utc(2030, 1, 1))
        let expected = [
            "BEGIN:VTIMEZONE", "TZID:America/New_York",
            "BEGIN:DAYLIGHT", "DTSTART:20070311T020000", "RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3",
            "TZOFFSETFROM:-0500", "TZOFFSETTO:-0400", "TZNAME:EDT", "END:DAYLIGHT",
            "BEGIN:STANDARD", "DTSTART:20071104T020000", "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11",
            "TZOFFSETFROM:-0400", "TZOFFSETTO:-0500", "TZNAME:EST", "END:STANDARD",
            "END:VTIMEZONE", "",
        ].joined(separator: "\r\n")
        #expect(vtz.serialized == expected)
        // It is valid iCalendar inside a VCALENDAR.
        let calendar = Component(name: .vcalendar, properties: [
            Property(name: .version, value: "2.0"), Property(name: .prodid, value: "-//Almanac//Test//EN"),
        ], components: [vtz])
        #expect(try Component(parsing: calendar.serialized) == calendar)
    }

    @Test func historicalRangeListsOnsetsAsRDates() throws {
        let vtz = generator.component(for: try T.zone("America/New_York"), from: T.utc(1960, 6, 1), to: T.utc(1990, 1, 1))
        #expect(vtz.components.allSatisfy { $0.property(.rrule) == nil })
        let daylight = try #require(vtz.components(.daylight).first)
        // In force on 1960-06-01: the DST that began 1960-04-24.
        #expect(daylight.property(.dtstart)?.value == "19600424T020000")
        // The 1974 energy-crisis start in January.
        #expect(daylight.property(.rdate)?.value.contains("19740106T020000") == true)
        #expect(vtz.components(.standard).first?.property(.dtstart)?.value == "19601030T020000")
    }

    @Test func lordHoweHalfHourObservances() throws {
        let vtz = generator.component(for: try T.zone("Australia/Lord_Howe"), from: T.utc(2024, 1, 1), to: T.utc(2026, 1, 1))
        let daylight = try #require(vtz.components(.daylight).first)
        let standard = try #require(vtz.components(.standard).first)
        #expect(daylight.property(.tzoffsetfrom)?.value == "+1030")
        #expect(daylight.property(.tzoffsetto)?.value == "+1100")
        #expect(daylight.property(.rrule)?.value == "FREQ=YEARLY;BYDAY=1SU;BYMONTH=10")
        #expect(daylight.property(.dtstart)?.value.hasSuffix("T020000") == true)
        #expect(standard.property(.rrule)?.value == "FREQ=YEARLY;BYDAY=1SU;BYMONTH=4")
        #expect(standard.property(.tzname)?.value == "+1030")
    }

    @Test func apiaDatelineJumpAndFixedFooter() throws {
        let apia = try T.zone("Pacific/Apia")
        let around = generator.component(for: apia, from: T.utc(2011, 6, 1), to: T.utc(2012, 6, 1))
        let jump = around.components.first { $0.property(.tzoffsetto)?.value == "+1400" }
        #expect(jump?.property(.dtstart)?.value == "20111230T000000")
        #expect(jump?.property(.tzoffsetfrom)?.value == "-1000")
        // Samoa dropped DST in 2021: its footer has no rule, so one observance covers 2024.
        let now = generator.component(for: apia, from: T.utc(2024, 1, 1), to: T.utc(2025, 1, 1))
        #expect(now.components.count == 1)
        #expect(now.components[0].name == .standard)
        #expect(now.components[0].property(.tzoffsetto)?.value == "+1300")
        #expect(now.components[0].property(.dtstart)?.value == "20210404T040000")
    }

    @Test func shiftedRuleTimesBecomeMonthDaySets() throws {
        let israel = generator.component(for: try T.zone("Asia/Jerusalem"), from: T.utc(2024, 1, 1), to: T.utc(2025, 1, 1))
        let start = try #require(israel.components(.daylight).first)
        #expect(start.property(.rrule)?.value == "FREQ=YEARLY;BYDAY=FR;BYMONTHDAY=23,24,25,26,27,28,29;BYMONTH=3")
        #expect(start.property(.dtstart)?.value.hasSuffix("T020000") == true)
        let nuuk = generator.component(for: try T.zone("America/Nuuk"), from: T.utc(2024, 1, 1), to: T.utc(2025, 1, 1))
        let nuukStart = try #require(nuuk.components(.daylight).first)
        #expect(nuukStart.property(.rrule)?.value == "FREQ=YEARLY;BYDAY=SA;BYMONTHDAY=-8,-7,-6,-5,-4,-3,-2;BYMONTH=3")
        #expect(nuukStart.property(.dtstart)?.value.hasSuffix("T230000") == true)
    }

    @Test func zoneWithoutTransitions() throws {
        let vtz = generator.component(for: try T.zone("Etc/UTC"), from: T.utc(2024, 1, 1), to: T.utc(2025, 1, 1))
        #expect(vtz.components.count == 1)
        let standard = vtz.components[0]
        #expect(standard.property(.dtstart)?.value == "19700101T000000")
        #expect(standard.property(.tzoffsetfrom)?.value == "+0000")
        #expect(standard.property(.tzoffsetto)?.value == "+0000")
    }

    @Test func inexpressibleRulesFallBackToRDates() throws {
        // The last Sunday of February at 25:00 can be March 1st: no single yearly RRULE says that.
        var builder = TZifBuilder()
        builder.types = [.init(offset: -10800, isDST: false, abbreviation: "AAA")]
        builder.footer = "AAA3BBB,M2.5.0/25,M10.5.0"
        let zone = try IANATimeZone(identifier: "Test/Spill", tzif: builder.build())
        let vtz = generator.component(for: zone, from: T.utc(2020, 1, 1), to: T.utc(2024, 1, 1))
        let daylight = try #require(vtz.components(.daylight).first)
        #expect(daylight.property(.rrule) == nil)
        let onsets = [daylight.property(.dtstart)!.value] + (daylight.property(.rdate)?.value.split(separator: ",").map(String.init) ?? [])
        // Last Sundays of February 2020–2023 are 23, 28, 27, 26; plus one day at 01:00.
        #expect(onsets.suffix(4) == ["20200224T010000", "20210301T010000", "20220228T010000", "20230227T010000"])
        #expect(vtz.components(.standard).first?.property(.rrule)?.value == "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10")
    }

    @Test func yearlyRuleShapes() {
        typealias Part = VTimeZoneGenerator.RecurringPart
        typealias Change = POSIXTimeZoneRule.ChangeRule
        #expect(Part.yearlyRule(Change(date: .julianDay(60), time: 7200))?.icalValue == "FREQ=YEARLY;BYMONTHDAY=1;BYMONTH=3")
        #expect(Part.yearlyRule(Change(date: .julianDay(59), time: 25 * 3600)) == nil)  // Feb 28 + 1 day
        #expect(Part.yearlyRule(Change(date: .dayOfYear(79), time: 0))?.icalValue == "FREQ=YEARLY;BYYEARDAY=80")
        #expect(Part.yearlyRule(Change(date: .dayOfYear(365), time: 0)) == nil)
        #expect(Part.yearlyRule(Change(date: .monthWeekDay(month: 4, week: 1, weekday: .saturday), time: -3600))?.icalValue == nil)
        #expect(Part.yearlyRule(Change(date: .monthWeekDay(month: 4, week: 2, weekday: .saturday), time: -3600))?.icalValue
            == "FREQ=YEARLY;BYDAY=FR;BYMONTHDAY=7,8,9,10,11,12,13;BYMONTH=4")
    }

    @Test(arguments: ["America/New_York", "Europe/London", "Australia/Lord_Howe", "Pacific/Apia", "Asia/Jerusalem",
                      "America/Nuuk", "America/Port-au-Prince", "Antarctica/Troll", "Africa/Casablanca", "America/Santiago"])
    func everyTransitionInTheRangeIsExplained(_ id: String) throws {
        let zone = try T.zone(id)
        let start = T.utc(1995, 1, 1)
        let end = T.utc(2035, 1, 1)
        let vtz = generator.component(for: zone, from: start, to: end)
        for transition in zone.transitions(from: start, to: end) {
            let explained = vtz.components.contains { observance in
                guard observance.property(.tzoffsetfrom)?.value == transition.before.offset.icalValue,
                    observance.property(.tzoffsetto)?.value == transition.after.offset.icalValue,
                    let dtstart = try? observance.property(.dtstart)?.dateTime().local
                else { return false }
                let listed = [dtstart] + ((try? observance.property(.rdate)?.dateTimes().map(\.local)) ?? [])
                if listed.contains(transition.onset) { return true }
                guard let rule = try? observance.property(.rrule)?.recurrenceRule(), dtstart <= transition.onset,
                    dtstart.time == transition.onset.time
                else { return false }
                return Self.dateMatches(rule, transition.onset.date)
            }
            #expect(explained, "\(id): \(transition)")
        }
    }

    /// Whether a date satisfies the BY* parts of a yearly rule (a predicate, not an iterator).
    static func dateMatches(_ rule: RecurrenceRule, _ date: CalendarDate) -> Bool {
        let length = CalendarDate.daysInMonth(year: date.year, month: date.month)
        if !rule.byMonth.isEmpty && !rule.byMonth.contains(date.month) { return false }
        if !rule.byMonthDay.isEmpty && !rule.byMonthDay.contains(where: { $0 > 0 ? $0 == date.day : length + 1 + $0 == date.day }) {
            return false
        }
        if !rule.byYearDay.isEmpty && !rule.byYearDay.contains(date.dayOfYear) { return false }
        for day in rule.byDay {
            guard day.weekday == date.weekday else { return false }
            if let n = day.ordinal {
                let nth = n > 0 ? (date.day - 1) / 7 + 1 : -((length - date.day) / 7 + 1)
                if nth != n { return false }
            }
        }
        return true
    }
}
