/// What a personal access token (or, later, an OAuth grant) lets its bearer do. A password or app password can do
/// everything the user can; a token only what its scopes name, in every door.
public enum AccessTokenScope: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Read calendars and events (CalDAV: GET, PROPFIND, REPORT; the API: every GET).
    case calendarsRead = "calendars.read"
    /// Create, change and delete them too (includes reading).
    case calendarsWrite = "calendars.write"
    /// Look up people's busy time (the API's POST /freeBusy).
    case freeBusy = "freebusy"
    /// The administrator's operations, for an administrator's token.
    case admin

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Whether scopes granted allow reading calendars: `calendars.write` includes it.
    public static func allowsReading(_ granted: Set<AccessTokenScope>) -> Bool {
        granted.contains(.calendarsRead) || granted.contains(.calendarsWrite)
    }
}
