import CalendarStore
import Calendaring
import DAVXML
import WebDAV

/// PROPFIND with Depth 0 or 1; Depth infinity is refused (a calendar home can be large). Depth 1 on a calendar
/// streams its members page by page (`CalendarMemberPages`); the other collections are small and built in memory.
/// Spec: RFC 4918 §9.1, §16 (propfind-finite-depth).
struct PropfindMethod {
    let context: MethodContext

    func run() async throws(DAVError) -> DAVResponse {
        let depth = try context.depth(absent: .infinity)
        guard depth != .infinity else {
            throw DAVError.forbidden("PROPFIND with Depth: infinity is not supported; use Depth 0 or 1.",
                                     condition: .dav.propfindFiniteDepth)
        }
        // The body is parsed once; an empty one means allprop (RFC 4918 §9.1).
        let body = try context.xmlBody()
        let request = try body.map { root throws(DAVError) in try PropfindRequest.parse(root) }
            ?? PropfindRequest(kind: .allprop(include: []))
        let selection = try PropertySelection(propfind: request, body: body)
        let resource = try await context.resolve()
        guard let target = PropertyTarget(resource) else { throw DAVError.notFound() }

        let renderer = PropertyRenderer(context: context, selection: selection)
        if depth == .one, case .calendar(let user, let calendar) = target {
            let pages = CalendarMemberPages(context: context, renderer: renderer, user: user, calendar: calendar,
                                            withData: selection.wantsCalendarData)
            return try await context.streamedMultistatus(from: pages)
        }
        var targets = [target]
        if depth == .one { targets += try await children(of: target) }
        var responses: [MultistatusResponse] = []
        for target in targets { responses.append(await renderer.response(for: target)) }
        return Multistatus(responses: responses).response()
    }

    /// The members of a collection (other than a calendar) that a Depth 1 PROPFIND lists.
    private func children(of target: PropertyTarget) async throws(DAVError) -> [PropertyTarget] {
        let principal = context.request.principal
        switch target {
        case .root:
            return [.principalCollection, .calendarCollectionRoot]
        case .principalCollection:
            guard let user = try await context.store({ store throws(StoreError) in try await store.user(id: principal.userID) })
            else { return [] }
            return [.principal(user)]
        case .calendarCollectionRoot:
            guard let user = try await context.store({ store throws(StoreError) in try await store.user(id: principal.userID) })
            else { return [] }
            return [.calendarHome(user)]
        case .calendarHome(let user) where user.id != principal.userID:
            return try await delegatedCalendars(of: user)
        case .principal(let user):
            return [.proxyGroup(user, .read), .proxyGroup(user, .write)]
        case .calendarHome(let user):
            let calendars = try await context.store { store throws(StoreError) in try await store.calendars(ownerID: user.id) }
            let singles = try await context.store { store throws(StoreError) in
                try await store.objectGrants(userID: user.id)
            }
            return calendars.map { .calendar(user, $0) } + [.outbox(user), .notifications(user)]
                + (try await mountedCalendars(of: user)) + (singles.isEmpty ? [] : [.sharedWithMe(user)])
        case .sharedWithMe(let user):
            let entries = try await context.store { store throws(StoreError) in
                try await SharedWithMe.entries(of: user, store: store)
            }
            return entries.map { .object(user, $0.calendar, $0.object.summary, data: $0.object.data) }
        case .notifications(let user):
            let notices = try await context.store { store throws(StoreError) in
                try await store.shareNotices(userID: user.id)
            }
            return notices.map { .notification(user, $0) }
        case .groupPrincipal, .proxyGroup, .object, .calendar, .outbox, .notification:
            // Calendars are listed by CalendarMemberPages.
            return []
        }
    }

    /// The home of a user the requester is a delegate of: the calendars the delegation reaches (a write delegate
    /// also sees the inbox, whose invitations they answer); nothing of the user's own sharing or notices.
    private func delegatedCalendars(of owner: User) async throws(DAVError) -> [PropertyTarget] {
        let principalID = context.request.principal.userID
        return try await context.store { store throws(StoreError) in
            var targets: [PropertyTarget] = []
            let access = AccessResolver(store: store)
            for calendar in try await store.calendars(ownerID: owner.id)
            where try await access.access(of: principalID, to: calendar).allows(.read) {
                targets.append(.calendar(owner, calendar))
            }
            return targets
        }
    }

    /// The calendars shared with the user and accepted, as mounted in their home (`SharedCalendarMount`); those only
    /// reaching free/busy are left out, since nothing of them can be listed or read.
    private func mountedCalendars(of user: User) async throws(DAVError) -> [PropertyTarget] {
        try await context.store { store throws(StoreError) in
            var targets: [PropertyTarget] = []
            for shared in try await store.sharedCalendars(userID: user.id) where shared.state == .accepted && shared.role >= .read {
                guard let owner = try await store.user(id: shared.calendar.ownerID) else { continue }
                targets.append(.calendar(user, SharedCalendarMount.mounted(shared.calendar, ownerName: owner.name,
                                                                           presentation: shared.presentation)))
            }
            return targets
        }
    }
}
