/// A UTC-OFFSET value such as `-0500` or `+0530`; seconds are allowed (`+013045`).
///
/// Spec: RFC 5545 §3.3.14.
public struct UTCOffset: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var seconds: Int

    public init(seconds: Int) { self.seconds = seconds }

    public static let zero = UTCOffset(seconds: 0)

    public static func < (lhs: UTCOffset, rhs: UTCOffset) -> Bool { lhs.seconds < rhs.seconds }

    public var icalValue: String {
        let m = abs(seconds)
        var s = (seconds < 0 ? "-" : "+") + Digits.pad(m / 3600, 2) + Digits.pad((m / 60) % 60, 2)
        if m % 60 != 0 { s += Digits.pad(m % 60, 2) }
        return s
    }

    public var description: String { icalValue }

    public static func parse(_ text: some StringProtocol) throws(ICalendarParseError) -> UTCOffset {
        let b = Array(text.utf8)
        guard b.count == 5 || b.count == 7, b[0] == 0x2B || b[0] == 0x2D,
            let h = Digits.read(b, 1, 2), let m = Digits.read(b, 3, 2), m < 60,
            let s = b.count == 7 ? Digits.read(b, 5, 2) : 0, s < 60
        else {
            throw ICalendarParseError(.invalidValue, message: "'\(text)' is not a UTC-OFFSET like -0500 or +0530")
        }
        let total = h * 3600 + m * 60 + s
        return UTCOffset(seconds: b[0] == 0x2D ? -total : total)
    }
}
