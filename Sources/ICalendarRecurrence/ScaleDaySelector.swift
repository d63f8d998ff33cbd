import ICalendar

/// The day-level parts of a rule — BYMONTH, BYWEEKNO, BYYEARDAY, BYMONTHDAY and BYDAY — read in a calendar scale,
/// with RFC 7529 SKIP for the dates BYMONTH and BYMONTHDAY name that the year or month lacks.
///
/// Spec: RFC 7529 §3.1 and §4.2, on top of RFC 5545 §3.3.10. Within a period (a scale year or month) every present
/// part must hold, as in `DaySelector`; what the rule leaves open comes from DTSTART's date in the scale. SKIP acts
/// where BYMONTH and BYMONTHDAY expand (YEARLY, and BYMONTHDAY in MONTHLY; MONTHLY also lets a missing leap month's
/// stand-in through): a missing month becomes the month before (BACKWARD) or after (FORWARD) it, then a missing day
/// becomes the month's last day (BACKWARD) or the next month's first (FORWARD); BYDAY, BYYEARDAY and BYWEEKNO then
/// limit the result. For DAILY and finer every part only limits, so nothing is invalid and SKIP does nothing. BYDAY
/// ordinals are read as in RFC 5545 (in the month for MONTHLY and YEARLY with BYMONTH, else in the year); BYWEEKNO
/// counts weeks the ISO 8601 way in the scale's year (week 1 holds the year's fourth day).
struct ScaleDaySelector: Sendable {
    typealias MonthCode = ScaleYear.MonthCode

    let frequency: RecurrenceRule.Frequency
    let skip: RecurrenceRule.Skip
    let weekStart: Weekday
    /// BYMONTH (with leap months), or DTSTART's month for a YEARLY rule that names no day; empty for any month.
    private(set) var months: [MonthCode] = []
    /// BYMONTHDAY, or DTSTART's day where the rule names no day; empty when days come from the other parts.
    private(set) var monthDays: [Int] = []
    /// Weekdays (Sunday = 0) without an ordinal, and (weekday, ordinal) pairs.
    private(set) var weekdays: Set<Int> = []
    private(set) var ordinals: [(weekday: Int, ordinal: Int)] = []
    private let ordinalsInYear: Bool
    private let yearDays: [Int]
    private let weekNumbers: [Int]

    init(rule: RecurrenceRule, dtstart: CalendarDate, startMonth: MonthCode, startDay: Int) {
        frequency = rule.frequency
        skip = rule.skip ?? .omit
        weekStart = rule.weekStart
        months = rule.byMonth.map { MonthCode(number: $0, isLeap: false) } + rule.byLeapMonth.map { MonthCode(number: $0, isLeap: true) }
        monthDays = rule.byMonthDay.filter { $0 != 0 }
        yearDays = rule.byYearDay.filter { $0 != 0 }
        weekNumbers = rule.byWeekNo.filter { $0 != 0 }
        let ordinalsAllowed = frequency == .monthly || frequency == .yearly
        ordinalsInYear = frequency == .yearly && months.isEmpty
        for entry in rule.byDay {
            if let n = entry.ordinal, ordinalsAllowed, n != 0 {
                ordinals.append((entry.weekday.rawValue, n))
            } else {
                weekdays.insert(entry.weekday.rawValue)
            }
        }
        // RFC 5545 §3.3.10: what the rule leaves open comes from DTSTART — here DTSTART's month and day in the scale.
        let namesDays = !weekNumbers.isEmpty || !yearDays.isEmpty || !monthDays.isEmpty || !rule.byDay.isEmpty
        switch frequency {
        case .yearly where !namesDays:
            if months.isEmpty { months = [startMonth] }
            monthDays = [startDay]
        case .yearly where !weekNumbers.isEmpty && yearDays.isEmpty && monthDays.isEmpty && rule.byDay.isEmpty:
            weekdays = [dtstart.weekday.rawValue]
        case .monthly where !namesDays:
            monthDays = [startDay]
        case .weekly where !namesDays:
            weekdays = [dtstart.weekday.rawValue]
        default:
            break
        }
    }

    /// Whether weekday, year-day and week-number parts must be checked day by day.
    private var limitsDays: Bool { !weekdays.isEmpty || !ordinals.isEmpty || !yearDays.isEmpty || !weekNumbers.isEmpty }

    // MARK: Periods (YEARLY, MONTHLY)

    /// The sorted, distinct day numbers a YEARLY rule selects in one scale year.
    func days(inYear year: ScaleYear, years: inout ScaleYears) -> [Int] {
        var scopes: [ScaleYear.Month] = []
        if months.isEmpty {
            scopes = year.months
        } else {
            for code in months {
                if let month = resolve(code, in: year, years: &years), !scopes.contains(month) { scopes.append(month) }
            }
            scopes.sort { $0.firstDay < $1.firstDay }
        }
        return select(in: scopes, year: year, ordinalsInYear: ordinalsInYear, years: &years)
    }

    /// The sorted, distinct day numbers a MONTHLY rule selects in one month of a scale year.
    func days(inMonth month: ScaleYear.Month, of year: ScaleYear, years: inout ScaleYears) -> [Int] {
        guard months.isEmpty || months.contains(where: { resolve($0, in: year, years: &years) == month }) else { return [] }
        return select(in: [month], year: year, ordinalsInYear: false, years: &years)
    }

