import ICalendar

/// A hand-written stand-in for America/New_York, for tests only: EST (-05:00) with EDT (-04:00) from the first
/// Sunday in April to the last Sunday in October (1987–2006), or from the second Sunday in March to the first Sunday
/// in November (2007 on), switching at 02:00 local time. Earlier years use the 1987 rule.
struct USEasternTestZone: TimeZoneRules {
    let identifier = "America/New_York"

    static let standard = UTCOffset(seconds: -5 * 3600)
    static let daylight = UTCOffset(seconds: -4 * 3600)

    /// The UTC instants at which daylight time starts and ends in `year`.
    static func daylightInterval(year: Int) -> (start: Instant, end: Instant) {
        func nthSunday(_ n: Int, month: Int) -> CalendarDate {
            let first = CalendarDate(year: year, month: month, day: 1)!
            let firstSunday = 1 + (7 - first.weekday.rawValue) % 7
            return CalendarDate(year: year, month: month, day: firstSunday + 7 * (n - 1))!
        }
        func lastSunday(month: Int) -> CalendarDate {
            let last = CalendarDate(year: year, month: month, day: CalendarDate.daysInMonth(year: year, month: month))!
            return last.adding(days: -last.weekday.rawValue)
        }
        let (startDay, endDay) = year >= 2007 ? (nthSunday(2, month: 3), nthSunday(1, month: 11)) : (nthSunday(1, month: 4), lastSunday(month: 10))
        // 02:00 EST is 07:00Z; 02:00 EDT is 06:00Z.
        let start = Instant(utc: LocalDateTime(date: startDay, time: LocalTime(hour: 7, minute: 0, second: 0)!))
        let end = Instant(utc: LocalDateTime(date: endDay, time: LocalTime(hour: 6, minute: 0, second: 0)!))
        return (start, end)
    }

    func offset(at instant: Instant) -> UTCOffset {
        let interval = USEasternTestZone.daylightInterval(year: instant.utc.date.year)
        return instant >= interval.start && instant < interval.end ? USEasternTestZone.daylight : USEasternTestZone.standard
    }

    /// RFC 5545 §3.3.5: a repeated wall clock means its first occurrence; one in the gap is read with the offset
    /// before the gap.
    func instant(for local: LocalDateTime) -> Instant {
        let asDaylight = Instant(secondsSinceEpoch: local.secondsSinceEpoch + 4 * 3600)
        if offset(at: asDaylight) == USEasternTestZone.daylight { return asDaylight }
        return Instant(secondsSinceEpoch: local.secondsSinceEpoch + 5 * 3600)
    }
}

/// Resolves the TZIDs the tests use.
struct TestZones: TimeZoneResolving {
    static let eastern = USEasternTestZone()
    static let berlinWinter = FixedOffsetZone(identifier: "Europe/Berlin", offset: UTCOffset(seconds: 3600))

    func rules(for tzid: String) -> (any TimeZoneRules)? {
        switch tzid {
        case "America/New_York": TestZones.eastern
        case "Europe/Berlin": TestZones.berlinWinter
        case "UTC": FixedOffsetZone.utc
        default: nil
        }
    }
}
