/// The kind of time a FREEBUSY period (FBTYPE) or an unavailable stretch of a VAVAILABILITY (BUSYTYPE) describes.
///
/// Spec: RFC 5545 §3.2.9 (FBTYPE: FREE / BUSY / BUSY-UNAVAILABLE / BUSY-TENTATIVE, default BUSY; values an
/// application does not recognise MUST be treated as BUSY), RFC 7953 §3.2 (BUSYTYPE, same values without FREE,
/// default BUSY-UNAVAILABLE).
public enum FreeBusyType: String, Hashable, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    case free = "FREE"
    case busy = "BUSY"
    case busyUnavailable = "BUSY-UNAVAILABLE"
    case busyTentative = "BUSY-TENTATIVE"

    /// Reads an FBTYPE or BUSYTYPE value case-insensitively; x-names and unknown IANA tokens read as BUSY.
    public init(parameterValue: String) {
        self = FreeBusyType(rawValue: parameterValue.uppercased()) ?? .busy
    }

    /// The value as written in FBTYPE.
    public var description: String { rawValue }

    /// Output order for periods that start and end together: BUSY, BUSY-UNAVAILABLE, BUSY-TENTATIVE, FREE.
    var rank: Int {
        switch self {
        case .busy: 0
        case .busyUnavailable: 1
        case .busyTentative: 2
        case .free: 3
        }
    }

    public static func < (lhs: FreeBusyType, rhs: FreeBusyType) -> Bool { lhs.rank < rhs.rank }
}
