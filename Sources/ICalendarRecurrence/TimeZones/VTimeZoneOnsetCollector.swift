import ICalendar

/// The moment one observance begins: an entry of a VTIMEZONE's transition list.
struct VTimeZoneOnset: Sendable {
    /// Seconds since the epoch.
    var at: Int64
    /// What is in force from `at` on.
    var type: LocalTimeType
    /// TZOFFSETFROM of the observance (what it says was in force before).
    var from: UTCOffset
    /// The observance's position in the VTIMEZONE, for ties.
    var order: Int
}

/// An RRULE that goes on producing onsets past the horizon; later onsets are computed when asked for.
struct VTimeZoneOpenRule: Sendable {
    var rule: RecurrenceRule
    var dtstart: LocalDateTime
    /// UNTIL as a wall clock in TZOFFSETFROM, if any.
    var until: LocalDateTime?
    var from: UTCOffset
    var type: LocalTimeType
    var order: Int
}

/// Gathers the onsets of a VTIMEZONE's observances up to a horizon, within a budget.
///
/// Spec: RFC 5545 §3.6.5 — an observance's onsets are its DTSTART, its RRULE occurrences and its RDATEs, all wall
/// clocks in TZOFFSETFROM; §3.3.10 — DTSTART counts as the first of COUNT, and a VTIMEZONE's UNTIL is UTC.
///
/// Every onset costs one unit of `limits.maxInstances`, so a VTIMEZONE costs at most that much work and memory
/// however its rules are written. Rules without COUNT are walked up to the horizon and remembered as open when they
/// may continue past it; rules with COUNT are finite and walked to the end (they are what "huge COUNT" attacks use,
/// so the budget stops them).
struct VTimeZoneOnsetCollector {
    let tzid: String
    /// Seconds since the epoch: onsets of open rules at or after this are left to `VTimeZoneRules`' tail.
    let horizon: Int64
    let limits: ExpansionLimits
    private(set) var remaining: Int
    private(set) var onsets: [VTimeZoneOnset] = []
    private(set) var openRules: [VTimeZoneOpenRule] = []

    init(tzid: String, horizon: Int64, limits: ExpansionLimits) {
        self.tzid = tzid
        self.horizon = horizon
        self.limits = limits
        remaining = max(limits.maxInstances, 0)
    }

    mutating func add(_ observance: VTimeZoneObservance) throws(VTimeZoneError) {
        try spend(1 + observance.rdates.count)
        for local in [observance.dtstart] + observance.rdates {
            append(local, of: observance)
        }
        for rule in observance.rules {
            try add(rule, of: observance)
        }
    }

    private mutating func add(_ rule: RecurrenceRule, of observance: VTimeZoneObservance) throws(VTimeZoneError) {
        let until = observance.untilWallClock(of: rule)
        let isOpen = rule.count == nil && (until.map { observance.instant(ofOnset: $0) >= horizon } ?? true)
        // An onset is before the horizon exactly when its wall clock is before the horizon read in TZOFFSETFROM.
        let stop = isOpen ? LocalDateTime(secondsSinceEpoch: horizon + Int64(observance.offsetFrom.seconds)) : until
        var iterator = RuleIterator(
            rule: rule, dtstart: observance.dtstart, until: stop,
            limits: ExpansionLimits(maxInstances: remaining, maxIterationsWithoutMatch: limits.maxIterationsWithoutMatch))
        var produced: [LocalDateTime] = []
        while let local = iterator.next() {
            produced.append(local)
        }
        switch iterator.stopReason {
        case .instanceLimitReached?:
            throw VTimeZoneError(.limitExceeded, tzid: tzid, property: "RRULE",
                                 message: "RRULE '\(rule.icalValue)' produces more than \(limits.maxInstances) onsets in all; a time zone changes offset a few times a year")
        case .searchLimitReached?:
            throw VTimeZoneError(.limitExceeded, tzid: tzid, property: "RRULE",
                                 message: "RRULE '\(rule.icalValue)' went \(limits.maxIterationsWithoutMatch) periods without an onset")
        case .exhausted?, nil:
            break
        }
        if let count = rule.count, produced.first != observance.dtstart {
            // DTSTART is the first of COUNT even when the rule itself does not produce it.
            produced = Array(produced.prefix(count - 1))
        }
        try spend(produced.count)
        for local in produced where !isOpen || observance.instant(ofOnset: local) < horizon {
            append(local, of: observance)
        }
        if isOpen {
            openRules.append(VTimeZoneOpenRule(rule: rule, dtstart: observance.dtstart, until: until,
                                               from: observance.offsetFrom, type: observance.type, order: observance.order))
        }
    }

    private mutating func append(_ local: LocalDateTime, of observance: VTimeZoneObservance) {
        onsets.append(VTimeZoneOnset(at: observance.instant(ofOnset: local), type: observance.type,
                                     from: observance.offsetFrom, order: observance.order))
    }

    private mutating func spend(_ units: Int) throws(VTimeZoneError) {
        guard units <= remaining else {
            throw VTimeZoneError(.limitExceeded, tzid: tzid,
                                 message: "the observances list more than \(limits.maxInstances) onsets in all")
        }
        remaining -= units
    }
}
