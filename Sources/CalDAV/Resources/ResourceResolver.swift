import CalendarStore
import Calendaring
import DAVXML
import WebDAV

/// Looks a path up in the store and applies the access rule: a user reaches their own calendar home and calendars,
/// and another user's calendar or object as far as a grant allows (`AccessResolver`, `SharedResourceRule`); other
/// homes, inboxes and outboxes stay private. Principals are readable by every authenticated user, so clients can
/// look up attendees.
struct ResourceResolver: Sendable {
    let store: any CalendarStore
    let principal: DAVPrincipal
    /// The request's method, which decides the privilege another user's calendar must grant.
    let method: String
    let hrefs: Hrefs

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
            guard let user = try await store.user(named: name) else { throw DAVError.notFound() }
            return .principal(user)
        case .calendarHome(let name):
            let user = try await owner(name)
            _ = try await SchedulingMailboxes(store: store).inbox(for: user)
            return .calendarHome(user)
        case .outbox(let name):
            return .outbox(try await owner(name))
        case .calendar(let name, let slug) where name != principal.userName:
            let (user, calendar) = try await sharedCalendar(name, slug)
            try await require(.calendar(user, calendar), href: hrefs.calendar(name, slug))
            return .calendar(user, calendar)
        case .object(let name, let slug, let objectName) where name != principal.userName:
            let (user, calendar) = try await sharedCalendar(name, slug)
            try await require(.object(user, calendar, objectName), href: hrefs.object(name, slug, objectName))
            guard let object = try await store.object(calendarID: calendar.id, name: objectName) else {
                throw DAVError.notFound()
            }
            return .object(user, calendar, object)
        case .calendar(let name, let slug):
            let user = try await owner(name)
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
            if let calendar = try await store.calendar(ownerID: user.id, slug: slug) {
                guard let object = try await store.object(calendarID: calendar.id, name: objectName) else {
                    return .unmappedObject(user, calendar, name: objectName)
                }
                return .object(user, calendar, object)
            }
            guard let mount = SharedCalendarMount.parse(slug) else { throw DAVError.notFound("No calendar at this URL.") }
            let calendar = try await mountedCalendar(mount, in: user, href: hrefs.calendar(name, slug), itself: false)
            try await require(.object(user, calendar, objectName), href: hrefs.object(name, slug, objectName))
            guard let object = try await store.object(calendarID: calendar.id, name: objectName) else {
                throw DAVError.notFound()
            }
            return .object(user, calendar, object)
        }
    }

    /// Another user's calendar, as the owner's URL names it. A calendar that does not exist is refused like one the
    /// user may not read, so a URL tells nobody which calendars exist.
    private func sharedCalendar(_ name: String, _ slug: String) async throws -> (User, CalendarRecord) {
        guard slug != SchedulingCollections.inboxSlug, let user = try await store.user(named: name),
              let calendar = try await store.calendar(ownerID: user.id, slug: slug)
        else { throw SharedResourceRule.refusal(hrefs.calendar(name, slug), method: method) }
        return (user, calendar)
    }

    /// The calendar a mount in `sharee`'s home names, as mounted there, when a grant reaching the sharee gives what
    /// the method needs on it (`require`; `itself`: the request names the mount, not an object in it); refused like
    /// any calendar the sharee may not reach otherwise.
    private func mountedCalendar(_ mount: (owner: String, slug: String), in sharee: User, href: String, itself: Bool)
        async throws -> CalendarRecord {
        guard mount.owner != sharee.name, let owner = try await store.user(named: mount.owner),
              let calendar = try await store.calendar(ownerID: owner.id, slug: mount.slug), !calendar.isScheduleInbox
        else { throw SharedResourceRule.refusal(href, method: method, onMount: itself) }
        try await require(.calendar(owner, calendar), href: href, onMount: itself)
        let presentation = try await store.shareePresentation(calendarID: calendar.id, userID: sharee.id)
        return SharedCalendarMount.mounted(calendar, ownerName: owner.name, presentation: presentation)
    }

    private enum SharedTarget {
        case calendar(User, CalendarRecord)
        case object(User, CalendarRecord, String)
    }

    /// Refuses the request unless the grants reaching the principal give what the method needs there.
    private func require(_ target: SharedTarget, href: String, onMount: Bool = false) async throws {
        guard let needed = SharedResourceRule.requiredPrivilege(for: method, onMount: onMount) else {
            throw SharedResourceRule.refusal(href, method: method)
        }
        let access = AccessResolver(store: store)
        let privileges: CalendarPrivileges
        switch target {
        case .calendar(_, let calendar):
            privileges = try await access.access(of: principal.userID, to: calendar).privileges
        case .object(_, let calendar, let name):
            privileges = try await access.access(of: principal.userID, to: name, in: calendar).privileges
        }
        guard privileges.isSuperset(of: needed.privileges) else {
            throw SharedResourceRule.refusal(href, method: method, onMount: onMount)
        }
    }

    /// The user owning a home path, when it is the requesting principal. Other users' data needs a grant.
    private func owner(_ name: String) async throws -> User {
        guard name == principal.userName else {
            throw DAVError.forbidden("This calendar home belongs to another user.", condition: .dav.needPrivileges)
        }
        guard let user = try await store.user(id: principal.userID) else { throw DAVError.notFound() }
        return user
    }
}
