/// A delegate of a user (calendar-proxy): someone who reaches all the user's calendars, reading them (`read`) or
/// running them (`write`: changing events, answering invitations, seeing private events), like an assistant. One
/// row per (owner, delegate); deleted with either user.
///
/// Spec: Apple's caldav-proxy (calendar-proxy-read and calendar-proxy-write principals).
public struct Delegation: Sendable, Hashable {
    public enum Mode: String, Sendable, Hashable, CaseIterable {
        case read
        case write
    }

    public var ownerID: Int64
    public var delegateID: Int64
    public var mode: Mode

    public init(ownerID: Int64, delegateID: Int64, mode: Mode) {
        self.ownerID = ownerID; self.delegateID = delegateID; self.mode = mode
    }
}
