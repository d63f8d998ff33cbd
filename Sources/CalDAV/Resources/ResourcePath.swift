import CalendarStore
import Calendaring

/// Where a request path points in the server's URL space, before any store lookup.
///
/// `/` root · `/principals/` · `/principals/<user>/` · `/calendars/` · `/calendars/<user>/` (calendar home) ·
/// `/calendars/<user>/<calendar>/` · `/calendars/<user>/<calendar>/<object>`.
enum ResourcePath: Hashable, Sendable {
    case root
    case principalCollection
    case principal(user: String)
    /// A user's delegates (caldav-proxy): `/principals/<user>/calendar-proxy-read/` and `.../calendar-proxy-write/`.
    case proxyGroup(user: String, mode: Delegation.Mode)
    case calendarCollectionRoot
    case calendarHome(user: String)
    case calendar(user: String, calendar: String)
    /// The scheduling outbox (RFC 6638 §2.1): `/calendars/<user>/outbox/`.
    case outbox(user: String)
    case object(user: String, calendar: String, name: String)
    /// The notification collection (calendarserver-sharing §4): `/calendars/<user>/notifications/`.
    case notifications(user: String)
    /// One notice in it: `/calendars/<user>/notifications/<uid>.xml`.
    case notification(user: String, name: String)

    static let principalsSegment = "principals"
    static let calendarsSegment = "calendars"
    /// Reserved in every calendar home like `inbox` and `outbox`: no calendar can take it.
    static let notificationsSegment = "notifications"
    static let proxyReadSegment = "calendar-proxy-read"
    static let proxyWriteSegment = "calendar-proxy-write"

    /// Nil for paths outside the URL space (a 404).
    init?(segments: [String]) {
        if segments.contains(where: \.isEmpty) { return nil }
        switch segments.count {
        case 0: self = .root
        case 1 where segments[0] == Self.principalsSegment: self = .principalCollection
        case 1 where segments[0] == Self.calendarsSegment: self = .calendarCollectionRoot
        case 2 where segments[0] == Self.principalsSegment: self = .principal(user: segments[1])
        case 3 where segments[0] == Self.principalsSegment && segments[2] == Self.proxyReadSegment:
            self = .proxyGroup(user: segments[1], mode: .read)
        case 3 where segments[0] == Self.principalsSegment && segments[2] == Self.proxyWriteSegment:
            self = .proxyGroup(user: segments[1], mode: .write)
        case 2 where segments[0] == Self.calendarsSegment: self = .calendarHome(user: segments[1])
        case 3 where segments[0] == Self.calendarsSegment && segments[2] == SchedulingCollections.outboxSlug:
            self = .outbox(user: segments[1])
        case 3 where segments[0] == Self.calendarsSegment && segments[2] == Self.notificationsSegment:
            self = .notifications(user: segments[1])
        case 3 where segments[0] == Self.calendarsSegment: self = .calendar(user: segments[1], calendar: segments[2])
        case 4 where segments[0] == Self.calendarsSegment && segments[2] == Self.notificationsSegment:
            self = .notification(user: segments[1], name: segments[3])
        case 4 where segments[0] == Self.calendarsSegment:
            self = .object(user: segments[1], calendar: segments[2], name: segments[3])
        default: return nil
        }
    }

    var segments: [String] {
        switch self {
        case .root: []
        case .principalCollection: [Self.principalsSegment]
        case .calendarCollectionRoot: [Self.calendarsSegment]
        case .principal(let user): [Self.principalsSegment, user]
        case .proxyGroup(let user, let mode):
            [Self.principalsSegment, user, mode == .write ? Self.proxyWriteSegment : Self.proxyReadSegment]
        case .calendarHome(let user): [Self.calendarsSegment, user]
        case .calendar(let user, let calendar): [Self.calendarsSegment, user, calendar]
        case .outbox(let user): [Self.calendarsSegment, user, SchedulingCollections.outboxSlug]
        case .object(let user, let calendar, let name): [Self.calendarsSegment, user, calendar, name]
        case .notifications(let user): [Self.calendarsSegment, user, Self.notificationsSegment]
        case .notification(let user, let name): [Self.calendarsSegment, user, Self.notificationsSegment, name]
        }
    }

    var isCollection: Bool {
        switch self {
        case .object, .notification: false
        default: true
        }
    }

    /// The user whose data the path names, if any.
    var owner: String? {
        switch self {
        case .root, .principalCollection, .calendarCollectionRoot: nil
        case .principal(let user), .proxyGroup(let user, _), .calendarHome(let user), .calendar(let user, _), .outbox(let user),
             .object(let user, _, _), .notifications(let user), .notification(let user, _): user
        }
    }
}
