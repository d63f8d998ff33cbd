/// What a user may do with a calendar someone else owns, from least to most. Each role includes the ones below it,
/// so the role a user holds through several grants is the highest of them.
///
/// Spec: the sharing protocols offer read and read-write (draft-pot-webdav-resource-sharing's DAV:share-access,
/// Apple's calendarserver-sharing); `freeBusy` is RFC 4791 §6.1.1's CALDAV:read-free-busy privilege alone; `manage`
/// adds RFC 3744's DAV:write-acl, the right to share the calendar onwards.
public enum CalendarRole: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Busy time only: free/busy queries, no event details.
    case freeBusy = "free-busy"
    /// Every object, read only.
    case read
    /// Create, change and delete objects.
    case write
    /// Write, and change who the calendar is shared with.
    case manage

    /// The position in the order above (`allCases` is declared in that order).
    private var rank: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: CalendarRole, rhs: CalendarRole) -> Bool { lhs.rank < rhs.rank }
}
