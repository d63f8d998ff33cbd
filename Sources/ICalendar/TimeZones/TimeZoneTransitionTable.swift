/// A zone's offset changes as flat, sorted arrays, answering both directions of a conversion by bisection.
///
/// Spec: RFC 5545 §3.3.5 — a wall clock that falls in a gap (the offset grows) is read with the offset in force
/// before the gap, so it lands the gap's length later; a wall clock that occurs twice (the offset shrinks) means its
/// first occurrence, which is also read with the offset before the change.
///
/// Shared by `IANATimeZone` and the rules read from an embedded VTIMEZONE, so a zone gives the same answers whichever
/// way it reached us. Before the first transition `initialOffset` holds; after the last, the last offset does
/// (callers with a rule for later instants, such as a TZif footer, ask `transitionCount` and handle the ends
/// themselves).
public struct TimeZoneTransitionTable: Hashable, Sendable {
    /// The offset before the first transition.
    public let initialOffset: UTCOffset
    /// Transition instants in seconds since the epoch, ascending.
    public let times: [Int64]
    /// UTC offset in seconds in force from each transition on (the hot path reads this, not a `LocalTimeType`).
    public let offsetsAfter: [Int64]
    /// For `instant(for:)`: the first wall clock read with the offset after transition i is
    /// `times[i] + max(before, after)`, made non-decreasing so it can be bisected.
    let localKeys: [Int64]

    /// `times` must be ascending (equal neighbours are allowed) and as long as `offsetsAfter`.
    public init(initialOffset: UTCOffset, times: [Int64], offsetsAfter: [Int64]) {
        precondition(times.count == offsetsAfter.count, "one offset per transition")
        self.initialOffset = initialOffset
        self.times = times
        self.offsetsAfter = offsetsAfter
        var keys: [Int64] = []
        keys.reserveCapacity(times.count)
        var before = Int64(initialOffset.seconds)
        for (t, after) in zip(times, offsetsAfter) {
            keys.append(Swift.max(t + Swift.max(before, after), keys.last ?? Int64.min))
            before = after
        }
        localKeys = keys
    }

    public var count: Int { times.count }
    public var isEmpty: Bool { times.isEmpty }

    /// How many transitions happened at or before `instant`: the offset there is the one after the last of them.
    @inline(__always)
    public func transitionCount(atOrBefore instant: Instant) -> Int {
        Self.upperBound(times, instant.secondsSinceEpoch)
    }

    /// How many transitions happened strictly before `instant`.
    @inline(__always)
    public func transitionCount(before instant: Instant) -> Int {
        Self.lowerBound(times, instant.secondsSinceEpoch)
    }

    /// How many transitions a wall clock is read after: `local` is read with the offset after the last of them
    /// (RFC 5545 §3.3.5), or `initialOffset` when the count is 0.
    @inline(__always)
    public func transitionCount(readingWallClock local: LocalDateTime) -> Int {
        Self.upperBound(localKeys, local.secondsSinceEpoch)
    }

    /// The offset in seconds after the first `count` transitions (`initialOffset` for none).
    @inline(__always)
    public func offsetSeconds(afterTransitions count: Int) -> Int64 {
        count == 0 ? Int64(initialOffset.seconds) : offsetsAfter[count - 1]
    }

    /// The offset at an instant; the last offset holds after the last transition.
    public func offset(at instant: Instant) -> UTCOffset {
        UTCOffset(seconds: Int(offsetSeconds(afterTransitions: transitionCount(atOrBefore: instant))))
    }

    /// The instant a wall clock names under RFC 5545 §3.3.5.
    public func instant(for local: LocalDateTime) -> Instant {
        let offset = offsetSeconds(afterTransitions: transitionCount(readingWallClock: local))
        return Instant(secondsSinceEpoch: local.secondsSinceEpoch - offset)
    }

    // MARK: Bisection

    /// The number of elements `<= value` (the first index whose element is greater).
    @inline(__always)
    static func upperBound(_ array: [Int64], _ value: Int64) -> Int {
        var lo = 0
        var hi = array.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if array[mid] <= value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The number of elements `< value`.
    @inline(__always)
    static func lowerBound(_ array: [Int64], _ value: Int64) -> Int {
        var lo = 0
        var hi = array.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if array[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
