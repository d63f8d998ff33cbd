import ICalendar

/// What `RuleIterator` keeps for a rule counted in another calendar scale (RFC 7529 RSCALE): the scale's years,
/// the day-level parts read in it, and where the MONTHLY month count stands.
///
/// Spec: RFC 7529 §3.1. YEARLY periods are scale years (period index = the year's linear index) and MONTHLY periods
/// are scale months, counted from the first month of DTSTART's scale year, so INTERVAL steps over leap months as
/// over any other. WEEKLY and finer periods are the same in every calendar; only the day-level limits differ.
struct ScaledRuleState: Sendable {
    var years: ScaleYears
    let selector: ScaleDaySelector
    /// A year index and how many months come before its first month in the MONTHLY count.
    private var cursorYear: Int
    private var cursorMonthsBefore = 0
    /// The last instance counted: a date SKIP moved into a neighbouring period must not be counted twice or out of
    /// order (BYMONTHDAY=-1,-30 with SKIP=BACKWARD names the same day from two months).
    var lastCounted: LocalDateTime?

    /// Nil when Foundation cannot place DTSTART in the scale.
    init?(rule: RecurrenceRule, scale: RecurrenceCalendarScale, dtstart: LocalDateTime) {
        let day = dtstart.date.dayNumber
        var years = ScaleYears(scale: scale, referenceDay: day)
        guard let year = years.year(containing: day), let month = year.month(containing: day) else { return nil }
        selector = ScaleDaySelector(
            rule: rule, dtstart: dtstart.date, startMonth: ScaleYear.MonthCode(number: month.number, isLeap: month.isLeap),
            startDay: day - month.firstDay + 1)
        self.years = years
        cursorYear = year.index
    }

    /// The YEARLY or MONTHLY period that holds a day, or nil where the scale has no year for it.
    mutating func periodIndex(containing day: Int, frequency: RecurrenceRule.Frequency) -> Int? {
        let yearIndex = years.yearIndex(ofDay: day)
        if frequency == .yearly { return yearIndex }
        guard moveCursor(to: yearIndex), let year = years.year(yearIndex), let month = year.month(containing: day),
            let ordinal = year.months.firstIndex(of: month)
        else { return nil }
        return cursorMonthsBefore + ordinal
    }

    /// The first day of a YEARLY or MONTHLY period.
    mutating func firstDay(ofPeriod index: Int, frequency: RecurrenceRule.Frequency) -> Int? {
        if frequency == .yearly { return years.year(index)?.firstDay }
        return month(at: index).map { $0.year.months[$0.ordinal].firstDay }
    }

    /// The days a YEARLY or MONTHLY period selects, sorted and distinct.
    mutating func days(ofPeriod index: Int, frequency: RecurrenceRule.Frequency) -> [Int] {
        if frequency == .yearly {
            guard let year = years.year(index) else { return [] }
            return selector.days(inYear: year, years: &years)
        }
        guard let (year, ordinal) = month(at: index) else { return [] }
        return selector.days(inMonth: year.months[ordinal], of: year, years: &years)
    }

    /// Whether a day passes the day-level parts as limits (WEEKLY and finer).
    mutating func matches(day: Int) -> Bool { selector.matches(day: day, years: &years) }

    /// The year and position of the month with a MONTHLY index.
    private mutating func month(at index: Int) -> (year: ScaleYear, ordinal: Int)? {
        guard var year = years.year(cursorYear) else { return nil }
        while index < cursorMonthsBefore {
            guard let previous = years.year(cursorYear - 1) else { return nil }
            cursorYear -= 1
            cursorMonthsBefore -= previous.months.count
            year = previous
        }
        while index >= cursorMonthsBefore + year.months.count {
            cursorMonthsBefore += year.months.count
            cursorYear += 1
            guard let next = years.year(cursorYear) else { return nil }
            year = next
        }
        return (year, index - cursorMonthsBefore)
    }

    private mutating func moveCursor(to yearIndex: Int) -> Bool {
        while cursorYear < yearIndex {
            guard let year = years.year(cursorYear) else { return false }
            cursorMonthsBefore += year.months.count
            cursorYear += 1
        }
        while cursorYear > yearIndex {
            guard let previous = years.year(cursorYear - 1) else { return false }
            cursorYear -= 1
            cursorMonthsBefore -= previous.months.count
        }
        return true
    }
}

/// Holds a `ScaledRuleState` out of line, so `RuleIterator` stays small and copies cheaply on the Gregorian path;
/// copy-on-write keeps iterator copies independent.
final class ScaledRuleBox: @unchecked Sendable {
    // Safe to share: the state is only mutated through `RuleIterator.withScaled`, which copies a shared box first.
    var state: ScaledRuleState

    init(_ state: ScaledRuleState) { self.state = state }
}

extension RuleIterator {
    /// The out-of-line state for a rule that needs another calendar (or Gregorian SKIP and leap months), or nil for
    /// RFC 5545's Gregorian rules, which keep the bit-mask path. `unsupported` is set for an RSCALE no scale matches.
    static func scaledState(for rule: RecurrenceRule, dtstart: LocalDateTime) -> (box: ScaledRuleBox?, unsupported: Bool) {
        guard rule.rscale != nil else { return (nil, false) }
        guard let scale = try? RecurrenceCalendarScale.of(rule) else { return (nil, true) }
        // Gregorian with SKIP=OMIT and no leap month is RFC 5545 counting: the fast path gives the same dates.
        if scale.isGregorian && (rule.skip ?? .omit) == .omit && rule.byLeapMonth.isEmpty { return (nil, false) }
        guard let state = ScaledRuleState(rule: rule, scale: scale, dtstart: dtstart) else { return (nil, true) }
        return (ScaledRuleBox(state), false)
    }

    /// Runs `body` on the scaled state, copying it first if another iterator shares it.
    @discardableResult
    mutating func withScaled<Result>(_ body: (inout ScaledRuleState) -> Result) -> Result? {
        guard scaled != nil else { return nil }
        if !isKnownUniquelyReferenced(&scaled) { scaled = ScaledRuleBox(scaled!.state) }
        return body(&scaled!.state)
    }
}

extension RuleIterator {
    /// What one YEARLY or MONTHLY period of another scale counts toward `limits.maxIterationsWithoutMatch`. Laying
    /// out a Chinese year takes Foundation milliseconds, so a rule that rarely matches (a leap month that recurs
    /// once in centuries) gives up after a century of empty scale years (10,000 / 100) rather than ten millennia.
    var scaledPeriodCost: Int { frequency == .yearly ? 100 : 8 }

    /// The first day of a scale YEARLY or MONTHLY period; past the last representable day when there is none.
    mutating func scaledFirstDay(ofPeriod index: Int) -> Int {
        let frequency = frequency
        return (withScaled { $0.firstDay(ofPeriod: index, frequency: frequency) } ?? nil) ?? Int.max
    }

    /// Fills the current period's days from the scale.
    mutating func fillScaled(_ index: Int) {
        let frequency = frequency
        let chosen = withScaled { $0.days(ofPeriod: index, frequency: frequency) } ?? []
        for day in chosen where day <= DayArithmetic.lastRepresentableDay { days.append(CalendarDate(dayNumber: day)) }
        total = days.count * candidatesPerDay
    }
}
