import ICalendar

/// The time frame of a recurrence set, fixed by its DTSTART: whole days, floating wall clock, UTC, or a zone's
/// wall clock. Rules run in the frame's wall clock; other values (RDATE, EXDATE, RECURRENCE-ID, UNTIL) are placed
/// in it, and instants order everything.
///
/// A class only so the iterators that hold it stay cheap to copy (its zones are existentials).
///
/// Spec: RFC 5545 §3.3.5 (the three DATE-TIME forms), §3.8.5. Mixed forms are read leniently: a DATE-TIME where
/// the frame is DATE names its own calendar day; a DATE where the frame is DATE-TIME names that day at DTSTART's
/// time of day (or, for EXDATE, every instance on that day).
final class RecurrenceFrame: Sendable {
    /// A value from another property, placed in the frame.
    struct Placed: Hashable, Sendable {
        var local: LocalDateTime
        var instant: Instant
        /// A DATE value in a DATE-TIME frame.
        var isWholeDay: Bool
    }

    let start: DateTime
    let zone: any TimeZoneRules
    let resolver: any TimeZoneResolving
    let floating: any TimeZoneRules

    init(start: DateTime, resolver: any TimeZoneResolving, floating: any TimeZoneRules) {
        self.start = start
        self.resolver = resolver
        self.floating = floating
        switch start {
        case .date, .floating: zone = floating
        case .utc: zone = FixedOffsetZone.utc
        case .zoned(_, let tzid): zone = resolver.rules(for: tzid) ?? floating
        }
    }

    var isDate: Bool { start.isDate }

    /// Whether wall clocks of this frame can be shifted by a zone's offset changes (only a named zone, or a floating
    /// zone that is not fixed, can have gaps and folds).
    var hasFixedOffset: Bool { zone is FixedOffsetZone }

    func instant(_ local: LocalDateTime) -> Instant { zone.instant(for: local) }

    func local(at instant: Instant) -> LocalDateTime { zone.local(at: instant) }

    /// A wall clock of this frame as a value of DTSTART's form.
    func dateTime(_ local: LocalDateTime) -> DateTime { start.with(local: local) }

    /// The instant any value names, reading floating values and DATEs in the floating zone.
    func instant(of value: DateTime) -> Instant { value.instant(resolver: resolver, floating: floating) }

    /// Whether a value is written in the same frame, so its wall clock can be used as it is.
    func isSameFrame(_ value: DateTime) -> Bool {
        switch (start, value) {
        case (.date, .date), (.floating, .floating), (.utc, .utc): true
        case (.zoned(_, let a), .zoned(_, let b)): a == b
        default: false
        }
    }

    /// The zone a value's own wall clock is read in.
    func zone(of value: DateTime) -> any TimeZoneRules {
        switch value {
        case .date, .floating: floating
        case .utc: FixedOffsetZone.utc
        case .zoned(_, let tzid): resolver.rules(for: tzid) ?? floating
        }
    }

    /// The instant a DURATION after `value` ends. Spec: RFC 5545 §3.3.6 — weeks and days are nominal (added to the
    /// wall clock in the value's zone, so a day across a DST change lasts 23 or 25 hours), the time part is exact.
    func end(of value: DateTime, after duration: CalendarDuration) -> Instant {
        let zone = zone(of: value)
        let start = value.local
        let days = duration.nominalDays
        let base = days == 0 ? zone.instant(for: start) : zone.instant(for: LocalDateTime(date: start.date.adding(days: days), time: start.time))
        return base.adding(seconds: duration.exactSeconds)
    }

    func place(_ value: DateTime) -> Placed {
        if isDate {
            let local = LocalDateTime(date: value.date, time: .midnight)
            return Placed(local: local, instant: instant(local), isWholeDay: false)
        }
        if case .date(let day) = value {
            let local = LocalDateTime(date: day, time: start.local.time)
            return Placed(local: local, instant: instant(local), isWholeDay: true)
        }
        if isSameFrame(value) {
            return Placed(local: value.local, instant: instant(value.local), isWholeDay: false)
        }
        let exact = instant(of: value)
        return Placed(local: local(at: exact), instant: exact, isWholeDay: false)
    }

    /// The wall-clock bound to hand `RuleIterator` for a rule's UNTIL, and the instant to cut at when the bound had
    /// to be widened (UNTIL in another frame, compared as instants across offset changes).
    ///
    /// Spec: RFC 5545 §3.3.10 — UNTIL is inclusive. Leniently: a DATE UNTIL in a DATE-TIME frame covers that whole
    /// day; a DATE-TIME UNTIL in a DATE frame covers its own calendar day.
    func untilBound(_ until: DateTime?) -> (local: LocalDateTime, cut: Instant?)? {
        guard let until else { return nil }
        if isDate { return (LocalDateTime(date: until.date, time: .midnight), nil) }
        if case .date(let day) = until { return (LocalDateTime(date: day, time: LocalTime(hour: 23, minute: 59, second: 59)!), nil) }
        if isSameFrame(until) { return (until.local, nil) }
        let cut = instant(of: until)
        // Two days is more than any offset change, so no instance at or before `cut` is lost to the wall-clock bound.
        return (local(at: cut).adding(seconds: hasFixedOffset ? 0 : 2 * 86_400), cut)
    }
}
