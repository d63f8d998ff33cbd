import ICalendar

/// The times one VALARM fires for one instance of its parent: the trigger, then `repeatCount` more at
/// `repeatInterval` spacing.
///
/// Spec: RFC 5545 §3.8.6.3 (TRIGGER: a duration RELATED to START (default) or END, or an absolute DATE-TIME),
/// §3.8.6.2 (REPEAT) with §3.8.2.5 (DURATION between repeats; both or neither), RFC 4791 §9.9 (a VALARM overlaps
/// when `start <= trigger-time AND end > trigger-time` for at least one of its triggers).
public struct AlarmTriggers: Sendable {
    public var first: Instant
    /// How many further triggers follow the first (REPEAT); 0 when REPEAT or DURATION is missing.
    public var repeatCount: Int
    public var repeatInterval: CalendarDuration
    /// The zone whose days a nominal `repeatInterval` counts.
    public var zone: any TimeZoneRules

    public init(first: Instant, repeatCount: Int = 0, repeatInterval: CalendarDuration = .zero, zone: any TimeZoneRules = FixedOffsetZone.utc) {
        self.first = first
        // A non-positive spacing is invalid (RFC 5545 §3.8.6.2 repeats "after the initial trigger"); such repeats
        // would all land on or before the first trigger, so they are dropped rather than guessed at.
        let positive = repeatInterval.totalSeconds > 0 && !repeatInterval.isNegative
        self.repeatCount = positive ? min(max(0, repeatCount), Self.maxRepeats) : 0
        self.repeatInterval = repeatInterval
        self.zone = zone
    }

    /// Reads TRIGGER, REPEAT and DURATION of `alarm`. `start` and `end` are the instance's bases for relative triggers
    /// (see `InstanceSpan.alarmStart` / `alarmEnd`); `zone` is the zone the parent's DTSTART is written in, so that
    /// `-P1D` means the same wall-clock time a day earlier. Nil when the alarm has no TRIGGER, or a relative trigger
    /// has no base at all.
    public init?(
        alarm: Component, start: Instant?, end: Instant?, zone: any TimeZoneRules, context: TimeContext
    ) throws(ICalendarParseError) {
        guard let trigger = alarm.property(.trigger) else { return nil }
        let first: Instant
        if trigger.valueType == .dateTime {
            first = context.instant(try trigger.dateTime())
        } else {
            let related = trigger[parameter: .related]?.uppercased() == "END"
            // A missing base falls back to the other one (RFC 4791 §7.8.5 matches a START-related alarm on a to-do
            // that only has DUE); with neither there is nothing to count from.
            guard let base = related ? (end ?? start) : (start ?? end) else { return nil }
            first = context.adding(try trigger.duration(), to: base, in: zone)
        }
        var count = 0
        var interval = CalendarDuration.zero
        if let repeatProperty = alarm.property(.repeat), let durationProperty = alarm.property(.duration) {
            count = try repeatProperty.integer()
            interval = try durationProperty.duration()
        }
        self.init(first: first, repeatCount: count, repeatInterval: interval, zone: zone)
    }

    /// The `k`-th trigger (0 is the first): `k` times the interval added in one step, so a nominal interval keeps
    /// the wall-clock time across DST changes and the sequence never drifts. Triggers beyond any calendar
    /// (`k × interval` over ~3,000 years) read as the far future, which keeps the sequence ordered without overflow.
    public func trigger(_ k: Int) -> Instant {
        guard k > 0 else { return first }
        let (approximate, overflow) = repeatInterval.totalSeconds.multipliedReportingOverflow(by: Int64(k))
        guard !overflow, approximate < Self.horizonSeconds else { return Instant(secondsSinceEpoch: .max) }
        let scaled = CalendarDuration(days: repeatInterval.nominalDays * k)
        return TimeContext.adding(scaled, to: first, in: zone).adding(seconds: repeatInterval.exactSeconds * Int64(k))
    }

    /// REPEAT values above this are read as this: enough for a trigger every second for 68 years.
    static let maxRepeats = Int(Int32.max)
    /// About 3,170 years in seconds.
    private static let horizonSeconds: Int64 = 100_000_000_000

    /// Whether any trigger lies in `[range.start, range.end)`. Triggers grow with `k`, so this finds the first one at
    /// or after the range start by bisection: a hostile `REPEAT:2000000000` costs about 31 steps, not a loop.
    public func overlaps(_ range: TimeRange) -> Bool {
        var low = 0
        var high = repeatCount + 1  // one past the last trigger
        if let rangeStart = range.start {
            while low < high {
                let mid = low + (high - low) / 2
                if trigger(mid) < rangeStart { low = mid + 1 } else { high = mid }
            }
        }
        guard low <= repeatCount else { return false }
        return range.contains(trigger(low))
    }

    /// The trigger instants in order, at most `limit` of them.
    public func instants(limit: Int = ExpansionLimits.default.maxInstances) -> [Instant] {
        let count = min(repeatCount + 1, max(0, limit))
        return (0..<count).map(trigger)
    }
}
