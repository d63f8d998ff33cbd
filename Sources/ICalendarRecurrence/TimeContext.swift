import ICalendar

/// How DATE-TIME values become instants for time-range tests and free/busy: the resolver for TZIDs and the zone in
/// which floating times and DATEs are read.
///
/// Spec: RFC 4791 §7.3 (floating times and DATEs are read in the zone the request or the calendar names — CalDAV
/// passes the CALDAV:timezone of the query or the calendar's CALDAV:calendar-timezone), RFC 5545 §3.3.6 (nominal
/// days are added in wall-clock time, the time part as exact seconds).
public struct TimeContext: Sendable {
    public var resolver: any TimeZoneResolving
    /// The zone for floating DATE-TIMEs, DATEs and TZIDs the resolver does not know.
    public var floating: any TimeZoneRules

    public init(resolver: any TimeZoneResolving, floating: any TimeZoneRules = FixedOffsetZone.utc) {
        self.resolver = resolver
        self.floating = floating
    }

    /// The instant a value names.
    public func instant(_ value: DateTime) -> Instant {
        value.instant(resolver: resolver, floating: floating)
    }

    /// The zone whose wall clock a value is written in: UTC for `...Z`, the TZID's rules when known, else the
    /// floating zone. Nominal durations added to the value are counted in this zone's days.
    public func zone(of value: DateTime) -> any TimeZoneRules {
        switch value {
        case .utc: FixedOffsetZone.utc
        case .date, .floating: floating
        case .zoned(_, let tzid): resolver.rules(for: tzid) ?? floating
        }
    }

    /// `instant + duration`, with weeks and days added to the wall clock in `zone` (so a day across a DST change is
    /// 23 or 25 hours) and then the time part as exact seconds.
    public func adding(_ duration: CalendarDuration, to instant: Instant, in zone: any TimeZoneRules) -> Instant {
        Self.adding(duration, to: instant, in: zone)
    }

    /// The same as the instance method; it needs no resolver.
    public static func adding(_ duration: CalendarDuration, to instant: Instant, in zone: any TimeZoneRules) -> Instant {
        let days = duration.nominalDays
        guard days != 0 else { return instant.adding(seconds: duration.exactSeconds) }
        let local = zone.local(at: instant)
        let shifted = LocalDateTime(date: local.date.adding(days: days), time: local.time)
        return zone.instant(for: shifted).adding(seconds: duration.exactSeconds)
    }

    /// Where `end` lands when the span `start`→`end` is moved to begin at `newStart` (an expanded instance).
    ///
    /// Spec: RFC 5545 §3.8.5.3 — a span given by DTEND or DUE keeps its exact length on every instance. Between two
    /// DATEs the length is counted in days, so an all-day instance still ends at a midnight.
    public func moving(end: DateTime, from start: DateTime, to newStart: Instant) -> Instant {
        if start.isDate && end.isDate {
            let days = end.date.dayNumber - start.date.dayNumber
            let duration = CalendarDuration(isNegative: days < 0, days: abs(days))
            return adding(duration, to: newStart, in: zone(of: start))
        }
        let length = instant(end).secondsSinceEpoch - instant(start).secondsSinceEpoch
        return newStart.adding(seconds: length)
    }
}
