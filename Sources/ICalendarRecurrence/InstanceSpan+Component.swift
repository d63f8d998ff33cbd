import ICalendar

extension InstanceSpan {
    /// The span of one instance of `component`, or nil for components RFC 4791 §9.9 gives no time-range meaning
    /// (VALARM needs its parent: see `AlarmTriggers`).
    ///
    /// `instanceStart` is the start of an expanded recurrence instance; it replaces DTSTART, and DTEND/DUE move with
    /// it (same exact length, or the same number of days between DATEs), while DURATION is added to it afresh
    /// (RFC 5545 §3.8.5.3). COMPLETED and CREATED describe the whole to-do and do not move. Pass nil for a
    /// non-recurring component or to read the component's own DTSTART.
    public init?(_ component: Component, instanceStart: Instant? = nil, context: TimeContext) throws(ICalendarParseError) {
        guard let reading = try InstanceReading(component, instanceStart: instanceStart, context: context) else { return nil }
        self = reading.span
    }
}

extension InstanceSpan {
    /// What a VEVENT's instances share, read once: how an instance's end follows from its start. `span(at:)` is
    /// `InstanceSpan(component, instanceStart:context:)` for each expanded instance of the event, without reading
    /// and converting DTSTART, DTEND and DURATION again for every instance.
    ///
    /// Spec: RFC 4791 §9.9, RFC 5545 §3.8.5.3 (DTEND keeps the exact length, or the days between DATEs; DURATION
    /// is added afresh in DTSTART's zone).
    public struct EventTiming: Sendable {
        private enum End: Sendable {
            /// The end is the start plus exact seconds.
            case exact(Int64)
            /// The end is the start plus a duration with nominal days, counted in a zone.
            case nominal(CalendarDuration, any TimeZoneRules)
        }

        private let end: End

        /// Nil when `component` is not a VEVENT with a DTSTART (ask `InstanceSpan.init` for those); throws where
        /// `InstanceSpan.init` throws for every instance.
        public init?(_ component: Component, context: TimeContext) throws(ICalendarParseError) {
            guard component.name == .vevent, let dtstart = try component.property(.dtstart)?.dateTime() else { return nil }
            if let dtend = try component.property(.dtend)?.dateTime() {
                // `TimeContext.moving(end:from:to:)`.
                if dtstart.isDate && dtend.isDate {
                    let days = dtend.date.dayNumber - dtstart.date.dayNumber
                    end = .nominal(CalendarDuration(isNegative: days < 0, days: abs(days)), context.zone(of: dtstart))
                } else {
                    end = .exact(context.instant(dtend).secondsSinceEpoch - context.instant(dtstart).secondsSinceEpoch)
                }
            } else if let duration = try component.property(.duration)?.duration() {
                end = .nominal(duration, context.zone(of: dtstart))
            } else if dtstart.isDate {
                end = .nominal(CalendarDuration(days: 1), context.zone(of: dtstart))
            } else {
                end = .exact(0)
            }
        }

        /// The span of the instance that starts at `start`.
        public func span(at start: Instant) -> InstanceSpan {
            switch end {
            case .exact(let seconds): .event(start: start, end: start.adding(seconds: seconds))
            case .nominal(let duration, let zone): .event(start: start, end: TimeContext.adding(duration, to: start, in: zone))
            }
        }
    }
}

/// An instance span together with the zone its DTSTART is written in, which alarm durations need for nominal days.
struct InstanceReading {
    var span: InstanceSpan
    var zone: any TimeZoneRules

    init?(_ component: Component, instanceStart: Instant?, context: TimeContext) throws(ICalendarParseError) {
        let dtstart = try component.property(.dtstart)?.dateTime()
        // Alarm durations count days in the zone of DTSTART, or of DUE for a to-do without DTSTART.
        let anchor = component.name == .vtodo && dtstart == nil ? try component.property(.due)?.dateTime() : dtstart
        zone = anchor.map { context.zone(of: $0) } ?? context.floating
        switch component.name {
        case .vevent:
            guard let dtstart else {
                // RFC 4791 §9.9 relies on DTSTART being REQUIRED in a VEVENT; one without it has no span. Read it as
                // an event that never overlaps rather than failing the whole query.
                span = .withoutStart
                return
            }
            let start = instanceStart ?? context.instant(dtstart)
            span = .event(start: start, end: try Self.eventEnd(component, dtstart: dtstart, start: start, moved: instanceStart != nil, context))

        case .vtodo:
            span = try Self.todo(component, dtstart: dtstart, instanceStart: instanceStart, context)

        case .vjournal:
            guard let dtstart else {
                span = .withoutStart
                return
            }
            let start = instanceStart ?? context.instant(dtstart)
            let end = dtstart.isDate ? context.adding(CalendarDuration(days: 1), to: start, in: zone) : start
            span = .journal(start: start, end: end)

        case .vfreebusy:
            span = try Self.freeBusy(component, context)

        default:
            return nil
        }
    }

