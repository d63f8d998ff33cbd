import CalendarStore

/// The rules of sharing a calendar, the same for every way of sharing (the command line, and later the CalDAV
/// sharing protocols and the JSON API): who may share, with whom, and in what state the share starts.
///
/// - The owner and `manage` sharees share (RFC 3744 DAV:write-acl is `CalendarPrivileges.share`); a grant to the
///   owner is refused, since the owner already holds everything.
/// - The grantee is a user or a group, named as in their principal URL.
/// - A share made by the system (the command line, `actor == nil`) is in force at once; one offered by a person
///   to a person is an invitation the sharee accepts or declines, as the sharing protocols' clients expect. A
///   share with a group is in force at once whoever makes it: no one member can answer for the others.
/// - Every change a sharee or sharer should hear of leaves a notice in their notification collection
///   (`ShareNoticeWriter`).
public struct CalendarSharing: Sendable {
    let store: any CalendarStore
    /// Set when the server sends mail: sharees are told by e-mail too.
    let mail: ShareMail?

    public init(store: any CalendarStore, mail: ShareMail? = nil) {
        self.store = store
        self.mail = mail
    }

    /// Shares `calendar` with the user or group named `granteeName`, or changes the role of an existing share
    /// (keeping an accepted share accepted).
    public func share(_ calendar: CalendarRecord, with granteeName: String, role: CalendarRole,
                      by actor: User?) async throws(CalendaringError) -> CalendarGrant {
        try await requireShare(calendar, by: actor)
        let grantee = try await grantee(named: granteeName)
        if case .user(calendar.ownerID) = grantee {
            throw .refused(.grantToOwner, reason: "'\(granteeName)' owns this calendar and already has every privilege.")
        }
        do {
            let existing = try await store.grants(calendarID: calendar.id).first { $0.grantee == grantee }
            let direct = actor == nil || existing?.state == .accepted || { if case .group = grantee { true } else { false } }()
            let grant = try await store.setGrant(calendarID: calendar.id, grantee: grantee, role: role,
                                                 state: direct ? .accepted : .invited, grantedBy: actor?.id)
            try await notices.shareChanged(calendar, grantee: grantee, from: existing, to: grant)
            return grant
        } catch {
            throw .store(error)
        }
    }

    /// The sharee's answer to a share of `calendar` made to them (not to a group they belong to): accepting puts
    /// the calendar in their home, declining takes it out (their access ends; the owner sees the answer, and the
    /// sharee may accept later).
    @discardableResult
    public func respond(_ calendar: CalendarRecord, sharee: User, accept: Bool) async throws(CalendaringError)
        -> CalendarGrant {
        do {
            guard let grant = try await store.grants(calendarID: calendar.id).first(where: { $0.grantee == .user(sharee.id) })
            else {
                let viaGroup = try await store.effectiveRole(calendarID: calendar.id, userID: sharee.id) != nil
                throw CalendaringError.refused(.needPrivileges, reason: viaGroup
                    ? "This calendar is shared with a group you belong to; only its owner can end that."
                    : "This calendar is not shared with you.")
            }
            let state: ShareState = accept ? .accepted : .declined
            if grant.state == state { return grant }
            let answered = try await store.setGrant(calendarID: calendar.id, grantee: grant.grantee, role: grant.role,
                                                    state: state, grantedBy: grant.grantedBy)
            try await notices.answered(calendar, grant: answered, sharee: sharee)
            return answered
        } catch let error as CalendaringError {
            throw error
        } catch let error as StoreError {
            throw .store(error)
        } catch {
            throw .refused(.serverFault, reason: "Unexpected error.")
        }
    }

    private var notices: ShareNoticeWriter { ShareNoticeWriter(store: store, mail: mail) }

    /// Ends the share of `calendar` with the user or group named `granteeName`: access ends with the next request.
    public func revoke(_ calendar: CalendarRecord, from granteeName: String, by actor: User?)
        async throws(CalendaringError) {
        try await requireShare(calendar, by: actor)
        let grantee = try await grantee(named: granteeName)
        do {
            let existing = try await store.grants(calendarID: calendar.id).first { $0.grantee == grantee }
            try await store.revokeGrant(calendarID: calendar.id, grantee: grantee)
            try await notices.shareChanged(calendar, grantee: grantee, from: existing, to: nil)
        } catch .notFound {
            throw .refused(.recognizedPrincipal, reason: "The calendar is not shared with '\(granteeName)'.")
        } catch {
            throw .store(error)
        }
    }

