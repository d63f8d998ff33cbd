import ICalendar

/// Iterates the start times one RRULE generates, in wall-clock time, in ascending order.
///
/// Spec: RFC 5545 §3.3.10. The rule is evaluated one FREQ period at a time (a year, a month, a WKST-aligned week,
/// a day, an hour, a minute or a second, stepping by INTERVAL from the period that holds DTSTART): the day-level
/// BYxxx parts choose the days of the period (`DaySelector`), BYHOUR/BYMINUTE/BYSECOND expand or limit the time,
/// BYSETPOS picks positions from the period's sorted set, and COUNT and UNTIL bound the result. Values the rule does
/// not give come from DTSTART. Dates that do not exist (February 30th) are skipped, never rolled over.
///
/// The iterator yields only what the rule generates at or after DTSTART; adding DTSTART itself as the first
/// occurrence is `RecurrenceSet`'s job. A period's candidates are never materialised: they are the product of the
/// chosen days and the hour, minute and second lists, indexed lazily, so even a rule that names every second of a
/// year costs no more memory than its day list. After `limits.maxInstances` instances or
/// `limits.maxIterationsWithoutMatch` empty periods in a row the iterator stops and `stopReason` says why.
///
/// A rule with an RFC 7529 RSCALE other than plain Gregorian counting (another calendar, SKIP=BACKWARD/FORWARD, leap
/// months) keeps the same periods and candidates but chooses days through `ScaledRuleState`; YEARLY and MONTHLY
/// periods are then the scale's years and months. A rule whose RSCALE is not supported produces nothing
/// (`RecurrenceSet(component:)` and CalDAV refuse such rules with `UnsupportedCalendarScale` before iterating).
public struct RuleIterator: Sequence, IteratorProtocol, Sendable {
    /// Why iteration ended.
    public enum StopReason: Hashable, Sendable {
        /// COUNT or UNTIL was reached, or the rule can produce no later date (past year 9999).
        case exhausted
        /// `ExpansionLimits.maxInstances` instances were produced and there may be more.
        case instanceLimitReached
        /// `ExpansionLimits.maxIterationsWithoutMatch` periods in a row produced nothing.
        case searchLimitReached
    }

    public let rule: RecurrenceRule
    public let dtstart: LocalDateTime
    /// The inclusive upper bound in DTSTART's wall clock, if any.
    public let until: LocalDateTime?
    public let limits: ExpansionLimits
    /// Set once the iterator has ended; nil while it may still produce instances.
    public private(set) var stopReason: StopReason?
    /// Instances counted so far, including those passed over by `seek` (COUNT counts them too).
    public private(set) var countedInstances = 0

    // Rule shape, fixed at init.
    let frequency: RecurrenceRule.Frequency
    var selector: DaySelector
    /// Sorted BYHOUR/BYMINUTE/BYSECOND lists (or DTSTART's value) for the parts that expand.
    let hours: [Int]
    let minutes: [Int]
    let seconds: [Int]
    /// Allowed values for the parts that limit (all bits set when absent).
    let hourMask: UInt32
    let minuteMask: UInt64
    let secondMask: UInt64
    let setPositions: [Int]
    /// Whether the hour, minute and second come from the period itself (HOURLY and finer, MINUTELY and finer,
    /// SECONDLY) rather than from the lists above.
    let hourFromPeriod: Bool
    let minuteFromPeriod: Bool
    let secondFromPeriod: Bool
    /// Period index of DTSTART and the distance between periods, in the frequency's unit.
    let origin: Int
    let step: Int
    /// Wall-clock times that do not exist in this zone (a DST gap) are skipped and not counted when set. Boxed so
    /// the iterator stays a loadable value: an existential field made every call copy the whole struct.
    let gapZone: ZoneBox?
    /// The calendar scale state of an RSCALE rule (nil on the Gregorian path), and whether its YEARLY or MONTHLY
    /// periods are the scale's.
    var scaled: ScaledRuleBox?
    let scaledPeriods: Bool

    // Current period.
    var period = 0
    var nextPeriod: Int
    var days: [CalendarDate] = []
    var periodHour = 0
    var periodMinute = 0
    var periodSecond = 0
    var total = 0
    var selected: [Int] = []
    var cursor = 0
    var emptyStreak = 0
    var yearContext: YearContext?
    var cachedDay = Int.min
    var cachedDayMatches = false
    /// Candidates before this are not returned: DTSTART, raised by `seek`.
    var lowerBound: LocalDateTime

