import ICalendar

/// The day-level parts of a rule — BYMONTH, BYWEEKNO, BYYEARDAY, BYMONTHDAY and BYDAY — compiled to bit masks, so
/// choosing the days of a period costs a few integer operations per day and allocates nothing.
///
/// Spec: RFC 5545 §3.3.10. Within a period every present part must hold, which is what the expand/limit table
/// amounts to once the period is fixed: an "expand" part enumerates days, a later "limit" part filters them, and
/// intersecting the two gives the same set. BYDAY ordinals count within the month for MONTHLY (and YEARLY with
/// BYMONTH) and within the year for YEARLY otherwise; for finer frequencies, where the RFC forbids ordinals, they are
/// read as plain weekdays. Parts the table marks N/A (BYWEEKNO outside YEARLY, BYYEARDAY in DAILY/WEEKLY/MONTHLY,
/// BYMONTHDAY in WEEKLY) are applied as limits rather than rejected.
struct DaySelector: Sendable {
    enum OrdinalScope: Sendable { case month, year }

    /// Bit `m` set when month `m` may occur (all twelve when BYMONTH is absent).
    private(set) var months: UInt16 = 0b1_1111_1111_1110
    private(set) var hasMonths = false
    /// Bit `d` set for BYMONTHDAY=d; the negative mask has bit `d` for BYMONTHDAY=-d.
    private var monthDaysPositive: UInt32 = 0
    private var monthDaysNegative: UInt32 = 0
    private(set) var hasMonthDays = false
    /// Bit `w` (Sunday = 0) for weekdays without an ordinal.
    private var weekdays: UInt8 = 0
    /// `ordinals[w]` has bit `n` for `nW`, `ordinals[7 + w]` has bit `n` for `-nW`.
    private var ordinals: [UInt64] = Array(repeating: 0, count: 14)
    private(set) var hasWeekdays = false
    private var hasOrdinals = false
    private var ordinalScope: OrdinalScope = .month
    /// Words 0..<6 hold BYYEARDAY=n at bit n, words 6..<12 hold BYYEARDAY=-n at bit n.
    private var yearDays: [UInt64] = []
    private(set) var hasYearDays = false
    private var weekNumbersPositive: UInt64 = 0
    private var weekNumbersNegative: UInt64 = 0
    private(set) var hasWeekNumbers = false

    init(rule: RecurrenceRule, dtstart: LocalDateTime) {
        let frequency = rule.frequency
        if !rule.byMonth.isEmpty {
            hasMonths = true
            months = 0
            for m in rule.byMonth where (1...12).contains(m) { months |= 1 << m }
        }
        for d in rule.byMonthDay where d != 0 && abs(d) <= 31 {
            hasMonthDays = true
            if d > 0 { monthDaysPositive |= 1 << d } else { monthDaysNegative |= 1 << -d }
        }
        let ordinalsAllowed = frequency == .monthly || frequency == .yearly
        ordinalScope = frequency == .yearly && rule.byMonth.isEmpty ? .year : .month
        for entry in rule.byDay {
            hasWeekdays = true
            let w = entry.weekday.rawValue
            if let n = entry.ordinal, ordinalsAllowed, n != 0, abs(n) <= 53 {
                hasOrdinals = true
                if n > 0 { ordinals[w] |= 1 << n } else { ordinals[7 + w] |= 1 << -n }
            } else {
                weekdays |= 1 << w
            }
        }
        for n in rule.byYearDay where n != 0 && abs(n) <= 366 {
            if yearDays.isEmpty { yearDays = Array(repeating: 0, count: 12) }
            hasYearDays = true
            let word = (n > 0 ? 0 : 6) + abs(n) / 64
            yearDays[word] |= 1 << UInt64(abs(n) % 64)
        }
        for n in rule.byWeekNo where n != 0 && abs(n) <= 53 {
            hasWeekNumbers = true
            if n > 0 { weekNumbersPositive |= 1 << n } else { weekNumbersNegative |= 1 << -n }
        }

        // RFC 5545 §3.3.10: what the rule leaves open comes from DTSTART. Which parts count as "saying which day"
        // depends on the frequency; N/A parts count too, since they are applied as limits.
        let namesDays = hasWeekNumbers || hasYearDays || hasMonthDays || hasWeekdays
        switch frequency {
        case .yearly where !namesDays:
            if !hasMonths { months = 1 << dtstart.date.month }
            monthDaysPositive = 1 << dtstart.date.day
            hasMonthDays = true
        case .yearly where hasWeekNumbers && !hasYearDays && !hasMonthDays && !hasWeekdays:
            // "Week 20 every year": the weekday is DTSTART's, as the month day is for a bare BYMONTH.
            weekdays = 1 << dtstart.date.weekday.rawValue
            hasWeekdays = true
        case .monthly where !namesDays:
            monthDaysPositive = 1 << dtstart.date.day
            hasMonthDays = true
        case .weekly where !namesDays:
            weekdays = 1 << dtstart.date.weekday.rawValue
            hasWeekdays = true
        default:
            break
        }
    }