    /// The month a BYMONTH entry names in a year, or its SKIP stand-in when the year lacks it.
    private func resolve(_ code: MonthCode, in year: ScaleYear, years: inout ScaleYears) -> ScaleYear.Month? {
        if let ordinal = year.ordinal(of: code) { return year.months[ordinal] }
        switch skip {
        case .omit:
            return nil
        case .backward:
            // The month before where the missing one would be: 5 for 5L, or the last month numbered lower.
            return year.months.last { $0.number < code.number || ($0.number == code.number && code.isLeap) }
        case .forward:
            // The month after it: the first numbered higher, else the next year's first month.
            return year.months.first { $0.number > code.number } ?? years.year(year.index + 1)?.months.first
        }
    }

    /// The days of some months of a year that pass every day-level part, with BYMONTHDAY's missing days moved.
    private func select(in scopes: [ScaleYear.Month], year: ScaleYear, ordinalsInYear: Bool, years: inout ScaleYears) -> [Int] {
        var result: [Int] = []
        for month in scopes {
            if monthDays.isEmpty {
                for day in month.firstDay..<month.endDay where passesLimits(day, month: month, year: year, ordinalsInYear: ordinalsInYear, years: &years) {
                    result.append(day)
                }
                continue
            }
            for value in monthDays {
                guard let day = Self.day(value, of: month, skip: skip) else { continue }
                if passesLimits(day, month: month, year: year, ordinalsInYear: ordinalsInYear, years: &years) { result.append(day) }
            }
        }
        result.sort()
        var distinct: [Int] = []
        distinct.reserveCapacity(result.count)
        for day in result where distinct.last != day { distinct.append(day) }
        return distinct
    }

    /// BYMONTHDAY `value` in a month: the day, or where the month is too short its SKIP stand-in (nil for OMIT).
    static func day(_ value: Int, of month: ScaleYear.Month, skip: RecurrenceRule.Skip) -> Int? {
        let position = value > 0 ? value : month.length + 1 + value
        if position >= 1 && position <= month.length { return month.firstDay + position - 1 }
        let tooLate = position > month.length
        switch skip {
        case .omit: return nil
        case .backward: return tooLate ? month.endDay - 1 : month.firstDay - 1
        case .forward: return tooLate ? month.endDay : month.firstDay
        }
    }

    /// BYDAY, BYYEARDAY and BYWEEKNO for a day chosen in `month` of `year` (a day moved by SKIP keeps that context).
    private func passesLimits(_ day: Int, month: ScaleYear.Month, year: ScaleYear, ordinalsInYear: Bool, years: inout ScaleYears) -> Bool {
        guard limitsDays else { return true }
        let weekday = DayArithmetic.weekdayRaw(ofDay: day)
        if !weekdays.isEmpty || !ordinals.isEmpty {
            var matched = weekdays.contains(weekday)
            if !matched && !ordinals.isEmpty {
                let (first, end) = ordinalsInYear ? (year.firstDay, year.endDay) : (month.firstDay, month.endDay)
                let n = DayArithmetic.floorDiv(day - first, 7) + 1
                let fromEnd = DayArithmetic.floorDiv(end - 1 - day, 7) + 1
                matched = ordinals.contains { $0.weekday == weekday && ($0.ordinal == n || $0.ordinal == -fromEnd) }
            }
            guard matched else { return false }
        }
        if !yearDays.isEmpty {
            let yearDay = day - year.firstDay + 1
            let fromEnd = year.dayCount - yearDay + 1
            guard yearDays.contains(yearDay) || yearDays.contains(-fromEnd) else { return false }
        }
        if !weekNumbers.isEmpty {
            guard let week = week(of: day, year: year, years: &years),
                weekNumbers.contains(week.number) || weekNumbers.contains(week.number - week.weeks - 1)
            else { return false }
        }
        return true
    }

    // MARK: Limits (WEEKLY, DAILY and finer)

    /// Whether one day passes every day-level part read as a limit.
    func matches(day: Int, years: inout ScaleYears) -> Bool {
        guard let year = years.year(containing: day), let month = year.month(containing: day) else { return false }
        if !months.isEmpty && !months.contains(where: month.isNamed) { return false }
        if !monthDays.isEmpty {
            let position = day - month.firstDay + 1
            guard monthDays.contains(position) || monthDays.contains(position - month.length - 1) else { return false }
        }
        return passesLimits(day, month: month, year: year, ordinalsInYear: true, years: &years)
    }

    /// The ISO 8601-style week number of a day in a scale year and the number of weeks of its week-year.
    private func week(of day: Int, year: ScaleYear, years: inout ScaleYears) -> (number: Int, weeks: Int)? {
        func week1Start(_ firstDay: Int) -> Int {
            let fourth = firstDay + 3
            return fourth - DayArithmetic.floorMod(DayArithmetic.weekdayRaw(ofDay: fourth) - weekStart.rawValue, 7)
        }
        let start = week1Start(year.firstDay)
        let next = week1Start(year.endDay)
        if day < start {
            guard let previous = years.year(year.index - 1) else { return nil }
            let previousStart = week1Start(previous.firstDay)
            return ((day - previousStart) / 7 + 1, (start - previousStart) / 7)
        }
        if day >= next {
            guard let following = years.year(year.index + 1) else { return nil }
            let afterNext = week1Start(following.endDay)
            return ((day - next) / 7 + 1, (afterNext - next) / 7)
        }
        return ((day - start) / 7 + 1, (next - start) / 7)
    }
}
