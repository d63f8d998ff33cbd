/// A date and wall-clock time with no zone attached: what a DATE-TIME says before its zone is applied.
public struct LocalDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let date: CalendarDate
    public let time: LocalTime

    public init(date: CalendarDate, time: LocalTime) {
        self.date = date
        self.time = time
    }

    public init?(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        guard let date = CalendarDate(year: year, month: month, day: day),
            let time = LocalTime(hour: hour, minute: minute, second: second)
        else { return nil }
        self.init(date: date, time: time)
    }

    /// Seconds since 1970-01-01T00:00:00 reading the wall clock as if it were UTC.
    public var secondsSinceEpoch: Int64 {
        Int64(date.dayNumber) * 86_400 + Int64(time.secondsOfDay)
    }

    public init(secondsSinceEpoch s: Int64) {
        let days = s >= 0 ? s / 86_400 : (s - 86_399) / 86_400
        self.init(date: CalendarDate(dayNumber: Int(days)), time: LocalTime(secondsOfDay: Int(s - days * 86_400)))
    }

    public func adding(seconds: Int64) -> LocalDateTime {
        LocalDateTime(secondsSinceEpoch: secondsSinceEpoch + seconds)
    }

    public static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool {
        lhs.date != rhs.date ? lhs.date < rhs.date : lhs.time < rhs.time
    }

    /// `YYYYMMDDTHHMMSS`.
    public var icalValue: String { icalValue(utc: false) }

    /// `YYYYMMDDTHHMMSS`, with `Z` after it when `utc`.
    func icalValue(utc: Bool) -> String {
        String(unsafeUninitializedCapacity: 96) { buffer in
            var index = date.write(into: buffer, at: 0)
            buffer[index] = UInt8(ascii: "T")
            index = time.write(into: buffer, at: index + 1)
            if utc { buffer[index] = UInt8(ascii: "Z"); index += 1 }
            return index
        }
    }
    public var description: String { icalValue }
}
