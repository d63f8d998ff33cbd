import Calendaring
import WebDAV

/// What kind of resource a request targets, as far as the methods it supports go. The one place that says which
/// methods each kind allows: OPTIONS lists them and every 405 offers them.
/// Spec: RFC 9110 §10.2.1 (Allow lists the methods the target resource supports), §15.5.6 (405 carries Allow).
enum ResourceKind: Sendable, Hashable {
    /// `/`: a short text for browsers, and discovery by PROPFIND.
    case root
    /// `/principals/` and `/calendars/`.
    case container
    case principal
    case calendarHome
    case calendar
    case scheduleInbox
    case scheduleOutbox
    case calendarObject
    /// A message in the scheduling inbox: readable and deletable, never written by clients.
    case inboxMessage
    /// A name in a calendar home where no calendar exists yet: MKCALENDAR or extended MKCOL creates one.
    case unmappedInHome
    /// A name in a calendar where no object exists yet: PUT creates one.
    case unmappedInCalendar
    /// A name in the scheduling inbox where nothing exists: only the server delivers there.
    case unmappedInInbox
    /// "Shared with me": listed and reported on; its entries are calendar objects.
    case sharedWithMe
    /// The notification collection, and a notice in it: read and deleted by clients, written by the server.
    case notifications
    case notification

    /// The methods the kind supports, in a fixed order.
    var allowedMethods: [String] {
        let readable = ["OPTIONS", "PROPFIND", "PROPPATCH", "REPORT"]
        switch self {
        case .root: return ["OPTIONS", "GET", "HEAD", "PROPFIND", "PROPPATCH", "REPORT"]
        case .container, .principal: return readable
        case .calendarHome: return readable + ["POST"]
        case .calendar: return ["OPTIONS", "GET", "HEAD", "DELETE", "PROPFIND", "PROPPATCH", "REPORT", "POST", "ACL"]
        case .scheduleInbox: return ["OPTIONS", "GET", "HEAD", "PROPFIND", "PROPPATCH", "REPORT", "POST"]
        case .scheduleOutbox: return readable + ["POST"]
        case .calendarObject:
            return ["OPTIONS", "GET", "HEAD", "PUT", "DELETE", "PROPFIND", "PROPPATCH", "REPORT", "MOVE", "COPY", "ACL"]
        case .inboxMessage: return ["OPTIONS", "GET", "HEAD", "DELETE", "PROPFIND", "PROPPATCH", "REPORT"]
        case .unmappedInHome: return ["OPTIONS", "MKCALENDAR", "MKCOL"]
        case .unmappedInCalendar: return ["OPTIONS", "PUT"]
        case .unmappedInInbox: return ["OPTIONS"]
        case .notifications: return ["OPTIONS", "PROPFIND"]
        case .sharedWithMe: return ["OPTIONS", "PROPFIND", "REPORT"]
        case .notification: return ["OPTIONS", "GET", "HEAD", "DELETE", "PROPFIND", "POST"]
        }
    }

    /// The `Allow` header value.
    var allowHeader: String { allowedMethods.joined(separator: ", ") }

    /// The methods of any of `kinds`, in the fixed order: for a path whose kind cannot be looked up (OPTIONS from a
    /// client that has not logged in).
    static func allowHeader(anyOf kinds: [ResourceKind]) -> String {
        let order = ["OPTIONS", "GET", "HEAD", "PUT", "DELETE", "PROPFIND", "PROPPATCH", "MKCALENDAR", "MKCOL",
                     "REPORT", "MOVE", "COPY", "POST", "ACL"]
        let union = Set(kinds.flatMap(\.allowedMethods))
        return order.filter(union.contains).joined(separator: ", ")
    }
}

extension Resource {
    var kind: ResourceKind {
        switch self {
        case .root: .root
        case .principalCollection, .calendarCollectionRoot: .container
        case .principal, .groupPrincipal, .proxyGroup: .principal
        case .calendarHome: .calendarHome
        case .calendar(_, let calendar): calendar.isScheduleInbox ? .scheduleInbox : .calendar
        case .outbox: .scheduleOutbox
        case .object(_, let calendar, _): calendar.isScheduleInbox ? .inboxMessage : .calendarObject
        case .notifications: .notifications
        case .notification: .notification
        case .sharedWithMe: .sharedWithMe
        case .unmappedCalendar: .unmappedInHome
        case .unmappedObject(_, let calendar, _): calendar.isScheduleInbox ? .unmappedInInbox : .unmappedInCalendar
        }
    }

    /// 405 Method Not Allowed for `method` on this resource, offering what it does support.
    func methodNotAllowed(_ message: String) -> DAVError {
        DAVError.methodNotAllowed(message, allow: kind.allowedMethods)
    }
}

extension ResourcePath {
    /// The kinds a path of this shape can be before the store is asked (whether something exists there, and
    /// whether a calendar is the inbox, needs a lookup).
    var possibleKinds: [ResourceKind] {
        switch self {
        case .root: [.root]
        case .principalCollection, .calendarCollectionRoot: [.container]
        case .principal, .proxyGroup: [.principal]
        case .calendarHome: [.calendarHome]
        case .outbox: [.scheduleOutbox]
        case .calendar(_, let slug) where slug == SchedulingCollections.inboxSlug: [.scheduleInbox]
        case .calendar(_, let slug) where slug == SharedWithMe.slug: [.sharedWithMe]
        case .calendar: [.calendar, .unmappedInHome]
        case .object(_, let slug, _) where slug == SchedulingCollections.inboxSlug: [.inboxMessage, .unmappedInInbox]
        case .object: [.calendarObject, .unmappedInCalendar]
        case .notifications: [.notifications]
        case .notification: [.notification]
        }
    }
}
