import Foundation

/// A point on the UTC time line, in whole seconds (iCalendar has no finer resolution).
public struct Instant: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var secondsSinceEpoch: Int64

    public init(secondsSinceEpoch: Int64) { self.secondsSinceEpoch = secondsSinceEpoch }

    public init(utc: LocalDateTime) { self.secondsSinceEpoch = utc.secondsSinceEpoch }

    public init(_ date: Date) { self.secondsSinceEpoch = Int64(date.timeIntervalSince1970.rounded(.down)) }

    public var date: Date { Date(timeIntervalSince1970: TimeInterval(secondsSinceEpoch)) }

    /// The UTC wall clock at this instant.
    public var utc: LocalDateTime { LocalDateTime(secondsSinceEpoch: secondsSinceEpoch) }

    public func adding(seconds: Int64) -> Instant { Instant(secondsSinceEpoch: secondsSinceEpoch + seconds) }

    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.secondsSinceEpoch < rhs.secondsSinceEpoch }

    /// `YYYYMMDDTHHMMSSZ`.
    public var description: String { utc.icalValue + "Z" }
}
