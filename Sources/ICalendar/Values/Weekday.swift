/// A day of the week as RFC 5545 names it in RRULE (`SU`, `MO`, ...).
///
/// Spec: RFC 5545 §3.3.10 (weekday).
public enum Weekday: Int, CaseIterable, Hashable, Sendable, Comparable {
    case sunday = 0, monday, tuesday, wednesday, thursday, friday, saturday

    /// The two-letter RFC 5545 spelling.
    public var icalName: String {
        switch self {
        case .sunday: "SU"
        case .monday: "MO"
        case .tuesday: "TU"
        case .wednesday: "WE"
        case .thursday: "TH"
        case .friday: "FR"
        case .saturday: "SA"
        }
    }

    /// Parses `SU`...`SA`, case-insensitively.
    public init?(icalName: some StringProtocol) {
        switch ASCIIBytes.uppercased(String(icalName)) {
        case "SU": self = .sunday
        case "MO": self = .monday
        case "TU": self = .tuesday
        case "WE": self = .wednesday
        case "TH": self = .thursday
        case "FR": self = .friday
        case "SA": self = .saturday
        default: return nil
        }
    }

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Days from `start` forward to `self` (0...6).
    public func daysAfter(_ start: Weekday) -> Int {
        (rawValue - start.rawValue + 7) % 7
    }
}
