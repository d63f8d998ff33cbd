import CalendarStore
import Calendaring

/// Sharing a calendar as access rules (`user:NAME` or `group:NAME` and a role), mapped onto the grants every door
/// shares: the same rules of who may share, the same invitations and notices as the CalDAV sharing protocols.
extension CalendarAPIService {
    package func listAcl(_ input: Operations.ListAcl.Input) async throws -> Operations.ListAcl.Output {
        let reached = try await reach(input.path.calendarId, caller: APICaller.required())
        try reached.require(.share, "Only the owner, and people they let manage it, see who a calendar is shared with.")
        let id = reached.record.id
        let grants = try await store { store throws(StoreError) in try await store.grants(calendarID: id) }
        var items: [Components.Schemas.AclRule] = []
        for grant in grants {
            if let rule = try await rule(for: grant) { items.append(rule) }
        }
        return .ok(.init(body: .json(.init(items: items))))
    }

    package func insertAclRule(_ input: Operations.InsertAclRule.Input) async throws -> Operations.InsertAclRule.Output {
        guard case .json(let fields) = input.body else { throw APIError.invalid("The body must be JSON.") }
        let reached = try await reach(input.path.calendarId, caller: APICaller.required())
        let me = try await currentUser()
        let grantee = try await calendaring { () async throws(CalendaringError) in
            try await sharing.grantee(named: fields.scope.value)
        }
        try Self.check(grantee, matches: fields.scope)
        let grant = try await calendaring { () async throws(CalendaringError) in
            try await sharing.share(reached.record, with: fields.scope.value, role: Self.role(fields.role), by: me)
        }
        scheduling.mailQueued()
        guard let rule = try await rule(for: grant) else { throw APIError.serverFault() }
        return .created(.init(body: .json(rule)))
    }

    package func deleteAclRule(_ input: Operations.DeleteAclRule.Input) async throws -> Operations.DeleteAclRule.Output {
        let reached = try await reach(input.path.calendarId, caller: APICaller.required())
        let me = try await currentUser()
        let parts = input.path.ruleId.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let type = Components.Schemas.AclScope._TypePayload(rawValue: parts[0]) else {
            throw APIError.notFound("There is no rule \(input.path.ruleId); rule ids are user:NAME or group:NAME.")
        }
        let scope = Components.Schemas.AclScope(_type: type, value: parts[1])
        let grantee = try await calendaring { () async throws(CalendaringError) in
            try await sharing.grantee(named: scope.value)
        }
        try Self.check(grantee, matches: scope)
        try reached.require(.share, "Only the owner, and people they let manage it, may end a share.")
        let id = reached.record.id
        guard try await store({ store throws(StoreError) in try await store.grants(calendarID: id) })
            .contains(where: { $0.grantee == grantee }) else {
            throw APIError.notFound("The calendar is not shared with \(input.path.ruleId).")
        }
        try await calendaring { () async throws(CalendaringError) in
            try await sharing.revoke(reached.record, from: scope.value, by: me)
        }
        scheduling.mailQueued()
        return .noContent(.init())
    }

    /// A grant as a rule; nil when its user or group no longer exists.
    private func rule(for grant: CalendarGrant) async throws(APIError) -> Components.Schemas.AclRule? {
        let scope: Components.Schemas.AclScope
        switch grant.grantee {
        case .user(let id):
            guard let user = try await store({ store throws(StoreError) in try await store.user(id: id) }) else { return nil }
            scope = .init(_type: .user, value: user.name)
        case .group(let id):
            guard let group = try await store({ store throws(StoreError) in try await store.group(id: id) }) else { return nil }
            scope = .init(_type: .group, value: group.name)
        }
        let state: Components.Schemas.AclRule.StatePayload = switch grant.state {
        case .accepted: .accepted
        case .invited: .invited
        case .declined: .declined
        }
        return .init(id: "\(scope._type.rawValue):\(scope.value)", scope: scope, role: Self.aclRole(grant.role),
                     state: state)
    }

    /// The name resolves to a user or a group; the rule must say which it meant.
    private static func check(_ grantee: Grantee, matches scope: Components.Schemas.AclScope) throws(APIError) {
        switch (grantee, scope._type) {
        case (.user, .user), (.group, .group): return
        case (.user, .group): throw APIError.invalid("'\(scope.value)' is a user, not a group.")
        case (.group, .user): throw APIError.invalid("'\(scope.value)' is a group, not a user.")
        }
    }

    static func role(_ role: Components.Schemas.AclRole) -> CalendarRole {
        switch role {
        case .freeBusyReader: .freeBusy
        case .reader: .read
        case .writer: .write
        case .owner: .manage
        }
    }

    static func aclRole(_ role: CalendarRole) -> Components.Schemas.AclRole {
        switch role {
        case .freeBusy: .freeBusyReader
        case .read: .reader
        case .write: .writer
        case .manage: .owner
        }
    }
}

extension CalendarAPIService {
    /// The sharee's acceptance of a share made to them: the calendar joins their list and their CalDAV home.
    package func acceptSharedCalendar(_ input: Operations.AcceptSharedCalendar.Input)
        async throws -> Operations.AcceptSharedCalendar.Output {
        guard case .json(let fields) = input.body else { throw APIError.invalid("The body must be JSON.") }
        let me = try await currentUser()
        guard let id = Int64(fields.id), id > 0,
              let record = try await store({ store throws(StoreError) in try await store.calendar(id: id) }),
              !record.isScheduleInbox, record.ownerID != me.id else {
            throw APIError.notFound("No calendar \(fields.id) is shared with you.")
        }
        _ = try await calendaring { () async throws(CalendaringError) in
            try await sharing.respond(record, sharee: me, accept: true)
        }
        scheduling.mailQueued()
        var body = json(try await reach(fields.id, caller: APICaller.required()))
        body.shareState = .accepted
        return .ok(.init(body: .json(body)))
    }
}
