import ICalendar

/// Period arithmetic and candidate generation for `RuleIterator`.
///
/// Spec: RFC 5545 §3.3.10. A period index is an integer in the frequency's unit: the year, the month counted from
/// year 0, the day number of the WKST-day that starts the week, the day number, or the hour, minute or second
/// counted from 1970-01-01T00:00:00 wall clock. INTERVAL steps from DTSTART's period in that unit.
extension RuleIterator {
    static func periodIndex(containing local: LocalDateTime, frequency: RecurrenceRule.Frequency, weekStart: Weekday) -> Int {
        let date = local.date
        let day = date.dayNumber
        let time = local.time
        switch frequency {
        case .yearly: return date.year
        case .monthly: return date.year * 12 + date.month - 1
        case .weekly: return day - DayArithmetic.floorMod(DayArithmetic.weekdayRaw(ofDay: day) - weekStart.rawValue, 7)
        case .daily: return day
        case .hourly: return day * 24 + time.hour
        case .minutely: return (day * 24 + time.hour) * 60 + time.minute
        case .secondly: return ((day * 24 + time.hour) * 60 + time.minute) * 60 + Swift.min(time.second, 59)
        }
    }

    /// Periods per day for the sub-daily frequencies.
    var unitsPerDay: Int {
        switch frequency {
        case .hourly: 24
        case .minutely: 1440
        case .secondly: 86_400
        default: 1
        }
    }

    /// The grid period (origin + k·step) that contains the period index `index`.
    func alignedDown(_ index: Int) -> Int {
        origin + DayArithmetic.floorDiv(index - origin, step) * step
    }

    /// The first grid period at or after the period index `index`.
    func alignedUp(_ index: Int) -> Int {
        let down = alignedDown(index)
        return down == index ? down : down + step
    }

    /// The day number on which a period begins.
    func firstDay(ofPeriod index: Int) -> Int {
        switch frequency {
        case .yearly: DayArithmetic.firstDay(year: index, month: 1)
        case .monthly: DayArithmetic.firstDay(year: DayArithmetic.floorDiv(index, 12), month: DayArithmetic.floorMod(index, 12) + 1)
        case .weekly, .daily: index
        case .hourly, .minutely, .secondly: DayArithmetic.floorDiv(index, unitsPerDay)
        }
    }

    /// Moves to the next period that has candidates, or stops. Returns false when the iterator has stopped.
    ///
    /// `emptyStreak` counts the periods examined since the last instance was produced — not only periods without
    /// candidates, but also those whose candidates BYSETPOS, DTSTART or a gap all remove — so no rule can keep the
    /// iterator busy without producing anything for more than `limits.maxIterationsWithoutMatch` periods. A scale
    /// year or month costs more (`scaledPeriodCost`), since Foundation has to lay it out.
    mutating func advancePeriod() -> Bool {
        while true {
            guard emptyStreak < limits.maxIterationsWithoutMatch else {
                stop(.searchLimitReached)
                return false
            }
            emptyStreak += scaledPeriods ? scaledPeriodCost : 1
            period = nextPeriod
            let (next, overflow) = period.addingReportingOverflow(step)
            let startDay = scaledPeriods ? scaledFirstDay(ofPeriod: period) : firstDay(ofPeriod: period)
            guard !overflow, period >= origin, startDay <= DayArithmetic.lastRepresentableDay else {
                stop(.exhausted)
                return false
            }
            nextPeriod = next
            // SKIP=BACKWARD can move a scale period's first date to the day before it begins.
            let earliestDay = scaledPeriods ? startDay - 1 : startDay
            if let until, LocalDateTime(date: CalendarDate(dayNumber: earliestDay), time: .midnight) > until {
                stop(.exhausted)
                return false
            }
            total = 0
            days.removeAll(keepingCapacity: true)
            switch frequency {
            case _ where scaledPeriods: fillScaled(period)
            case .yearly: fillYear(period)
            case .monthly: fillMonth(year: DayArithmetic.floorDiv(period, 12), month: DayArithmetic.floorMod(period, 12) + 1)
            case .weekly: fillWeek(startingOn: period)
            case .daily: fillDay(period)
            case .hourly, .minutely, .secondly: fillSubDaily(period)
            }
            guard total > 0 else { continue }
            cursor = 0
            if !setPositions.isEmpty { selectPositions() }
            if cursor < (setPositions.isEmpty ? total : selected.count) { return true }
        }
    }

    private mutating func year(_ year: Int) -> YearContext {
        if let context = yearContext, context.year == year { return context }
        let context = YearContext(year: year, weekStart: rule.weekStart)
        yearContext = context
        return context
    }

    /// Number of candidates per day: the product of the hour, minute and second lists that expand.
    var candidatesPerDay: Int {
        (hourFromPeriod ? 1 : hours.count) * (minuteFromPeriod ? 1 : minutes.count) * (secondFromPeriod ? 1 : seconds.count)
    }

