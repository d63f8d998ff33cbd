import ICalendar

/// Past the horizon: onsets computed around the requested time from the rules that go on.
///
/// Spec: RFC 5545 §3.6.5 (an RRULE without COUNT or UNTIL applies forever). Precomputing forever is impossible, so
/// a query at or after `horizon` builds a small transition table for the 800 days around it: the table's own onsets
/// in that span, the late finite onsets, and the open rules' occurrences found by seeking each rule to the span. What
/// held at the start of the span is the last onset before it, looked up in spans growing fourfold back to the horizon.
/// The cost is a handful of rule seeks per query, paid only by times past the horizon (year 2200 by default).
extension VTimeZoneRules {
    /// A transition table for a span of time.
    struct Window {
        var table: TimeZoneTransitionTable
        var initial: LocalTimeType
        var typesAfter: [LocalTimeType]

        func localTimeType(at instant: Instant) -> LocalTimeType {
            let count = table.transitionCount(atOrBefore: instant)
            return count == 0 ? initial : typesAfter[count - 1]
        }
    }

    /// Half the width of a window: wide enough that every wall clock a window is asked about has the onsets that
    /// decide it (at most a day away) inside.
    static let windowRadius: Int64 = 400 * 86_400

    /// The transitions around `center` (seconds since the epoch, or a wall clock read as such).
    func window(around center: Int64) -> Window {
        let low = center - Self.windowRadius
        let high = center + Self.windowRadius
        let h = horizon.secondsSinceEpoch
        var onsets: [(at: Int64, type: LocalTimeType)] = []
        let initial: LocalTimeType
        if low < h {
            var i = table.transitionCount(before: Instant(secondsSinceEpoch: low))
            initial = i == 0 ? initialLocalTimeType : typesAfter[i - 1]
            while i < table.count, table.times[i] < Swift.min(high, h) {
                onsets.append((table.times[i], typesAfter[i]))
                i += 1
            }
        } else {
            initial = typeBefore(low)
        }
        if high > h {
            onsets += tailOnsets(from: Swift.max(low, h), to: high).map { ($0.at, $0.type) }
        }
        let types = onsets.map(\.type)
        return Window(table: TimeZoneTransitionTable(initialOffset: initial.offset, times: onsets.map(\.at),
                                                     offsetsAfter: types.map { Int64($0.offset.seconds) }),
                      initial: initial, typesAfter: types)
    }

    /// What is in force just before `time` (at or after the horizon).
    func typeBefore(_ time: Int64) -> LocalTimeType {
        let h = horizon.secondsSinceEpoch
        var span = Self.windowRadius
        while true {
            let low = Swift.max(h, time - span)
            if let last = tailOnsets(from: low, to: time).last { return last.type }
            if low == h { return typesAfter.last ?? initialLocalTimeType }
            span = span > Int64.max / 8 ? Int64.max / 2 : span * 4
        }
    }

    /// Onsets with `low <= at < high`, both at or after the horizon: late finite onsets and open rules' occurrences,
    /// sorted, one per instant (the later-listed observance wins, as in the table).
    func tailOnsets(from low: Int64, to high: Int64) -> [VTimeZoneOnset] {
        guard low < high else { return [] }
        var found: [VTimeZoneOnset] = []
        var i = Self.firstOnset(atOrAfter: low, in: lateOnsets)
        while i < lateOnsets.count, lateOnsets[i].at < high {
            found.append(lateOnsets[i])
            i += 1
        }
        for open in openRules {
            let from = Int64(open.from.seconds)
            // Onset wall clocks are in TZOFFSETFROM, so `low <= at < high` is `low + from <= wall clock < high + from`.
            let last = LocalDateTime(secondsSinceEpoch: high + from)
            var iterator = RuleIterator(rule: open.rule, dtstart: open.dtstart,
                                        until: open.until.map { Swift.min($0, last) } ?? last, limits: limits)
            iterator.seek(toFirstAtOrAfter: LocalDateTime(secondsSinceEpoch: low + from))
            while let local = iterator.next() {
                let at = local.secondsSinceEpoch - from
                if at >= high { break }
                if at >= low {
                    found.append(VTimeZoneOnset(at: at, type: open.type, from: open.from, order: open.order))
                }
            }
        }
        var result: [VTimeZoneOnset] = []
        for onset in found.sorted(by: { ($0.at, $0.order) < ($1.at, $1.order) }) {
            if result.last?.at == onset.at { result.removeLast() }
            result.append(onset)
        }
        return result
    }
}
