/// A TIME value: a wall-clock time, UTC when it ends in `Z`.
///
/// Spec: RFC 5545 §3.3.12.
public struct TimeOfDay: Hashable, Sendable, CustomStringConvertible {
    public var time: LocalTime
    public var isUTC: Bool

    public init(time: LocalTime, isUTC: Bool) {
        self.time = time
        self.isUTC = isUTC
    }

    public var icalValue: String { time.icalValue + (isUTC ? "Z" : "") }
    public var description: String { icalValue }

    public static func parse(_ text: some StringProtocol) throws(ICalendarParseError) -> TimeOfDay {
        let b = Array(text.utf8)
        guard b.count == 6 || (b.count == 7 && (b[6] == 0x5A || b[6] == 0x7A)),
            let h = Digits.read(b, 0, 2), let m = Digits.read(b, 2, 2), let s = Digits.read(b, 4, 2),
            let time = LocalTime(hour: h, minute: m, second: s)
        else {
            throw ICalendarParseError(.invalidValue, message: "'\(text)' is not a TIME like 230000 or 070000Z")
        }
        return TimeOfDay(time: time, isUTC: b.count == 7)
    }
}