    private mutating func fillYear(_ y: Int) {
        let context = selector.needsYearCheck ? year(y) : nil
        for month in 1...12 where selector.allowsMonth(month) {
            appendDays(year: y, month: month, context: context)
        }
        total = days.count * candidatesPerDay
    }

    private mutating func fillMonth(year y: Int, month: Int) {
        guard selector.allowsMonth(month) else { return }
        let context = selector.needsYearCheck ? year(y) : nil
        appendDays(year: y, month: month, context: context)
        total = days.count * candidatesPerDay
    }

    /// Appends the days of one month that the day-level parts select, in order.
    private mutating func appendDays(year y: Int, month: Int, context: YearContext?) {
        let first = DayArithmetic.firstDay(year: y, month: month)
        let firstWeekday = DayArithmetic.weekdayRaw(ofDay: first)
        var mask = selector.monthMask(daysInMonth: CalendarDate.daysInMonth(year: y, month: month), firstWeekday: firstWeekday)
        while mask != 0 {
            let d = mask.trailingZeroBitCount
            mask &= mask - 1
            if let context, !selector.matchesYearParts(day: first + d - 1, weekday: (firstWeekday + d - 1) % 7, year: context) {
                continue
            }
            days.append(CalendarDate(year: y, month: month, day: d)!)
        }
    }

    private mutating func fillWeek(startingOn start: Int) {
        for day in start..<(start + 7) where dayMatches(day) {
            days.append(CalendarDate(dayNumber: day))
        }
        total = days.count * candidatesPerDay
    }

    private mutating func fillDay(_ day: Int) {
        guard dayMatches(day) else { return }
        days.append(CalendarDate(dayNumber: day))
        total = candidatesPerDay
    }

    /// One hour, minute or second. When the day, hour or minute of the period is excluded, jumps to the first grid
    /// period of the next day, hour or minute instead of stepping through every excluded one (FREQ=SECONDLY with
    /// BYMONTH=2 would otherwise spend 30 million empty periods to get through a year).
    private mutating func fillSubDaily(_ index: Int) {
        let perDay = unitsPerDay
        let day = DayArithmetic.floorDiv(index, perDay)
        let within = index - day * perDay
        guard dayMatches(day) else {
            nextPeriod = Swift.max(nextPeriod, alignedUp((day + 1) * perDay))
            return
        }
        let unitsPerHour = perDay / 24
        let hour = within / unitsPerHour
        guard hourMask & (1 << hour) != 0 else {
            nextPeriod = Swift.max(nextPeriod, alignedUp(day * perDay + (hour + 1) * unitsPerHour))
            return
        }
        periodHour = hour
        if minuteFromPeriod {
            let unitsPerMinute = unitsPerHour / 60
            let minute = (within % unitsPerHour) / unitsPerMinute
            guard minuteMask & (1 << minute) != 0 else {
                nextPeriod = Swift.max(nextPeriod, alignedUp(day * perDay + hour * unitsPerHour + (minute + 1) * unitsPerMinute))
                return
            }
            periodMinute = minute
        }
        if secondFromPeriod {
            let second = within % 60
            guard secondMask & (1 << second) != 0 else { return }
            periodSecond = second
        }
        days.append(CalendarDate(dayNumber: day))
        total = candidatesPerDay
    }

    /// Whether a single day passes every day-level part (used for WEEKLY and finer, where they all limit).
    private mutating func dayMatches(_ day: Int) -> Bool {
        if day == cachedDay { return cachedDayMatches }
        if scaled != nil {
            cachedDay = day
            cachedDayMatches = withScaled { $0.matches(day: day) } ?? false
            return cachedDayMatches
        }
        let date = CalendarDate(dayNumber: day)
        let context = selector.needsYearCheck ? year(date.year) : YearContext.placeholder
        cachedDay = day
        cachedDayMatches = selector.matches(date, day: day, weekday: DayArithmetic.weekdayRaw(ofDay: day), year: context)
        return cachedDayMatches
    }

    /// Resolves BYSETPOS against the current period's `total` candidates into sorted, distinct positions.
    /// Spec: RFC 5545 §3.3.10 — positions count within the whole period, before DTSTART, UNTIL and COUNT apply.
    private mutating func selectPositions() {
        selected.removeAll(keepingCapacity: true)
        for position in setPositions {
            let index = position > 0 ? position - 1 : total + position
            guard index >= 0, index < total else { continue }
            // Insertion keeps the list sorted and distinct without a temporary buffer (the list is tiny).
            var i = selected.count
            while i > 0 && selected[i - 1] > index { i -= 1 }
            if i > 0 && selected[i - 1] == index { continue }
            selected.insert(index, at: i)
        }
    }
}