    /// Replaces the grants in force on `calendar` with `entries` (one role per grantee), as an access control list
    /// states them (RFC 3744 §8.1): a grantee listed gets the role at once (an ACL is not an invitation), a grantee
    /// in force and not listed loses access, and invitations not answered yet and declined shares stay as they are
    /// unless listed.
    public func setAccessList(_ calendar: CalendarRecord, entries: [(name: String, role: CalendarRole)], by actor: User)
        async throws(CalendaringError) {
        try await requireShare(calendar, by: actor)
        var wanted: [Grantee: CalendarRole] = [:]
        for entry in entries {
            let grantee = try await grantee(named: entry.name)
            if case .user(calendar.ownerID) = grantee {
                throw .refused(.grantToOwner, reason: "'\(entry.name)' owns this calendar and already has every privilege.")
            }
            if wanted[grantee] != nil {
                throw .refused(.conflictingGrants, reason: "'\(entry.name)' is named by more than one entry.")
            }
            wanted[grantee] = entry.role
        }
        do {
            let existing = try await store.grants(calendarID: calendar.id)
            for grant in existing where grant.state == .accepted && wanted[grant.grantee] == nil {
                try await store.revokeGrant(calendarID: calendar.id, grantee: grant.grantee)
                try await notices.shareChanged(calendar, grantee: grant.grantee, from: grant, to: nil)
            }
            for (grantee, role) in wanted {
                let old = existing.first { $0.grantee == grantee }
                if old?.role == role, old?.state == .accepted { continue }
                let new = try await store.setGrant(calendarID: calendar.id, grantee: grantee, role: role,
                                                   state: .accepted, grantedBy: actor.id)
                try await notices.shareChanged(calendar, grantee: grantee, from: old, to: new)
            }
        } catch {
            throw .store(error)
        }
    }

    /// Replaces the grants of the one object `objectName` with `entries`, as an access control list of the object
    /// states them: users only (a single event is shared with people; a group shares the calendar), in the read or
    /// write role.
    public func setObjectAccessList(_ calendar: CalendarRecord, objectName: String,
                                    entries: [(name: String, role: CalendarRole)], by actor: User)
        async throws(CalendaringError) {
        try await requireShare(calendar, by: actor)
        var wanted: [Int64: CalendarRole] = [:]
        for entry in entries {
            guard case .user(let userID) = try await grantee(named: entry.name) else {
                throw .refused(.allowedPrincipal, reason: "A single event is shared with users; share the calendar "
                               + "with the group '\(entry.name)' instead.")
            }
            if userID == calendar.ownerID {
                throw .refused(.grantToOwner, reason: "'\(entry.name)' owns this event and already has every privilege.")
            }
            guard entry.role == .read || entry.role == .write else {
                throw .refused(.allowedPrincipal, reason: "A single event is shared to read or to write, not '\(entry.role.rawValue)'.")
            }
            if wanted[userID] != nil {
                throw .refused(.conflictingGrants, reason: "'\(entry.name)' is named by more than one entry.")
            }
            wanted[userID] = entry.role
        }
        do {
            for grant in try await store.objectGrants(calendarID: calendar.id, objectName: objectName)
            where wanted[grant.userID] == nil {
                try await store.revokeObjectGrant(calendarID: calendar.id, objectName: objectName, userID: grant.userID)
            }
            for (userID, role) in wanted {
                _ = try await store.setObjectGrant(calendarID: calendar.id, objectName: objectName, userID: userID,
                                                   role: role, grantedBy: actor.id)
            }
        } catch {
            throw .store(error)
        }
    }

    /// The user or group a principal name stands for.
    public func grantee(named name: String) async throws(CalendaringError) -> Grantee {
        do {
            if let user = try await store.user(named: name) { return .user(user.id) }
            if let group = try await store.group(named: name) { return .group(group.id) }
        } catch {
            throw .store(error)
        }
        throw .refused(.recognizedPrincipal, reason: "No user or group is named '\(name)'.")
    }

    private func requireShare(_ calendar: CalendarRecord, by actor: User?) async throws(CalendaringError) {
        guard let actor else { return }
        let access: CalendarAccess
        do {
            access = try await AccessResolver(store: store).access(of: actor.id, to: calendar)
        } catch {
            throw .store(error)
        }
        guard access.allows(.share) else {
            throw .refused(.needPrivileges, reason: "Only the owner and those who manage this calendar may share it.")
        }
    }
}