    /// - Parameters:
    ///   - until: UNTIL already converted to DTSTART's wall clock; when nil, `rule.until` is read as a wall clock
    ///     (a DATE UNTIL covers that whole day).
    ///   - gapZone: when given, wall-clock times that fall in one of the zone's gaps are skipped and not counted
    ///     (RFC 5545 §3.3.10, "nonexistent local time ... MUST be ignored").
    public init(
        rule: RecurrenceRule, dtstart: LocalDateTime, until: LocalDateTime? = nil, limits: ExpansionLimits = .default,
        skippingGapsIn gapZone: (any TimeZoneRules)? = nil
    ) {
        self.rule = rule
        self.dtstart = dtstart
        self.limits = limits
        self.gapZone = gapZone.map(ZoneBox.init)
        if let until {
            self.until = until
        } else if let ruleUntil = rule.until {
            self.until = ruleUntil.isDate ? LocalDateTime(date: ruleUntil.date, time: LocalTime(hour: 23, minute: 59, second: 59)!) : ruleUntil.local
        } else {
            self.until = nil
        }
        frequency = rule.frequency
        selector = DaySelector(rule: rule, dtstart: dtstart)
        lowerBound = dtstart

        func sortedUnique(_ values: [Int], in range: ClosedRange<Int>, default value: Int) -> [Int] {
            let valid = Set(values.filter { range.contains($0) })
            return values.isEmpty ? [value] : valid.sorted()
        }
        func mask(_ values: [Int], in range: ClosedRange<Int>) -> UInt64 {
            guard !values.isEmpty else { return .max }
            return values.filter { range.contains($0) }.reduce(0) { $0 | (1 << UInt64($1)) }
        }
        // A leap second (BYSECOND=60) names a time this arithmetic cannot place, so it never matches.
        let time = dtstart.time
        hours = sortedUnique(rule.byHour, in: 0...23, default: time.hour)
        minutes = sortedUnique(rule.byMinute, in: 0...59, default: time.minute)
        seconds = sortedUnique(rule.bySecond, in: 0...59, default: time.second)
        hourMask = UInt32(truncatingIfNeeded: mask(rule.byHour, in: 0...23))
        minuteMask = mask(rule.byMinute, in: 0...59)
        secondMask = mask(rule.bySecond, in: 0...59)
        setPositions = rule.bySetPos.filter { $0 != 0 }
        hourFromPeriod = frequency == .hourly || frequency == .minutely || frequency == .secondly
        minuteFromPeriod = frequency == .minutely || frequency == .secondly
        secondFromPeriod = frequency == .secondly

        // An INTERVAL beyond ~30,000 years of seconds can only ever reach DTSTART's period; clamping keeps the
        // period arithmetic far from overflow.
        let interval = Swift.min(Swift.max(rule.interval, 1), 1_000_000_000_000)
        step = frequency == .weekly ? interval * 7 : interval
        let (box, unsupported) = RuleIterator.scaledState(for: rule, dtstart: dtstart)
        scaled = box
        scaledPeriods = box != nil && (frequency == .yearly || frequency == .monthly)
        var unplaced = false
        if scaledPeriods {
            let index = box?.state.periodIndex(containing: dtstart.date.dayNumber, frequency: frequency)
            origin = index ?? 0
            unplaced = index == nil
        } else {
            origin = RuleIterator.periodIndex(containing: dtstart, frequency: frequency, weekStart: rule.weekStart)
        }
        nextPeriod = origin
        days.reserveCapacity(frequency == .yearly ? 366 : 31)
        if unsupported || unplaced { stopReason = .exhausted }
    }

    public mutating func next() -> LocalDateTime? {
        guard stopReason == nil else { return nil }
        if let count = rule.count, countedInstances >= count {
            stop(.exhausted)
            return nil
        }
        while true {
            let end = setPositions.isEmpty ? total : selected.count
            while cursor < end {
                let candidate = candidate(at: setPositions.isEmpty ? cursor : selected[cursor])
                cursor += 1
                if candidate < dtstart { continue }
                if let last = scaled?.state.lastCounted, candidate <= last { continue }
                if let until, candidate > until {
                    stop(.exhausted)
                    return nil
                }
                if let gapZone, !gapZone.exists(candidate) { continue }
                guard countedInstances < limits.maxInstances else {
                    stop(.instanceLimitReached)
                    return nil
                }
                countedInstances += 1
                emptyStreak = 0
                if scaled != nil { withScaled { $0.lastCounted = candidate } }
                // A candidate that `seek` passed over still counts toward COUNT, but is not returned.
                if candidate < lowerBound {
                    if let count = rule.count, countedInstances >= count {
                        stop(.exhausted)
                        return nil
                    }
                    continue
                }
                return candidate
            }
            guard advancePeriod() else { return nil }
        }
    }

    /// Moves forward so the next instance is the first at or after `target`. Without COUNT this jumps straight to
    /// the period holding `target`; with COUNT the instances in between must be counted, so it walks (the walk is
    /// bounded by `limits.maxInstances`). Seeking backwards does nothing.
    public mutating func seek(toFirstAtOrAfter target: LocalDateTime) {
        guard stopReason == nil, target > lowerBound else { return }
        lowerBound = target
        guard rule.count == nil else { return }
        let targetIndex: Int
        if scaledPeriods {
            let frequency = frequency
            guard let index = withScaled({ $0.periodIndex(containing: target.date.dayNumber, frequency: frequency) }) ?? nil else { return }
            // SKIP=FORWARD moves a date of the period before into the target's (the 30th of a 29-day month to the
            // 1st of the next), so the walk starts one period earlier.
            targetIndex = index - 1
        } else {
            targetIndex = RuleIterator.periodIndex(containing: target, frequency: frequency, weekStart: rule.weekStart)
        }
        let targetPeriod = alignedDown(targetIndex)
        if targetPeriod >= nextPeriod {
            // Neither the current period nor any before the target's can contribute.
            nextPeriod = targetPeriod
            cursor = Int.max
            emptyStreak = 0
        }
    }

    mutating func stop(_ reason: StopReason) {
        stopReason = reason
        cursor = Int.max
        total = 0
        selected.removeAll()
    }

    /// The wall clock of position `index` in the current period's (days × hours × minutes × seconds) product.
    @inline(__always)
    func candidate(at index: Int) -> LocalDateTime {
        var rest = index
        let second: Int
        if secondFromPeriod {
            second = periodSecond
        } else {
            second = seconds[rest % seconds.count]
            rest /= seconds.count
        }
        let minute: Int
        if minuteFromPeriod {
            minute = periodMinute
        } else {
            minute = minutes[rest % minutes.count]
            rest /= minutes.count
        }
        let hour: Int
        if hourFromPeriod {
            hour = periodHour
        } else {
            hour = hours[rest % hours.count]
            rest /= hours.count
        }
        return LocalDateTime(date: days[rest], time: LocalTime(hour: hour, minute: minute, second: second)!)
    }
}
