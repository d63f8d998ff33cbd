/// One kind of local time a zone observes: its offset from UTC, whether it is daylight saving time, and its
/// abbreviation (`EST`, `BST`, `+1030`).
///
/// Spec: RFC 8536 §3.2 (`ttinfo`); RFC 5545 §3.6.5 maps it to a STANDARD or DAYLIGHT observance with TZOFFSETTO and
/// TZNAME.
public struct LocalTimeType: Hashable, Sendable, CustomStringConvertible {
    public var offset: UTCOffset
    public var isDaylightSaving: Bool
    public var abbreviation: String

    public init(offset: UTCOffset, isDaylightSaving: Bool, abbreviation: String) {
        self.offset = offset
        self.isDaylightSaving = isDaylightSaving
        self.abbreviation = abbreviation
    }

    public var description: String {
        "\(abbreviation)(\(offset.icalValue)\(isDaylightSaving ? ", DST" : ""))"
    }
}

/// The moment a zone changes from one local time type to another.
///
/// Spec: RFC 5545 §3.6.5 — `onset` is the wall clock at the change read in the offset before it (the DTSTART/RDATE
/// of the observance that begins there, with TZOFFSETFROM = `before.offset`, TZOFFSETTO = `after.offset`).
public struct TimeZoneTransition: Hashable, Sendable, CustomStringConvertible {
    public var instant: Instant
    public var before: LocalTimeType
    public var after: LocalTimeType

    public init(instant: Instant, before: LocalTimeType, after: LocalTimeType) {
        self.instant = instant
        self.before = before
        self.after = after
    }

    /// The wall clock at the transition in the offset in force before it.
    public var onset: LocalDateTime {
        LocalDateTime(secondsSinceEpoch: instant.secondsSinceEpoch + Int64(before.offset.seconds))
    }

    public var description: String { "\(instant): \(before) -> \(after)" }
}
