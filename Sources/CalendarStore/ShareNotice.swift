/// A notice about a shared calendar, kept in one user's notification collection until they (or their client)
/// delete it: to a sharee when a calendar is shared with them, its role changes or the share ends; to the sharer
/// when a sharee accepts or declines. The notice names the calendar by id and keeps its name from when it was
/// written, so a notice that a share ended still reads well after the calendar is gone.
///
/// Spec: Apple's calendarserver-sharing §4 (notification collection), §6.15 (invite-notification), §6.22
/// (invite-reply).
public struct ShareNotice: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// To a sharee: a calendar was shared with them, its role changed, or the share ended.
        case invitation
        /// To the sharer: a sharee accepted or declined.
        case reply
    }

    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// An invitation waiting for an answer.
        case invited
        case accepted
        case declined
        /// The share ended.
        case removed
    }

    /// Grows with every write in the whole store: a client polling the collection sees a change in the largest id.
    public var id: Int64
    /// Whose collection the notice is in.
    public var userID: Int64
    /// Unique in the user's collection; a notice written again with the same uid replaces the older one.
    public var uid: String
    public var kind: Kind
    public var status: Status
    public var calendarID: Int64
    /// The calendar's owner (the sharer).
    public var ownerID: Int64
    /// The user the calendar is shared with (the recipient of an invitation, the sender of a reply).
    public var shareeID: Int64
    public var role: CalendarRole
    /// The calendar's display name when the notice was written.
    public var calendarName: String
    /// Seconds since 1970.
    public var createdAt: Int64

    public init(id: Int64, userID: Int64, uid: String, kind: Kind, status: Status, calendarID: Int64, ownerID: Int64,
                shareeID: Int64, role: CalendarRole, calendarName: String, createdAt: Int64) {
        self.id = id; self.userID = userID; self.uid = uid; self.kind = kind; self.status = status
        self.calendarID = calendarID; self.ownerID = ownerID; self.shareeID = shareeID; self.role = role
        self.calendarName = calendarName; self.createdAt = createdAt
    }
}

/// A notice to write; the store gives it its id and time.
public struct NewShareNotice: Sendable, Hashable {
    public var userID: Int64
    public var uid: String
    public var kind: ShareNotice.Kind
    public var status: ShareNotice.Status
    public var calendarID: Int64
    public var ownerID: Int64
    public var shareeID: Int64
    public var role: CalendarRole
    public var calendarName: String

    public init(userID: Int64, uid: String, kind: ShareNotice.Kind, status: ShareNotice.Status, calendarID: Int64,
                ownerID: Int64, shareeID: Int64, role: CalendarRole, calendarName: String) {
        self.userID = userID; self.uid = uid; self.kind = kind; self.status = status; self.calendarID = calendarID
        self.ownerID = ownerID; self.shareeID = shareeID; self.role = role; self.calendarName = calendarName
    }
}