    /// DTEND, else DTSTART+DURATION, else +P1D for a DATE and +0 for a DATE-TIME (RFC 4791 §9.9, RFC 5545 §3.6.1).
    private static func eventEnd(
        _ component: Component, dtstart: DateTime, start: Instant, moved: Bool, _ context: TimeContext
    ) throws(ICalendarParseError) -> Instant {
        if let dtend = try component.property(.dtend)?.dateTime() {
            return moved ? context.moving(end: dtend, from: dtstart, to: start) : context.instant(dtend)
        }
        if let duration = try component.property(.duration)?.duration() {
            return context.adding(duration, to: start, in: context.zone(of: dtstart))
        }
        return dtstart.isDate ? context.adding(CalendarDuration(days: 1), to: start, in: context.zone(of: dtstart)) : start
    }

    private static func todo(
        _ component: Component, dtstart: DateTime?, instanceStart: Instant?, _ context: TimeContext
    ) throws(ICalendarParseError) -> InstanceSpan {
        let dueValue = try component.property(.due)?.dateTime()
        let completed = try instant(of: .completed, in: component, context)
        let created = try instant(of: .created, in: component, context)
        guard let dtstart else {
            // No DTSTART: an expanded instance start can only stand for DUE, the one time the to-do has.
            let due = instanceStart ?? dueValue.map(context.instant)
            return .todo(start: nil, durationEnd: nil, due: due, completed: completed, created: created)
        }
        let start = instanceStart ?? context.instant(dtstart)
        var due: Instant?
        if let dueValue {
            due = instanceStart == nil ? context.instant(dueValue) : context.moving(end: dueValue, from: dtstart, to: start)
        }
        var durationEnd: Instant?
        if let duration = try component.property(.duration)?.duration() {
            durationEnd = context.adding(duration, to: start, in: context.zone(of: dtstart))
        }
        return .todo(start: start, durationEnd: durationEnd, due: due, completed: completed, created: created)
    }

    private static func instant(of name: PropertyName, in component: Component, _ context: TimeContext) throws(ICalendarParseError) -> Instant? {
        guard let property = component.property(name) else { return nil }
        return context.instant(try property.dateTime())
    }

    /// Both DTSTART and DTEND, else the FREEBUSY periods. DURATION is ignored (RFC 4791 §9.9: it has a special
    /// meaning in VFREEBUSY).
    private static func freeBusy(_ component: Component, _ context: TimeContext) throws(ICalendarParseError) -> InstanceSpan {
        if let dtstart = try component.property(.dtstart)?.dateTime(), let dtend = try component.property(.dtend)?.dateTime() {
            let start = context.instant(dtstart)
            let end = max(start, context.instant(dtend))
            return .freeBusy(bounds: start..<end, periods: [])
        }
        return .freeBusy(bounds: nil, periods: try FreeBusyPeriod.all(in: component, context: context))
    }
}

extension FreeBusyPeriod {
    /// Every period of every FREEBUSY property of a component, with its FBTYPE (FREE included), in order.
    /// A period with a duration is measured from its start in the start's zone (RFC 5545 §3.3.9).
    static func all(in component: Component, context: TimeContext) throws(ICalendarParseError) -> [FreeBusyPeriod] {
        var result: [FreeBusyPeriod] = []
        for property in component.properties(.freebusy) {
            let type = property[parameter: .fbtype].map(FreeBusyType.init(parameterValue:)) ?? .busy
            for period in try property.periods() {
                let start = context.instant(period.start)
                let end: Instant
                switch period.end {
                case .dateTime(let value): end = context.instant(value)
                case .duration(let duration): end = context.adding(duration, to: start, in: context.zone(of: period.start))
                }
                result.append(FreeBusyPeriod(start: start, end: max(start, end), type: type))
            }
        }
        return result
    }
}
