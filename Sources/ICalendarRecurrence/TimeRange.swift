import ICalendar

/// A half-open query window `[start, end)` on the UTC time line; either bound may be open.
///
/// Spec: RFC 4791 §9.9 (CALDAV:time-range). The overlap rule for a span with a start and an end is the one the
/// VEVENT table gives: a span of positive length overlaps when `start < span.end AND end > span.start`; a span of
/// zero length (an instant) overlaps when `start <= instant AND end > instant`.
public struct TimeRange: Hashable, Sendable, CustomStringConvertible {
    public var start: Instant?
    public var end: Instant?

    public init(start: Instant?, end: Instant?) {
        self.start = start
        self.end = end
    }

    public static let unbounded = TimeRange(start: nil, end: nil)

    /// Whether `[spanStart, spanEnd)` (or the instant `spanStart` when the two are equal) overlaps the window.
    public func overlaps(start spanStart: Instant, end spanEnd: Instant) -> Bool {
        if spanEnd > spanStart {
            return (start.map { $0 < spanEnd } ?? true) && (end.map { $0 > spanStart } ?? true)
        }
        return contains(spanStart)
    }

    /// Whether an instant lies in `[start, end)`.
    public func contains(_ instant: Instant) -> Bool {
        (start.map { $0 <= instant } ?? true) && (end.map { $0 > instant } ?? true)
    }

    public var description: String {
        "[\(start.map(\.description) ?? "-∞"), \(end.map(\.description) ?? "+∞"))"
    }
}
