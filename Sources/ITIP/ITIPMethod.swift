/// The iTIP methods (the iCalendar METHOD property of a scheduling message).
/// Spec: RFC 5546 §1.4, §3.2.
public enum ITIPMethod: String, Sendable, Hashable, CaseIterable {
    case publish = "PUBLISH"
    case request = "REQUEST"
    case reply = "REPLY"
    case add = "ADD"
    case cancel = "CANCEL"
    case refresh = "REFRESH"
    case counter = "COUNTER"
    case declineCounter = "DECLINECOUNTER"

    /// The method of a METHOD property value, case-insensitively; nil for unknown methods.
    public init?(value: String) {
        self.init(rawValue: value.uppercased())
    }

    /// True for methods an attendee sends to the organizer (REPLY, REFRESH, COUNTER); the others come from the
    /// organizer.
    public var isFromAttendee: Bool {
        switch self {
        case .reply, .refresh, .counter: true
        default: false
        }
    }
}
