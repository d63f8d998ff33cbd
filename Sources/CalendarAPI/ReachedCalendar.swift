import CalendarStore
import Calendaring

/// A calendar as the signed-in user reaches it: the record, how they reach it (owner, delegate, sharee), its owner,
/// and the name and colour the user gave it for themselves.
struct ReachedCalendar: Sendable {
    var record: CalendarRecord
    var access: CalendarAccess
    var owner: User
    var presentation: ShareePresentation?

    /// The API's role for the access: `owner` for the owner and a sharee who manages sharing, `writer` for whoever
    /// may change events, `reader`, and `freeBusyReader` for someone who sees only busy time.
    var role: Components.Schemas.Role {
        if access == .owner { return .owner }
        let privileges = access.privileges
        if privileges.contains(.share) { return .owner }
        if privileges.contains(.writeContent) { return .writer }
        if privileges.contains(.read) { return .reader }
        return .freeBusyReader
    }

    func require(_ privileges: CalendarPrivileges, _ refusal: String) throws(APIError) {
        guard access.allows(privileges) else { throw APIError.forbidden(refusal) }
    }
}

extension CalendarAPIService {
    /// The calendar `idText` names, if the user reaches it at all; 404 otherwise (a calendar the user cannot see is
    /// not revealed to exist). The scheduling inbox is not a calendar of the API.
    func reach(_ idText: String, caller: APICaller) async throws(APIError) -> ReachedCalendar {
        guard let id = Int64(idText), id > 0,
              let record = try await store({ store throws(StoreError) in try await store.calendar(id: id) }),
              !record.isScheduleInbox else {
            throw APIError.notFound("There is no calendar \(idText) that you can see.")
        }
        let access = try await store { store throws(StoreError) in
            try await AccessResolver(store: store).access(of: caller.userID, to: record)
        }
        guard access != .none else { throw APIError.notFound("There is no calendar \(idText) that you can see.") }
        let owner = try await user(id: record.ownerID)
        let presentation: ShareePresentation? = access == .owner ? nil : try await store { store throws(StoreError) in
            try await store.shareePresentation(calendarID: record.id, userID: caller.userID)
        }
        return ReachedCalendar(record: record, access: access, owner: owner, presentation: presentation)
    }
}
