import ICalendar

/// One period of free/busy time on the UTC time line, `[start, end)`, with its type: the typed form of a FREEBUSY
/// value, for the JSON API and for building VFREEBUSY components.
///
/// Spec: RFC 5545 §3.8.2.6 (FREEBUSY: periods in UTC), §3.2.9 (FBTYPE).
public struct FreeBusyPeriod: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var start: Instant
    public var end: Instant
    public var type: FreeBusyType

    public init(start: Instant, end: Instant, type: FreeBusyType) {
        self.start = start
        self.end = end
        self.type = type
    }

    /// `start/end` in UTC, the explicit-end form of a PERIOD (`20060104T150000Z/20060104T160000Z`).
    public var icalValue: String { "\(start)/\(end)" }

    /// A FREEBUSY property holding this period, with FBTYPE always written (even the default BUSY) so readers need
    /// not know the default.
    public var property: Property {
        Property(name: .freebusy, parameters: [Parameter(.fbtype, type.rawValue)], value: icalValue)
    }

    /// Sorted by start, then end, then type.
    public static func < (lhs: FreeBusyPeriod, rhs: FreeBusyPeriod) -> Bool {
        if lhs.start != rhs.start { return lhs.start < rhs.start }
        if lhs.end != rhs.end { return lhs.end < rhs.end }
        return lhs.type < rhs.type
    }

    public var description: String { "\(type.rawValue) \(icalValue)" }
}
