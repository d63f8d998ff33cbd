import CalendarStore
import Calendaring
import DAVXML
import WebDAV

/// Looks a path up in the store and applies the access rule: a user reaches their own calendar home and calendars,
/// another user's calendar or object as far as a grant or a delegation allows (`AccessResolver`,
/// `SharedResourceRule`), and the home of a user they are a delegate of, to list it; other homes, outboxes and
/// notification collections stay private, and an inbox opens to its owner's write delegates only. Principals are
/// readable by every authenticated user, so clients can look up attendees.
struct ResourceResolver: Sendable {
    let store: any CalendarStore
    let principal: DAVPrincipal
    /// What the request does, which decides the privilege another user's calendar must grant.
    let operation: SharedResourceRule.Operation
    let hrefs: Hrefs

    init(store: any CalendarStore, principal: DAVPrincipal, operation: SharedResourceRule.Operation, hrefs: Hrefs) {
        self.store = store
        self.principal = principal
        self.operation = operation
        self.hrefs = hrefs
    }

    init(store: any CalendarStore, principal: DAVPrincipal, method: String, hrefs: Hrefs) {
        self.init(store: store, principal: principal, operation: .init(method: method), hrefs: hrefs)
    }

    func resolve(_ path: ResourcePath) async throws(DAVError) -> Resource {
        do {
            return try await lookup(path)
        } catch let error as DAVError {
            throw error
        } catch let error as StoreError {
            throw error.davError
        } catch {
            throw DAVError(status: 500, message: "Unexpected error.")
        }
    }

    private func lookup(_ path: ResourcePath) async throws -> Resource {
        switch path {
        case .root: return .root
        case .principalCollection: return .principalCollection
        case .calendarCollectionRoot: return .calendarCollectionRoot
        case .principal(let name):
            if let user = try await store.user(named: name) { return .principal(user) }
            guard let group = try await store.group(named: name) else { throw DAVError.notFound() }
            return .groupPrincipal(group)
        case .proxyGroup(let name, let mode):
            guard let user = try await store.user(named: name) else { throw DAVError.notFound() }
            return .proxyGroup(user, mode)
        case .calendarHome(let name) where name != principal.userName:
            // A delegate lists the calendars of the user they act for (caldav-proxy).
            guard let user = try await store.user(named: name),
                  try await AccessResolver(store: store).delegation(of: principal.userID, for: user.id) != nil else {
                return .calendarHome(try await owner(name))  // refused: the home is someone else's
            }
            guard operation == .read || operation == .report else {
                throw SharedResourceRule.refusal(hrefs.home(name), privilege: .dav.bind)
            }
            return .calendarHome(user)
        case .calendarHome(let name):
            let user = try await owner(name)
            _ = try await SchedulingMailboxes(store: store).inbox(for: user)
            return .calendarHome(user)
        case .outbox(let name):
            return .outbox(try await owner(name))
        case .notifications(let name):
            return .notifications(try await owner(name))
        case .notification(let name, let file):
            let user = try await owner(name)
            guard let uid = NoticeDocument.uid(ofName: file),
                  let notice = try await store.shareNotices(userID: user.id).first(where: { $0.uid == uid }) else {
                throw DAVError.notFound()
            }
            return .notification(user, notice)
        case .calendar(let name, let slug) where name != principal.userName:
            let (user, calendar) = try await sharedCalendar(name, slug)
            try await require(.calendar(calendar), as: .calendar, href: hrefs.calendar(name, slug))
            return .calendar(user, calendar)
        case .object(let name, let slug, let objectName) where name != principal.userName:
            let (user, calendar) = try await sharedCalendar(name, slug)
            return try await sharedObject(objectName, in: calendar, user: user, calendarHref: hrefs.calendar(name, slug),
                                          href: hrefs.object(name, slug, objectName))
        case .calendar(let name, let slug):
            let user = try await owner(name)
            if slug == SharedWithMe.slug { return .sharedWithMe(user) }
            if slug == SchedulingCollections.inboxSlug {
                return .calendar(user, try await SchedulingMailboxes(store: store).inbox(for: user))
            }
            if let calendar = try await store.calendar(ownerID: user.id, slug: slug) { return .calendar(user, calendar) }
            if let mount = SharedCalendarMount.parse(slug) {
                let calendar = try await mountedCalendar(mount, in: user, href: hrefs.calendar(name, slug), itself: true)
                return .calendar(user, calendar)
            }
            return .unmappedCalendar(user, slug: slug)
        case .object(let name, let slug, let objectName):
            let user = try await owner(name)
            if slug == SharedWithMe.slug { return try await sharedWithMeEntry(objectName, of: user) }
            if let calendar = try await store.calendar(ownerID: user.id, slug: slug) {
                guard let object = try await store.object(calendarID: calendar.id, name: objectName) else {
                    return .unmappedObject(user, calendar, name: objectName)
                }
                return .object(user, calendar, object)
            }
            guard let mount = SharedCalendarMount.parse(slug) else { throw DAVError.notFound("No calendar at this URL.") }
            let calendar = try await mountedCalendar(mount, in: user, href: hrefs.calendar(name, slug), itself: false)
            return try await sharedObject(objectName, in: calendar, user: user, calendarHref: hrefs.calendar(name, slug),
                                          href: hrefs.object(name, slug, objectName))
        }
    }

