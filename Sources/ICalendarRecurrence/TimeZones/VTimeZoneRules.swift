import ICalendar

/// The rules of a time zone as a VTIMEZONE component defines them: what Outlook's "Customized Time Zone", a
/// retired zone or any TZID the tz database does not know means in one calendar.
///
/// Spec: RFC 5545 §3.6.5 — each STANDARD or DAYLIGHT observance begins at its DTSTART, at every occurrence of its
/// RRULE and at every RDATE, all wall clocks in its TZOFFSETFROM, and TZOFFSETTO holds from each onset until the next
/// onset of any observance. Before the first onset the earliest observance's TZOFFSETFROM holds. Wall clocks in gaps
/// and overlaps follow §3.3.5 through `TimeZoneTransitionTable`, exactly as for `IANATimeZone`.
///
/// Onsets are computed once, at init, up to `horizon` (January 1st of the horizon year, UTC) into a table searched by
/// bisection. Rules that go on past the horizon are kept and evaluated around the requested time when a later one is
/// asked for, so the zone stays right in any year, only slower past the horizon. The work at init is bounded by
/// `ExpansionLimits`: a hostile rule is a `VTimeZoneError`, never a hang. The value is immutable, so it needs no lock.
public struct VTimeZoneRules: TimeZoneRules {
    public let identifier: String
    /// Onsets before this instant are precomputed; later ones are computed on demand from the open rules.
    public let horizon: Instant
    /// What is in force before the first onset: the earliest observance's TZOFFSETFROM.
    public let initialLocalTimeType: LocalTimeType
    let table: TimeZoneTransitionTable
    /// What is in force from each of `table`'s transitions on.
    let typesAfter: [LocalTimeType]
    /// Rules whose onsets continue at or after `horizon`.
    let openRules: [VTimeZoneOpenRule]
    /// Onsets from DTSTART, RDATE and finite rules at or after `horizon`, sorted (empty when there are no open rules:
    /// then every onset is in `table`).
    let lateOnsets: [VTimeZoneOnset]
    let limits: ExpansionLimits

    public static let defaultHorizonYear = 2200
    /// Real VTIMEZONEs have a few thousand onsets at most (Outlook's start in 1601: 1,200 up to 2200).
    public static let defaultLimits = ExpansionLimits(maxInstances: 10_000)

    /// Interprets a VTIMEZONE component.
    /// - Parameters:
    ///   - horizonYear: onsets before January 1st of this year (UTC) are precomputed.
    ///   - limits: `maxInstances` bounds the onsets of all observances together; `maxIterationsWithoutMatch` bounds a
    ///     rule's search for its next onset.
    public init(_ component: Component, horizonYear: Int = defaultHorizonYear,
                limits: ExpansionLimits = defaultLimits) throws(VTimeZoneError) {
        guard component.name == .vtimezone else {
            throw VTimeZoneError(.notATimeZone, message: "expected a VTIMEZONE component, found \(component.name)")
        }
        guard let tzid = component.property(.tzid)?.text, !tzid.isEmpty else {
            throw VTimeZoneError(.missingTZID, property: "TZID", message: "a VTIMEZONE must have a TZID property naming it")
        }
        let observances = component.components.filter { $0.name == .standard || $0.name == .daylight }
        guard !observances.isEmpty else {
            throw VTimeZoneError(.noObservances, tzid: tzid,
                                 message: "a VTIMEZONE needs at least one STANDARD or DAYLIGHT sub-component")
        }
        let year = Swift.min(Swift.max(horizonYear, 1), 9999)
        let horizon = Int64(CalendarDate(year: year, month: 1, day: 1)!.dayNumber) * 86_400
        var collector = VTimeZoneOnsetCollector(tzid: tzid, horizon: horizon, limits: limits)
        var parsed: [VTimeZoneObservance] = []
        for (order, observance) in observances.enumerated() {
            let observance = try VTimeZoneObservance(observance, order: order, tzid: tzid)
            parsed.append(observance)
            try collector.add(observance)
        }

        // Sorted by instant; of several onsets at one instant the later-listed observance wins.
        var onsets: [VTimeZoneOnset] = []
        for onset in collector.onsets.sorted(by: { ($0.at, $0.order) < ($1.at, $1.order) }) {
            if onsets.last?.at == onset.at { onsets.removeLast() }
            onsets.append(onset)
        }
        let first = onsets[0]
        // What held before the first onset takes its name and DST flag from an observance that switches to that offset
        // (preferring the other kind than the first onset's), when there is one.
        let earlier = parsed.first { $0.type.offset == first.from && $0.type.isDaylightSaving != first.type.isDaylightSaving }
            ?? parsed.first { $0.type.offset == first.from }
        initialLocalTimeType = earlier?.type ?? LocalTimeType(offset: first.from, isDaylightSaving: false, abbreviation: "")

        let split = collector.openRules.isEmpty ? onsets.count : Self.firstOnset(atOrAfter: horizon, in: onsets)
        identifier = tzid
        self.horizon = Instant(secondsSinceEpoch: horizon)
        self.limits = limits
        openRules = collector.openRules
        lateOnsets = Array(onsets[split...])
        typesAfter = onsets[..<split].map(\.type)
        table = TimeZoneTransitionTable(initialOffset: initialLocalTimeType.offset, times: onsets[..<split].map(\.at),
                                        offsetsAfter: typesAfter.map { Int64($0.offset.seconds) })
    }

