import ICalendar

/// A set of instants kept as sorted, disjoint, non-touching half-open ranges: the arithmetic behind merging busy
/// periods and carving AVAILABLE time out of a VAVAILABILITY.
///
/// Touching ranges are joined because RFC 4791 §7.10 asks servers to coalesce consecutive as well as overlapping
/// busy periods of one type (§11 explains why: adjacent periods reveal that there are several events).
struct FreeBusyIntervalSet: Hashable, Sendable {
    private(set) var ranges: [Range<Instant>]

    init() { ranges = [] }

    init(_ input: some Sequence<Range<Instant>>) {
        let sorted = input.filter { !$0.isEmpty }.sorted { $0.lowerBound < $1.lowerBound }
        var merged: [Range<Instant>] = []
        merged.reserveCapacity(sorted.count)
        for range in sorted {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        ranges = merged
    }

    var isEmpty: Bool { ranges.isEmpty }

    func union(_ other: FreeBusyIntervalSet) -> FreeBusyIntervalSet {
        FreeBusyIntervalSet(ranges + other.ranges)
    }

    func intersection(_ other: FreeBusyIntervalSet) -> FreeBusyIntervalSet {
        var result: [Range<Instant>] = []
        var i = 0
        var j = 0
        while i < ranges.count && j < other.ranges.count {
            let a = ranges[i]
            let b = other.ranges[j]
            let low = max(a.lowerBound, b.lowerBound)
            let high = min(a.upperBound, b.upperBound)
            if low < high { result.append(low..<high) }
            if a.upperBound < b.upperBound { i += 1 } else { j += 1 }
        }
        return FreeBusyIntervalSet(result)
    }

    func subtracting(_ other: FreeBusyIntervalSet) -> FreeBusyIntervalSet {
        var result: [Range<Instant>] = []
        var j = 0
        for a in ranges {
            // Ranges of `other` that end before this one starts cannot touch any later range of `self` either.
            while j < other.ranges.count && other.ranges[j].upperBound <= a.lowerBound { j += 1 }
            var cursor = a.lowerBound
            var k = j
            while k < other.ranges.count && other.ranges[k].lowerBound < a.upperBound {
                let cut = other.ranges[k]
                if cut.lowerBound > cursor { result.append(cursor..<cut.lowerBound) }
                cursor = max(cursor, cut.upperBound)
                k += 1
            }
            if cursor < a.upperBound { result.append(cursor..<a.upperBound) }
        }
        return FreeBusyIntervalSet(result)
    }

    func clamped(to window: Range<Instant>) -> FreeBusyIntervalSet {
        intersection(FreeBusyIntervalSet([window]))
    }
}
