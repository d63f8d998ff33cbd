/// The rules of one time zone: its offset at any instant, and the instant a wall clock names.
///
/// Spec: RFC 5545 §3.3.5 — a wall clock that falls in a gap (DST starts) is read with the offset in force before
/// the gap, so it lands the gap's length later; a wall clock that occurs twice (DST ends) means the first occurrence.
public protocol TimeZoneRules: Sendable {
    /// The TZID or IANA identifier the rules were found for.
    var identifier: String { get }
    func offset(at instant: Instant) -> UTCOffset
    func instant(for local: LocalDateTime) -> Instant
}

extension TimeZoneRules {
    /// The wall clock in this zone at an instant.
    public func local(at instant: Instant) -> LocalDateTime {
        LocalDateTime(secondsSinceEpoch: instant.secondsSinceEpoch + Int64(offset(at: instant).seconds))
    }
}

/// A zone with one offset forever: UTC, or a fixed offset such as a VTIMEZONE with a single observance.
public struct FixedOffsetZone: TimeZoneRules, Hashable {
    public let identifier: String
    public let utcOffset: UTCOffset

    public init(identifier: String, offset: UTCOffset) {
        self.identifier = identifier
        self.utcOffset = offset
    }

    public static let utc = FixedOffsetZone(identifier: "UTC", offset: .zero)

    public func offset(at instant: Instant) -> UTCOffset { utcOffset }

    public func instant(for local: LocalDateTime) -> Instant {
        Instant(secondsSinceEpoch: local.secondsSinceEpoch - Int64(utcOffset.seconds))
    }
}

/// Finds the rules for a TZID: implementations combine the system tz database, a calendar's own VTIMEZONEs and
/// Windows zone names.
public protocol TimeZoneResolving: Sendable {
    func rules(for tzid: String) -> (any TimeZoneRules)?
}

extension DateTime {
    /// The instant this value names. Floating values and DATEs are read in `floating`; a TZID the resolver does
    /// not know is read in `floating` too (RFC 4791 §9.9 treats unknown zones as floating).
    public func instant(resolver: some TimeZoneResolving, floating: any TimeZoneRules = FixedOffsetZone.utc) -> Instant {
        switch self {
        case .utc(let l): Instant(utc: l)
        case .date(let d): floating.instant(for: LocalDateTime(date: d, time: .midnight))
        case .floating(let l): floating.instant(for: l)
        case .zoned(let l, let tzid): (resolver.rules(for: tzid) ?? floating).instant(for: l)
        }
    }
}
