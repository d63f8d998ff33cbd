import ICalendar

/// The effective times of one instance of a component, already resolved to instants: what RFC 4791 §9.9 compares
/// against a time range. Built from a component (`InstanceSpan+Component.swift`), or directly from an index row.
///
/// Spec: RFC 4791 §9.9 (CALDAV:time-range). Each case keeps exactly what its table needs, so `overlaps` is a
/// transcription of that table and nothing more.
public enum InstanceSpan: Hashable, Sendable {
    /// A VEVENT from `start` to its effective end: DTEND, DTSTART+DURATION, DTSTART+P1D for a DATE with neither, or
    /// `start` itself (an instant) for a DATE-TIME with neither or a zero DURATION.
    case event(start: Instant, end: Instant)

    /// A VTODO. `durationEnd` is DTSTART+DURATION (present only with DTSTART); each field is nil when its property is
    /// absent, and the table row is chosen by which are present.
    case todo(start: Instant?, durationEnd: Instant?, due: Instant?, completed: Instant?, created: Instant?)

    /// A VJOURNAL: `end` is `start` for a DATE-TIME DTSTART and `start`+P1D for a DATE. Without DTSTART there is no
    /// span and the journal never overlaps.
    case journal(start: Instant, end: Instant)

    /// A VJOURNAL without DTSTART (or a VEVENT without the DTSTART it requires): never overlaps.
    case withoutStart

    /// A VFREEBUSY: `bounds` when it has both DTSTART and DTEND, else its FREEBUSY periods (of any type, FREE too).
    case freeBusy(bounds: Range<Instant>?, periods: [FreeBusyPeriod])

    /// Whether this instance overlaps `range` by the table of RFC 4791 §9.9 for its component.
    public func overlaps(_ range: TimeRange) -> Bool {
        switch self {
        case .event(let start, let end):
            // DTEND or DURATION > 0: start < END AND end > DTSTART. DURATION = 0 or a DATE-TIME with neither:
            // start <= DTSTART AND end > DTSTART. TimeRange.overlaps applies exactly these two rules.
            return range.overlaps(start: start, end: max(start, end))

        case .todo(let start, let durationEnd, let due, let completed, let created):
            return Self.todoOverlaps(range, start: start, durationEnd: durationEnd, due: due, completed: completed, created: created)

        case .journal(let start, let end):
            // Y/Y: start <= DTSTART AND end > DTSTART.  Y/N: start < DTSTART+P1D AND end > DTSTART.
            return end > start ? range.starts(before: end) && range.ends(after: start) : range.contains(start)

        case .withoutStart:
            return false

        case .freeBusy(let bounds, let periods):
            if let bounds {
                // Note the inclusive `<=`: a VFREEBUSY whose DTEND equals the range start still overlaps.
                return range.starts(atOrBefore: bounds.upperBound) && range.ends(after: bounds.lowerBound)
            }
            return periods.contains { range.starts(before: $0.end) && range.ends(after: $0.start) }
        }
    }

    /// The VTODO table, one branch per row, in the order the RFC lists them.
    private static func todoOverlaps(
        _ range: TimeRange, start: Instant?, durationEnd: Instant?, due: Instant?, completed: Instant?, created: Instant?
    ) -> Bool {
        switch (start, durationEnd, due) {
        case (let s?, let d?, nil):
            // Y Y N: (start <= DTSTART+DURATION) AND ((end > DTSTART) OR (end >= DTSTART+DURATION))
            return range.starts(atOrBefore: d) && (range.ends(after: s) || range.ends(atOrAfter: d))
        case (let s?, _, let u?):
            // Y N Y: ((start < DUE) OR (start <= DTSTART)) AND ((end > DTSTART) OR (end >= DUE)).
            // DURATION together with DUE is forbidden by RFC 5545 §3.6.2; when both appear, DUE wins.
            return (range.starts(before: u) || range.starts(atOrBefore: s)) && (range.ends(after: s) || range.ends(atOrAfter: u))
        case (let s?, nil, nil):
            // Y N N: (start <= DTSTART) AND (end > DTSTART)
            return range.starts(atOrBefore: s) && range.ends(after: s)
        case (nil, _, let u?):
            // N N Y: (start < DUE) AND (end >= DUE)
            return range.starts(before: u) && range.ends(atOrAfter: u)
        case (nil, _, nil):
            switch (completed, created) {
            case (let c?, let r?):
                // N N N Y Y: ((start <= CREATED) OR (start <= COMPLETED)) AND ((end >= CREATED) OR (end >= COMPLETED))
                return (range.starts(atOrBefore: r) || range.starts(atOrBefore: c)) && (range.ends(atOrAfter: r) || range.ends(atOrAfter: c))
            case (let c?, nil):
                // N N N Y N: (start <= COMPLETED) AND (end >= COMPLETED)
                return range.starts(atOrBefore: c) && range.ends(atOrAfter: c)
            case (nil, let r?):
                // N N N N Y: (end > CREATED)
                return range.ends(after: r)
            case (nil, nil):
                // N N N N N: TRUE
                return true
            }
        }
    }

    /// The instant a START-related alarm trigger counts from.
    ///
    /// Spec: RFC 5545 §3.8.6.3. A VTODO without DTSTART falls back to DUE, as the to-do in RFC 4791 §7.8.5 (DUE
    /// only, `TRIGGER;RELATED=START:-PT10M`) is expected to match.
    public var alarmStart: Instant? {
        switch self {
        case .event(let start, _), .journal(let start, _): start
        case .todo(let start, let durationEnd, let due, _, _): start ?? due ?? durationEnd
        case .withoutStart, .freeBusy: nil
        }
    }

    /// The instant an END-related alarm trigger counts from: the effective end of an event, or DUE (else
    /// DTSTART+DURATION, else DTSTART) of a to-do.
    public var alarmEnd: Instant? {
        switch self {
        case .event(let start, let end): max(start, end)
        case .journal(_, let end): end
        case .todo(let start, let durationEnd, let due, _, _): due ?? durationEnd ?? start
        case .withoutStart, .freeBusy: nil
        }
    }
}

extension TimeRange {
    // The four comparisons the §9.9 tables use, with an absent bound read as -infinity / +infinity.

    /// `start < instant`
    func starts(before instant: Instant) -> Bool { start.map { $0 < instant } ?? true }
    /// `start <= instant`
    func starts(atOrBefore instant: Instant) -> Bool { start.map { $0 <= instant } ?? true }
    /// `end > instant`
    func ends(after instant: Instant) -> Bool { end.map { $0 > instant } ?? true }
    /// `end >= instant`
    func ends(atOrAfter instant: Instant) -> Bool { end.map { $0 >= instant } ?? true }
}
