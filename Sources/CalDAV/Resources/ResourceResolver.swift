import CalendarStore
import Calendaring
import DAVXML
import WebDAV

/// Looks a path up in the store and applies the access rule: a user reaches only their own calendar home and
/// calendars (sharing grants come later); principals are readable by every authenticated user, so clients can look
/// up attendees.
struct ResourceResolver: Sendable {
    let store: any CalendarStore
    let principal: DAVPrincipal

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
        case .calendar(let name, let slug):
            let user = try await owner(name)
            if slug == SchedulingCollections.inboxSlug {
                return .calendar(user, try await SchedulingMailboxes(store: store).inbox(for: user))
            }
            guard let calendar = try await store.calendar(ownerID: user.id, slug: slug) else {
                return .unmappedCalendar(user, slug: slug)
            }
            return .calendar(user, calendar)
        case .object(let name, let slug, let objectName):
            let user = try await owner(name)
            guard let calendar = try await store.calendar(ownerID: user.id, slug: slug) else {
                throw DAVError.notFound("No calendar at this URL.")
            }
            guard let object = try await store.object(calendarID: calendar.id, name: objectName) else {
                return .unmappedObject(user, calendar, name: objectName)
            }
            return .object(user, calendar, object)
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
