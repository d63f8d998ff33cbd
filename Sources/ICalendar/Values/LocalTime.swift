/// A wall-clock time of day without a zone.
///
/// Spec: RFC 5545 §3.3.12 (TIME). `second` may be 60 for a leap second, which arithmetic treats as 59.
public struct LocalTime: Hashable, Comparable, Sendable {
    public let hour: Int
    public let minute: Int
    public let second: Int

    public init?(hour: Int, minute: Int, second: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second) else { return nil }
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    init(unchecked hour: Int, _ minute: Int, _ second: Int) {
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    public init(secondsOfDay: Int) {
        self.init(unchecked: secondsOfDay / 3600, (secondsOfDay / 60) % 60, secondsOfDay % 60)
    }

    public static let midnight = LocalTime(unchecked: 0, 0, 0)

    public var secondsOfDay: Int { hour * 3600 + minute * 60 + min(second, 59) }

    public static func < (lhs: LocalTime, rhs: LocalTime) -> Bool {
        (lhs.hour, lhs.minute, lhs.second) < (rhs.hour, rhs.minute, rhs.second)
    }

    /// `HHMMSS`.
    public var icalValue: String { String(unsafeUninitializedCapacity: 64) { write(into: $0, at: 0) } }

    /// Writes `HHMMSS` at `start`; returns the index after it.
    func write(into buffer: UnsafeMutableBufferPointer<UInt8>, at start: Int) -> Int {
        let index = Digits.write(hour, 2, into: buffer, at: start)
        return Digits.write(second, 2, into: buffer, at: Digits.write(minute, 2, into: buffer, at: index))
    }
}