    /// Another user's calendar, as the owner's URL names it. A calendar that does not exist is refused like one the
    /// user may not read, so a URL tells nobody which calendars exist.
    private func sharedCalendar(_ name: String, _ slug: String) async throws -> (User, CalendarRecord) {
        // The inbox is reached like any calendar: `AccessResolver` lets only a write delegate in.
        guard let user = try await store.user(named: name),
              let calendar = try await store.calendar(ownerID: user.id, slug: slug)
        else { throw SharedResourceRule.refusal(hrefs.calendar(name, slug), operation: operation, on: .calendar) }
        return (user, calendar)
    }

    /// The calendar a mount in `sharee`'s home names, as mounted there, when a grant reaching the sharee gives what
    /// the method needs on it (`require`; `itself`: the request names the mount, not an object in it); refused like
    /// any calendar the sharee may not reach otherwise.
    private func mountedCalendar(_ mount: (owner: String, slug: String), in sharee: User, href: String, itself: Bool)
        async throws -> CalendarRecord {
        guard mount.owner != sharee.name, let owner = try await store.user(named: mount.owner),
              let calendar = try await store.calendar(ownerID: owner.id, slug: mount.slug), !calendar.isScheduleInbox
        else { throw SharedResourceRule.refusal(href, operation: operation, on: itself ? .mount : .object) }
        // An object in the mount is checked on its own (`sharedObject`); the mount itself exists only for a share.
        if itself {
            try await require(.calendar(calendar), as: .mount, href: href)
        } else if try await AccessResolver(store: store).access(of: principal.userID, to: calendar) == .none {
            throw SharedResourceRule.refusal(href, operation: operation, on: .object)
        }
        let presentation = try await store.shareePresentation(calendarID: calendar.id, userID: sharee.id)
        return SharedCalendarMount.mounted(calendar, ownerName: owner.name, presentation: presentation)
    }

    /// An object of a calendar someone else owns, when the grants reaching the principal give what the operation
    /// needs: on the object (a grant of that one event counts), or for a name not taken yet, on the calendar (PUT
    /// creates it with DAV:bind). A missing object is 404 only after the check, so names tell nobody anything.
    private func sharedObject(_ name: String, in calendar: CalendarRecord, user: User, calendarHref: String,
                              href: String) async throws -> Resource {
        let object = try await store.object(calendarID: calendar.id, name: name)
        guard let object else {
            if operation == .put {
                try await require(.calendar(calendar), as: .newObject, href: calendarHref)
                return .unmappedObject(user, calendar, name: name)
            }
            try await require(.object(calendar, name), as: .object, href: href)
            throw DAVError.notFound()
        }
        try await require(.object(calendar, name), as: .object, href: href, calendarHref: calendarHref)
        return .object(user, calendar, object)
    }

    /// An entry of the user's "Shared with me": an object granted to them on its own, reached as that grant
    /// allows (`sharedObject`); nothing can be added there.
    private func sharedWithMeEntry(_ entry: String, of user: User) async throws -> Resource {
        let href = hrefs.object(user.name, SharedWithMe.slug, entry)
        guard let (calendarID, objectName) = SharedWithMe.parse(entry),
              let calendar = try await store.calendar(id: calendarID),
              try await store.objectGrants(calendarID: calendarID, objectName: objectName)
                  .contains(where: { $0.userID == principal.userID }) else {
            if operation == .put {
                throw SharedResourceRule.refusal(hrefs.calendar(user.name, SharedWithMe.slug), privilege: .dav.bind)
            }
            throw DAVError.notFound()
        }
        let resource = try await sharedObject(objectName, in: calendar, user: user,
                                              calendarHref: hrefs.calendar(user.name, SharedWithMe.slug), href: href)
        guard case .object(_, _, let object) = resource else { throw DAVError.notFound() }
        return .object(user, SharedWithMe.entryCalendar(calendar), object)
    }

    private enum SharedTarget {
        case calendar(CalendarRecord)
        case object(CalendarRecord, String)
    }

    /// Refuses the request unless the grants reaching the principal give what the operation needs on `target`.
    /// A privilege held on the calendar (DAV:bind, DAV:unbind) is checked there, so a grant of one event lets its
    /// grantee change it but never delete it or move it away; its refusal names `calendarHref`.
    private func require(_ target: SharedTarget, as kind: SharedResourceRule.Target, href: String,
                         calendarHref: String? = nil) async throws {
        guard let needed = SharedResourceRule.requirement(for: operation, on: kind) else {
            throw SharedResourceRule.refusal(href, operation: operation, on: kind)
        }
        let access = AccessResolver(store: store)
        let privileges: CalendarPrivileges
        switch target {
        case .calendar(let calendar):
            privileges = try await access.access(of: principal.userID, to: calendar).privileges
        case .object(let calendar, _) where needed.onParent:
            privileges = try await access.access(of: principal.userID, to: calendar).privileges
        case .object(let calendar, let name):
            privileges = try await access.access(of: principal.userID, to: name, in: calendar).privileges
        }
        guard privileges.isSuperset(of: needed.privileges) else {
            let named = needed.onParent ? calendarHref ?? href : href
            throw SharedResourceRule.refusal(named, privilege: needed.name)
        }
    }

    /// The user owning a home path, when it is the requesting principal. Other users' data needs a grant.
    private func owner(_ name: String) async throws -> User {
        guard name == principal.userName else {
            // Homes and outboxes are never shared; the refusal names the home and what the request needed there.
            let reading = operation == .read || operation == .report
            throw SharedResourceRule.refusal(hrefs.home(name), privilege: reading ? .dav.read : .dav.bind)
        }
        guard let user = try await store.user(id: principal.userID) else { throw DAVError.notFound() }
        return user
    }
}
