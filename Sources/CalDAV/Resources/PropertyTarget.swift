import CalendarStore

/// What a PROPFIND or REPORT reads properties of. Objects carry a summary (no bytes) unless calendar-data was asked.
enum PropertyTarget: Sendable {
    case root
    case principalCollection
    case calendarCollectionRoot
    case principal(User)
    case groupPrincipal(GroupRecord)
    case proxyGroup(User, Delegation.Mode)
    case calendarHome(User)
    case calendar(User, CalendarRecord)
    case outbox(User)
    case object(User, CalendarRecord, CalendarObjectSummary, data: [UInt8]?)
    case notifications(User)
    case notification(User, ShareNotice)
    case sharedWithMe(User)

    init?(_ resource: Resource) {
        switch resource {
        case .root: self = .root
        case .principalCollection: self = .principalCollection
        case .calendarCollectionRoot: self = .calendarCollectionRoot
        case .principal(let user): self = .principal(user)
        case .groupPrincipal(let group): self = .groupPrincipal(group)
        case .proxyGroup(let user, let mode): self = .proxyGroup(user, mode)
        case .calendarHome(let user): self = .calendarHome(user)
        case .calendar(let user, let calendar): self = .calendar(user, calendar)
        case .outbox(let user): self = .outbox(user)
        case .object(let user, let calendar, let object): self = .object(user, calendar, object.summary, data: object.data)
        case .notifications(let user): self = .notifications(user)
        case .sharedWithMe(let user): self = .sharedWithMe(user)
        case .notification(let user, let notice): self = .notification(user, notice)
        case .unmappedCalendar, .unmappedObject: return nil
        }
    }

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
        case .object(let user, let calendar, let object, _):
            .object(user: user.name, calendar: calendar.slug, name: SharedWithMe.urlName(of: object.name, in: calendar))
        case .sharedWithMe(let user): .calendar(user: user.name, calendar: SharedWithMe.slug)
        case .notifications(let user): .notifications(user: user.name)
        case .notification(let user, let notice): .notification(user: user.name, name: NoticeDocument.name(of: notice))
        }
    }
}

extension CalendarObjectRecord {
    var summary: CalendarObjectSummary {
        CalendarObjectSummary(name: name, etag: etag, size: data.count, componentType: index.componentType,
                              modifiedAt: modifiedAt, createdAt: createdAt, scheduleTag: index.scheduleTag,
                              revision: revision)
    }
}