    @inline(__always)
    func allowsMonth(_ month: Int) -> Bool { months & (1 << month) != 0 }

    /// Whether days must also be checked against year-wide parts (BYYEARDAY, BYWEEKNO, ordinals within the year).
    var needsYearCheck: Bool { hasYearDays || hasWeekNumbers || (hasOrdinals && ordinalScope == .year) }

    /// The days of one month (bit `d` for day `d`) that satisfy BYMONTHDAY and BYDAY, with BYDAY ordinals counted in
    /// the month. Ordinals counted in the year let every day of their weekday through; `matchesYearParts` decides.
    func monthMask(daysInMonth dim: Int, firstWeekday: Int) -> UInt32 {
        var mask: UInt32 = (UInt32(1) << UInt32(dim + 1)) &- 2
        if hasMonthDays {
            var days = monthDaysPositive
            var negative = monthDaysNegative
            while negative != 0 {
                let k = negative.trailingZeroBitCount
                negative &= negative - 1
                if dim + 1 - k >= 1 { days |= 1 << UInt32(dim + 1 - k) }
            }
            mask &= days
        }
        if hasWeekdays && mask != 0 {
            var allowed: UInt32 = 0
            for w in 0..<7 {
                let first = 1 + DayArithmetic.floorMod(w - firstWeekday, 7)
                if weekdays & (1 << w) != 0 || (hasOrdinals && ordinalScope == .year && ordinals[w] | ordinals[7 + w] != 0) {
                    var d = first
                    while d <= dim { allowed |= 1 << UInt32(d); d += 7 }
                } else if hasOrdinals {
                    var positive = ordinals[w]
                    while positive != 0 {
                        let n = positive.trailingZeroBitCount
                        positive &= positive - 1
                        let d = first + 7 * (n - 1)
                        if d <= dim { allowed |= 1 << UInt32(d) }
                    }
                    var negative = ordinals[7 + w]
                    let last = first + 7 * ((dim - first) / 7)
                    while negative != 0 {
                        let n = negative.trailingZeroBitCount
                        negative &= negative - 1
                        let d = last - 7 * (n - 1)
                        if d >= 1 { allowed |= 1 << UInt32(d) }
                    }
                }
            }
            mask &= allowed
        }
        return mask
    }

    /// BYYEARDAY, BYWEEKNO and year-scoped BYDAY ordinals for one day of `year`.
    func matchesYearParts(day: Int, weekday: Int, year: YearContext) -> Bool {
        let yearDay = day - year.firstDay + 1
        if hasYearDays {
            let fromEnd = year.daysInYear - yearDay + 1
            let positive = yearDays[yearDay / 64] & (1 << UInt64(yearDay % 64)) != 0
            guard positive || yearDays[6 + fromEnd / 64] & (1 << UInt64(fromEnd % 64)) != 0 else { return false }
        }
        if hasWeekNumbers {
            let (number, weeks) = year.weeks.week(ofDay: day)
            guard weekNumbersPositive & (1 << number) != 0 || weekNumbersNegative & (1 << (weeks - number + 1)) != 0
            else { return false }
        }
        if hasOrdinals && ordinalScope == .year && weekdays & (1 << weekday) == 0 {
            let n = (yearDay - 1) / 7 + 1
            let fromEnd = (year.daysInYear - yearDay) / 7 + 1
            guard ordinals[weekday] & (1 << n) != 0 || ordinals[7 + weekday] & (1 << fromEnd) != 0 else { return false }
        }
        return true
    }

    /// Every part as a limit on a single day (WEEKLY and finer, where ordinals were read as plain weekdays).
    func matches(_ date: CalendarDate, day: Int, weekday: Int, year: YearContext) -> Bool {
        guard months & (1 << date.month) != 0 else { return false }
        if hasMonthDays {
            let fromEnd = CalendarDate.daysInMonth(year: date.year, month: date.month) - date.day + 1
            guard monthDaysPositive & (1 << date.day) != 0 || monthDaysNegative & (1 << fromEnd) != 0 else { return false }
        }
        if hasWeekdays && weekdays & (1 << weekday) == 0 { return false }
        return !needsYearCheck || matchesYearParts(day: day, weekday: weekday, year: year)
    }
}

/// What the day selection needs to know about one calendar year, computed once per year.
struct YearContext: Sendable {
    let year: Int
    let firstDay: Int
    let daysInYear: Int
    let weeks: WeekNumbering

    init(year: Int, weekStart: Weekday) {
        self.year = year
        firstDay = DayArithmetic.firstDay(year: year, month: 1)
        daysInYear = CalendarDate.daysInYear(year)
        weeks = WeekNumbering(year: year, weekStart: weekStart)
    }

    /// Stands in where no year-wide part needs checking, so callers need not compute a real one.
    static let placeholder = YearContext(year: 1970, weekStart: .monday)
}
