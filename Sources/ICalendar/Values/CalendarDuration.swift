/// A DURATION value: weeks and days are nominal (calendar days, DST-aware), hours/minutes/seconds are exact.
///
/// Spec: RFC 5545 §3.3.6.
public struct CalendarDuration: Hashable, Sendable, CustomStringConvertible {
    public var isNegative: Bool
    public var weeks: Int
    public var days: Int
    public var hours: Int
    public var minutes: Int
    public var seconds: Int

    public init(isNegative: Bool = false, weeks: Int = 0, days: Int = 0, hours: Int = 0, minutes: Int = 0, seconds: Int = 0) {
        self.isNegative = isNegative
        self.weeks = weeks
        self.days = days
        self.hours = hours
        self.minutes = minutes
        self.seconds = seconds
    }

    /// A duration of exactly `seconds` (split into days only when `nominalDays` is set).
    public init(seconds total: Int64, nominalDays: Bool = false) {
        let magnitude = total.magnitude
        let dayCount = nominalDays ? Int(magnitude / 86_400) : 0
        let rest = Int(magnitude) - dayCount * 86_400
        self.init(isNegative: total < 0, days: dayCount, hours: rest / 3600, minutes: (rest / 60) % 60, seconds: rest % 60)
    }

    public static let zero = CalendarDuration()

    /// Signed nominal days (weeks × 7 + days).
    public var nominalDays: Int { (weeks * 7 + days) * (isNegative ? -1 : 1) }

    /// Signed exact seconds of the time part.
    public var exactSeconds: Int64 { Int64(hours * 3600 + minutes * 60 + seconds) * (isNegative ? -1 : 1) }

    /// Length in seconds when days are taken as 86,400 s (for UTC and floating arithmetic).
    public var totalSeconds: Int64 { Int64(nominalDays) * 86_400 + exactSeconds }

    /// Adds to a wall clock: nominal days first, then the exact part (RFC 5545 §3.3.6 order).
    public func added(to local: LocalDateTime) -> LocalDateTime {
        let shifted = LocalDateTime(date: local.date.adding(days: nominalDays), time: local.time)
        return shifted.adding(seconds: exactSeconds)
    }

    public var icalValue: String {
        var s = isNegative ? "-P" : "P"
        if weeks != 0 && days == 0 && hours == 0 && minutes == 0 && seconds == 0 { return s + "\(weeks)W" }
        let totalDays = weeks * 7 + days
        if totalDays != 0 { s += "\(totalDays)D" }
        if hours != 0 || minutes != 0 || seconds != 0 {
            s += "T"
            if hours != 0 { s += "\(hours)H" }
            if minutes != 0 || (hours != 0 && seconds != 0) { s += "\(minutes)M" }
            if seconds != 0 { s += "\(seconds)S" }
        }
        if s.hasSuffix("P") { s += "T0S" }
        return s
    }

    public var description: String { icalValue }

    /// Parses `P15DT5H0M20S`, `-PT15M`, `P7W`, `+P1D`.
    public static func parse(_ text: some StringProtocol) throws(ICalendarParseError) -> CalendarDuration {
        guard let value = parse(bytes: Array(text.utf8)) else {
            throw ICalendarParseError(.invalidValue, message: "'\(text)' is not a DURATION like P1D, PT1H30M or -P2W")
        }
        return value
    }

    static func parse(bytes: [UInt8]) -> CalendarDuration? {
        var i = 0
        var result = CalendarDuration()
        if i < bytes.count, bytes[i] == 0x2B || bytes[i] == 0x2D {  // + -
            result.isNegative = bytes[i] == 0x2D
            i += 1
        }
        guard i < bytes.count, bytes[i] | 0x20 == 0x70 else { return nil }  // P
        i += 1
        var inTime = false
        var sawUnit = false
        var sawTimeUnit = false
        var lastRank = -1
        while i < bytes.count {
            if bytes[i] | 0x20 == 0x74 {  // T
                guard !inTime else { return nil }
                inTime = true
                i += 1
                continue
            }
            var number = 0
            var digits = 0
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
                number = number &* 10 &+ Int(bytes[i] - 0x30)
                digits += 1
                i += 1
                guard digits <= 9 else { return nil }
            }
            guard digits > 0, i < bytes.count else { return nil }
            let rank: Int
            switch (bytes[i] | 0x20, inTime) {
            case (0x77, false): result.weeks = number; rank = 0  // W
            case (0x64, false): result.days = number; rank = 1  // D
            case (0x68, true): result.hours = number; rank = 2  // H
            case (0x6D, true): result.minutes = number; rank = 3  // M
            case (0x73, true): result.seconds = number; rank = 4  // S
            default: return nil
            }
            guard rank > lastRank else { return nil }
            lastRank = rank
            sawUnit = true
            if inTime { sawTimeUnit = true }
            i += 1
        }
        guard sawUnit, !inTime || sawTimeUnit else { return nil }
        return result
    }
}