    // MARK: TimeZoneRules

    public func offset(at instant: Instant) -> UTCOffset {
        if instant < horizon || openRules.isEmpty { return table.offset(at: instant) }
        return window(around: instant.secondsSinceEpoch).table.offset(at: instant)
    }

    public func instant(for local: LocalDateTime) -> Instant {
        // A transition at or after the horizon decides wall clocks from at most 18 hours (the largest offset) before
        // it, so earlier wall clocks need only the table.
        if local.secondsSinceEpoch < horizon.secondsSinceEpoch - 2 * 86_400 || openRules.isEmpty {
            return table.instant(for: local)
        }
        return window(around: local.secondsSinceEpoch).table.instant(for: local)
    }

    // MARK: Inspection

    /// The observance in force at an instant (its TZOFFSETTO, whether it is DAYLIGHT, its TZNAME).
    public func localTimeType(at instant: Instant) -> LocalTimeType {
        if instant < horizon || openRules.isEmpty {
            let count = table.transitionCount(atOrBefore: instant)
            return count == 0 ? initialLocalTimeType : typesAfter[count - 1]
        }
        return window(around: instant.secondsSinceEpoch).localTimeType(at: instant)
    }

    /// Every onset with `start <= instant < end` that changes the offset, DST flag or name, oldest first.
    public func transitions(from start: Instant, to end: Instant) -> [TimeZoneTransition] {
        guard start < end else { return [] }
        var onsets: [(at: Int64, type: LocalTimeType)] = []
        var i = table.transitionCount(before: start)
        let tableEnd = openRules.isEmpty ? end.secondsSinceEpoch : Swift.min(end.secondsSinceEpoch, horizon.secondsSinceEpoch)
        while i < table.count, table.times[i] < tableEnd {
            onsets.append((table.times[i], typesAfter[i]))
            i += 1
        }
        if !openRules.isEmpty, end > horizon {
            onsets += tailOnsets(from: Swift.max(start, horizon).secondsSinceEpoch, to: end.secondsSinceEpoch).map { ($0.at, $0.type) }
        }
        var before = localTimeType(at: start.adding(seconds: -1))
        var result: [TimeZoneTransition] = []
        for onset in onsets {
            if onset.type != before {
                result.append(TimeZoneTransition(instant: Instant(secondsSinceEpoch: onset.at), before: before, after: onset.type))
            }
            before = onset.type
        }
        return result
    }

    /// The index of the first onset at or after `time` in a list sorted by instant.
    static func firstOnset(atOrAfter time: Int64, in onsets: some RandomAccessCollection<VTimeZoneOnset>) -> Int {
        var low = 0
        var high = onsets.count
        while low < high {
            let mid = (low + high) >> 1
            if onsets[onsets.index(onsets.startIndex, offsetBy: mid)].at < time { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
