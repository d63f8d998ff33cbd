/// Who a calendar is shared with: one user, or every member of a group (RFC 3744 §5.5.1, a principal in an ACE).
public enum Grantee: Sendable, Hashable {
    case user(Int64)
    case group(Int64)
}

/// Where a grant stands with its sharee.
///
/// Spec: the invite status of draft-pot-webdav-resource-sharing and Apple's calendarserver-sharing
/// (`invite-noresponse`, `invite-accepted`, `invite-declined`).
public enum ShareState: String, Sendable, Hashable, CaseIterable {
    /// Offered through a sharing protocol and not answered yet: it gives no access.
    case invited
    /// In force. Grants an administrator or the command line makes are created accepted.
    case accepted
    /// Refused by the sharee: it gives no access, but the owner still sees the answer and the sharee may accept later.
    case declined
}

/// A calendar shared with a user or a group: one row per (calendar, grantee), whatever the role and state.
public struct CalendarGrant: Sendable, Hashable {
    public var calendarID: Int64
    public var grantee: Grantee
    public var role: CalendarRole
    public var state: ShareState
    /// The user who set the grant's current role and state; nil when the system did (the command line). The id is
    /// kept when that user is deleted: ids are never reused, so it names nobody else.
    public var grantedBy: Int64?
    /// Seconds since 1970 when the calendar was first shared with this grantee.
    public var createdAt: Int64
    /// Seconds since 1970 of the last change of role or state.
    public var updatedAt: Int64

    public init(calendarID: Int64, grantee: Grantee, role: CalendarRole, state: ShareState, grantedBy: Int64?,
                createdAt: Int64, updatedAt: Int64) {
        self.calendarID = calendarID; self.grantee = grantee; self.role = role; self.state = state
        self.grantedBy = grantedBy; self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// How one sharee shows a calendar shared with them: a sharee may rename or recolour it in their own calendar home
/// without changing the owner's name or colour (draft-pot-webdav-resource-sharing: a sharee's DAV:displayname and
/// colour of a shared collection are their own). Kept per (calendar, user), so each member of a group the calendar
/// is shared with has their own.
public struct ShareePresentation: Sendable, Hashable {
    public var calendarID: Int64
    public var userID: Int64
    /// The sharee's name for the calendar; nil shows the owner's.
    public var displayName: String?
    /// The sharee's colour (`#RRGGBB` or `#RRGGBBAA`); nil shows the owner's.
    public var color: String?

    public init(calendarID: Int64, userID: Int64, displayName: String?, color: String?) {
        self.calendarID = calendarID; self.userID = userID; self.displayName = displayName; self.color = color
    }
}

/// A calendar of someone else that reaches a user through grants to them or to their groups: what the user's
/// calendar home lists besides their own calendars.
public struct SharedCalendar: Sendable, Hashable {
    public var calendar: CalendarRecord
    /// The highest role among the grants of `state` that reach the user: for `accepted`, the user's effective role
    /// (`CalendarStore.effectiveRole`); otherwise the role offered or declined.
    public var role: CalendarRole
    /// `accepted` when any accepted grant reaches the user, else `invited` when an invitation is pending, else
    /// `declined`.
    public var state: ShareState
    /// The user's own name and colour for the calendar, nil when they set none.
    public var presentation: ShareePresentation?

    public init(calendar: CalendarRecord, role: CalendarRole, state: ShareState, presentation: ShareePresentation?) {
        self.calendar = calendar; self.role = role; self.state = state; self.presentation = presentation
    }
}

/// One object shared with a user without its calendar (a single event forwarded to a colleague). It follows the
/// object: a move carries it, a delete removes it.
public struct ObjectGrant: Sendable, Hashable {
    public var calendarID: Int64
    public var objectName: String
    public var userID: Int64
    /// `read` or `write` only: free/busy of one event and managing its sharing are not offered.
    public var role: CalendarRole
    /// As `CalendarGrant.grantedBy`.
    public var grantedBy: Int64?
    /// Seconds since 1970 when the object was first shared with this user.
    public var createdAt: Int64

    public init(calendarID: Int64, objectName: String, userID: Int64, role: CalendarRole, grantedBy: Int64?,
                createdAt: Int64) {
        self.calendarID = calendarID; self.objectName = objectName; self.userID = userID; self.role = role
        self.grantedBy = grantedBy; self.createdAt = createdAt
    }

    /// The roles an object grant may carry.
    public static let roles: Set<CalendarRole> = [.read, .write]
}
