import CalendarStore

/// What a user may do with a calendar and its objects, in the terms every door shares: CalDAV reports them as
/// RFC 3744 privileges, the JSON API as a role, the web calendar as what it lets a person edit.
///
/// Spec: RFC 3744 §3 (DAV:read, DAV:write-content, DAV:bind, DAV:unbind, DAV:write-properties, DAV:write-acl),
/// RFC 4791 §6.1.1 (CALDAV:read-free-busy).
public struct CalendarPrivileges: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Busy times only (free-busy-query, scheduling free/busy): CALDAV:read-free-busy.
    public static let readFreeBusy = CalendarPrivileges(rawValue: 1 << 0)
    /// The calendar's properties and every object: DAV:read.
    public static let read = CalendarPrivileges(rawValue: 1 << 1)
    /// Create, change and delete objects: DAV:write-content, DAV:bind and DAV:unbind on the calendar.
    public static let writeContent = CalendarPrivileges(rawValue: 1 << 2)
    /// Change the calendar's own properties (name, colour, time zone, components): DAV:write-properties.
    public static let writeProperties = CalendarPrivileges(rawValue: 1 << 3)
    /// Change who the calendar is shared with, and how: DAV:write-acl.
    public static let share = CalendarPrivileges(rawValue: 1 << 4)
    /// Delete or move the calendar itself: DAV:unbind on the calendar home, the owner's alone.
    public static let deleteCalendar = CalendarPrivileges(rawValue: 1 << 5)

    /// Everything: what the owner holds.
    public static let all: CalendarPrivileges = [.readFreeBusy, .read, .writeContent, .writeProperties, .share,
                                                 .deleteCalendar]

    /// The privileges a role grants; each role includes the ones below it.
    public init(_ role: CalendarRole) {
        switch role {
        case .freeBusy: self = [.readFreeBusy]
        case .read: self = [.readFreeBusy, .read]
        case .write: self = [.readFreeBusy, .read, .writeContent]
        case .manage: self = [.readFreeBusy, .read, .writeContent, .writeProperties, .share]
        }
    }
}
