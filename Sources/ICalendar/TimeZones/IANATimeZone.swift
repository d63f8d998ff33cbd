/// The rules of one IANA tz database zone (`America/New_York`), read from its TZif file.
///
/// Spec: RFC 8536 §3.2 (type 0 before the first transition; the footer TZ string on and after the last),
/// RFC 5545 §3.3.5 (a wall clock in a gap is read with the offset before the gap; a repeated one means the first
/// occurrence).
///
/// Conversions run once per recurrence instance, so everything is precomputed into flat arrays at load time: the
/// file's transitions plus the footer rule's transitions up to `precomputedUntilYear`, searched by bisection. Later
/// instants are computed from the footer directly. The value is immutable, so it needs no locks.
public struct IANATimeZone: TimeZoneRules, Sendable {
    public let identifier: String
    /// The footer rule, nil for version 1 files and empty footers.
    public let footer: POSIXTimeZoneRule?
    /// Every local time type the zone uses, including the footer's.
    public let localTimeTypes: [LocalTimeType]

    /// Transition instants (the file's, then the footer's up to `precomputedUntilYear`) with the offset after each,
    /// searched both ways by the same §3.3.5 rule as embedded VTIMEZONEs.
    let table: TimeZoneTransitionTable
    /// Index into `localTimeTypes` of the type starting at each transition.
    let typeAfter: [Int]
    /// How many of `times` came from the file.
    public let fileTransitionCount: Int
    let initialType: Int
    /// The footer when it changes offset during the year (so instants past `times` need computing).
    let varyingFooter: POSIXTimeZoneRule?
    /// The type in force after the last transition when the footer never changes (or there is no footer).
    let fixedTailType: LocalTimeType?

    /// Footer transitions are precomputed up to the start of this year; later ones are computed on demand.
    public static let precomputedUntilYear = 2101

    public init(identifier: String, file: TZifFile) throws(TimeZoneError) {
        self.identifier = identifier
        var types = file.types.map {
            LocalTimeType(offset: UTCOffset(seconds: $0.utcOffset), isDaylightSaving: $0.isDaylightSaving,
                          abbreviation: $0.abbreviation)
        }
        var footer: POSIXTimeZoneRule?
        if let text = file.footer, !text.isEmpty {
            do {
                footer = try POSIXTimeZoneRule(parsing: text)
            } catch {
                throw TimeZoneError(.invalidTZif, identifier: identifier, message: "footer: \(error.message)")
            }
        }
        self.footer = footer
        var times = file.transitionTimes
        var typeAfter = file.transitionTypes
        fileTransitionCount = times.count

        if let footer, !footer.isFixed {
            func index(of type: LocalTimeType) -> Int {
                if let i = types.firstIndex(of: type) { return i }
                types.append(type)
                return types.count - 1
            }
            let std = index(of: footer.standardType)
            let dst = index(of: footer.daylightType!)
            let horizon = Int64(CalendarDate(unchecked: Self.precomputedUntilYear, 1, 1).dayNumber) * 86_400
            let last = times.last ?? Int64.min
            // Clamped so that a file whose last entry is zic's -2^59 "big bang" does not make us walk 10^10 years.
            let firstYear = max(times.last.map { Instant(secondsSinceEpoch: $0).utc.date.year } ?? 1970, 1800)
            if firstYear < Self.precomputedUntilYear {
                for change in footer.changes(years: firstYear...Self.precomputedUntilYear - 1)
                where change.at > last && change.at < horizon {
                    times.append(change.at)
                    typeAfter.append(change.toDaylight ? dst : std)
                }
            }
        }
        localTimeTypes = types
        initialType = 0
        if let footer, !footer.isFixed {
            varyingFooter = footer
            fixedTailType = nil
        } else {
            varyingFooter = nil
            // A fixed footer is authoritative after the last transition; without one the last type stays.
            fixedTailType = footer?.localTimeType(at: Instant(secondsSinceEpoch: 0))
                ?? typeAfter.last.map { types[$0] } ?? types[0]
        }
        self.typeAfter = typeAfter
        table = TimeZoneTransitionTable(initialOffset: types[0].offset, times: times,
                                        offsetsAfter: typeAfter.map { Int64(types[$0].offset.seconds) })
    }

    /// Transition instants in seconds since the epoch.
    var times: [Int64] { table.times }
    /// UTC offset in seconds after each transition.
    var offsetAfter: [Int64] { table.offsetsAfter }

    /// Reads TZif bytes.
    public init(identifier: String, tzif bytes: [UInt8]) throws(TimeZoneError) {
        try self.init(identifier: identifier, file: TZifFile(bytes: bytes, identifier: identifier))
    }

    // MARK: TimeZoneRules

