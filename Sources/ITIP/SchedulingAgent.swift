/// Who delivers scheduling messages for an ORGANIZER or ATTENDEE (the SCHEDULE-AGENT parameter).
/// Spec: RFC 6638 §7.1.
public enum SchedulingAgent: String, Sendable, Hashable {
    /// The server schedules (the default when the parameter is absent).
    case server = "SERVER"
    /// The client schedules; the server sends nothing for this calendar user.
    case client = "CLIENT"
    /// No scheduling at all for this calendar user.
    case none = "NONE"
}
