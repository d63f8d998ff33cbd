import CalendarStore

/// A request target after the store lookup: what exists at the path, with the records the handlers need.
enum Resource: Sendable {
    case root
    case principalCollection
    case calendarCollectionRoot
    case principal(User)
    /// A group of users as a principal (RFC 3744 §2: a principal with DAV:group-member-set).
    case groupPrincipal(GroupRecord)
    /// The read or write delegates of a user, as a group principal (caldav-proxy).
    case proxyGroup(User, Delegation.Mode)
    case calendarHome(User)
    case calendar(User, CalendarRecord)
    /// The scheduling outbox (not stored; a POST target).
    case outbox(User)
    case object(User, CalendarRecord, CalendarObjectRecord)
    /// The user's "Shared with me" calendar (`SharedWithMe`); its entries are `.object`s.
    case sharedWithMe(User)
    /// The user's notification collection and one notice in it (calendarserver-sharing §4).
    case notifications(User)
    case notification(User, ShareNotice)
    /// A path that could be created: a calendar slug in an existing home (MKCALENDAR) or an object name in an
    /// existing calendar (PUT).
    case unmappedCalendar(User, slug: String)
    case unmappedObject(User, CalendarRecord, name: String)

    var path: ResourcePath {
        switch self {
        case .root: .root
        case .principalCollection: .principalCollection
        case .calendarCollectionRoot: .calendarCollectionRoot
        case .principal(let user): .principal(user: user.name)
        case .groupPrincipal(let group): .principal(user: group.name)
        case .proxyGroup(let user, let mode): .proxyGroup(user: user.name, mode: mode)
        case .calendarHome(let user): .calendarHome(user: user.name)
        case .calendar(let user, let calendar): .calendar(user: user.name, calendar: calendar.slug)
        case .outbox(let user): .outbox(user: user.name)
        case .object(let user, let calendar, let object):
            .object(user: user.name, calendar: calendar.slug, name: SharedWithMe.urlName(of: object.name, in: calendar))
        case .sharedWithMe(let user): .calendar(user: user.name, calendar: SharedWithMe.slug)
        case .notifications(let user): .notifications(user: user.name)
        case .notification(let user, let notice): .notification(user: user.name, name: NoticeDocument.name(of: notice))
        case .unmappedCalendar(let user, let slug): .calendar(user: user.name, calendar: slug)
        case .unmappedObject(let user, let calendar, let name): .object(user: user.name, calendar: calendar.slug, name: name)
        }
    }

    var exists: Bool {
        switch self {
        case .unmappedCalendar, .unmappedObject: false
        default: true
        }
    }
}