    public func offset(at instant: Instant) -> UTCOffset {
        let i = table.transitionCount(atOrBefore: instant)
        if i > 0 && i < table.count { return UTCOffset(seconds: Int(table.offsetsAfter[i - 1])) }
        return localTimeType(at: instant).offset
    }

    public func instant(for local: LocalDateTime) -> Instant {
        let l = local.secondsSinceEpoch
        // The first transition whose "after" wall clocks start beyond l: l is read with the offset before it.
        let i = table.transitionCount(readingWallClock: local)
        if i > 0 && i < table.count { return Instant(secondsSinceEpoch: l - table.offsetsAfter[i - 1]) }
        if let footer = varyingFooter, i == times.count || fileTransitionCount == 0 {
            return footerInstant(for: l, footer: footer)
        }
        if i == 0 && !times.isEmpty { return Instant(secondsSinceEpoch: l - initialOffset) }
        return Instant(secondsSinceEpoch: l - Int64(fixedTailType!.offset.seconds))
    }

    var initialOffset: Int64 { Int64(localTimeTypes[initialType].offset.seconds) }

    /// The type after the last precomputed transition (or everywhere, for a zone without transitions).
    func tailType(at instant: Instant) -> LocalTimeType {
        if let footer = varyingFooter { return footer.localTimeType(at: instant) }
        return fixedTailType!
    }

    /// `instant(for:)` past the precomputed transitions: the same rule over the footer's changes around that year.
    func footerInstant(for l: Int64, footer: POSIXTimeZoneRule) -> Instant {
        let year = LocalDateTime(secondsSinceEpoch: l).date.year
        let last = fileTransitionCount == 0 ? Int64.min : times.last ?? Int64.min
        let std = Int64(footer.standardOffset.seconds)
        let dst = Int64(footer.daylight?.offset.seconds ?? footer.standardOffset.seconds)
        let changes = footer.changes(years: year - 1...year + 1).filter { $0.at > last }
        var before: Int64
        if fileTransitionCount > 0, let lastOffset = offsetAfter.last {
            before = lastOffset
        } else {
            before = changes.first.map { $0.toDaylight ? std : dst } ?? std
        }
        for change in changes {
            let after = change.toDaylight ? dst : std
            if l < change.at + max(before, after) { return Instant(secondsSinceEpoch: l - before) }
            before = after
        }
        return Instant(secondsSinceEpoch: l - before)
    }

    // MARK: Inspection

    /// The local time type (offset, DST flag, abbreviation) in force at an instant.
    public func localTimeType(at instant: Instant) -> LocalTimeType {
        let i = table.transitionCount(atOrBefore: instant)
        if i > 0 && i < table.count { return localTimeTypes[typeAfter[i - 1]] }
        if i == 0 && fileTransitionCount > 0 { return localTimeTypes[initialType] }
        // After the last transition, or anywhere in a zone whose file has none: RFC 8536 hands over to the footer.
        return tailType(at: instant)
    }

    /// The type in force before the first transition (usually local mean time).
    public var initialLocalTimeType: LocalTimeType { localTimeTypes[initialType] }

    /// The transitions read from the file itself, oldest first. Entries that change nothing (zic writes one at
    /// 2038-01-19 for 32-bit readers) are left out here and in `transitions(from:to:)`.
    public var fileTransitions: [TimeZoneTransition] {
        (0..<fileTransitionCount).map(transition(at:)).filter { $0.before != $0.after }
    }

    /// Every transition with `start <= instant < end`, oldest first, from the file and then from the footer rule.
    public func transitions(from start: Instant, to end: Instant) -> [TimeZoneTransition] {
        guard start < end else { return [] }
        var result: [TimeZoneTransition] = []
        var i = table.transitionCount(before: start)
        while i < times.count, times[i] < end.secondsSinceEpoch {
            let transition = transition(at: i)
            if transition.before != transition.after { result.append(transition) }
            i += 1
        }
        guard let footer = varyingFooter, i == times.count else { return result }
        let after = max(start.secondsSinceEpoch, (times.last ?? Int64.min) + 1)
        let firstYear = Instant(secondsSinceEpoch: after).utc.date.year
        let lastYear = end.utc.date.year
        guard firstYear <= lastYear else { return result }
        for transition in footer.transitions(years: firstYear...lastYear)
        where transition.instant.secondsSinceEpoch >= after && transition.instant < end {
            result.append(transition)
        }
        return result
    }

    func transition(at i: Int) -> TimeZoneTransition {
        TimeZoneTransition(
            instant: Instant(secondsSinceEpoch: times[i]),
            before: localTimeTypes[i == 0 ? initialType : typeAfter[i - 1]],
            after: localTimeTypes[typeAfter[i]])
    }
}
