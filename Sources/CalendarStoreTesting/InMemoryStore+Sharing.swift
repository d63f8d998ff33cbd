import CalendarStore

extension InMemoryStore {
    // MARK: Calendar sharing

    public func setGrant(calendarID: Int64, grantee: Grantee, role: CalendarRole, state: ShareState, grantedBy: Int64?)
        throws(StoreError) -> CalendarGrant {
        guard let stored = calendarTable[calendarID], exists(grantee), grantedBy.map({ userTable[$0] != nil }) ?? true
        else { throw .notFound }
        guard grantee != .user(stored.record.ownerID) else {
            throw .invalidArgument("a calendar is not shared with its owner")
        }
        let time = now()
        let grant = CalendarGrant(calendarID: calendarID, grantee: grantee, role: role, state: state,
                                  grantedBy: grantedBy, createdAt: stored.grants[grantee]?.createdAt ?? time,
                                  updatedAt: time)
        calendarTable[calendarID]?.grants[grantee] = grant
        return grant
    }

    public func grants(calendarID: Int64) -> [CalendarGrant] {
        (calendarTable[calendarID]?.grants.values).map { $0.sorted { $0.grantee.order < $1.grantee.order } } ?? []
    }

    public func revokeGrant(calendarID: Int64, grantee: Grantee) throws(StoreError) {
        guard calendarTable[calendarID]?.grants.removeValue(forKey: grantee) != nil else { throw .notFound }
    }

    public func effectiveRole(calendarID: Int64, userID: Int64) -> CalendarRole? {
        reaching(calendarTable[calendarID]?.grants.values.map { $0 } ?? [], userID: userID)
            .filter { $0.state == .accepted }.map(\.role).max()
    }

    public func sharedCalendars(userID: Int64) -> [SharedCalendar] {
        calendarTable.values.filter { $0.record.ownerID != userID }.sorted { $0.record.id < $1.record.id }
            .compactMap { stored in
                SharedCalendar(calendar: stored.record,
                               reaching: reaching(Array(stored.grants.values), userID: userID).map { ($0.role, $0.state) },
                               presentation: stored.presentations[userID])
            }
    }

    public func setShareePresentation(calendarID: Int64, userID: Int64, displayName: String?, color: String?)
        throws(StoreError) {
        guard calendarTable[calendarID] != nil, userTable[userID] != nil else { throw .notFound }
        calendarTable[calendarID]?.presentations[userID] = displayName == nil && color == nil ? nil
            : ShareePresentation(calendarID: calendarID, userID: userID, displayName: displayName, color: color)
    }

    public func shareePresentation(calendarID: Int64, userID: Int64) -> ShareePresentation? {
        calendarTable[calendarID]?.presentations[userID]
    }

    // MARK: Object grants

    public func setObjectGrant(calendarID: Int64, objectName: String, userID: Int64, role: CalendarRole,
                               grantedBy: Int64?) throws(StoreError) -> ObjectGrant {
        guard ObjectGrant.roles.contains(role) else { throw .invalidArgument("an object is shared to read or write") }
        guard let stored = calendarTable[calendarID], stored.objects[objectName] != nil, userTable[userID] != nil,
              grantedBy.map({ userTable[$0] != nil }) ?? true else { throw .notFound }
        guard userID != stored.record.ownerID else { throw .invalidArgument("an object is not shared with its owner") }
        let grant = ObjectGrant(calendarID: calendarID, objectName: objectName, userID: userID, role: role,
                                grantedBy: grantedBy,
                                createdAt: stored.objectGrants[objectName]?[userID]?.createdAt ?? now())
        calendarTable[calendarID]?.objectGrants[objectName, default: [:]][userID] = grant
        return grant
    }

    public func revokeObjectGrant(calendarID: Int64, objectName: String, userID: Int64) throws(StoreError) {
        guard calendarTable[calendarID]?.objectGrants[objectName]?.removeValue(forKey: userID) != nil else {
            throw .notFound
        }
    }

    public func objectGrants(calendarID: Int64, objectName: String) -> [ObjectGrant] {
        (calendarTable[calendarID]?.objectGrants[objectName]?.values).map { $0.sorted { $0.userID < $1.userID } } ?? []
    }

    public func objectGrants(userID: Int64) -> [ObjectGrant] {
        calendarTable.values.flatMap { $0.objectGrants.values.compactMap { $0[userID] } }
            .sorted { ($0.calendarID, $0.objectName) < ($1.calendarID, $1.objectName) }
    }

    // MARK: Helpers

    private func exists(_ grantee: Grantee) -> Bool {
        switch grantee {
        case .user(let id): userTable[id] != nil
        case .group(let id): groupTable[id] != nil
        }
    }

    /// The grants that reach the user: to them, or to a group they are a member of.
    private func reaching(_ grants: [CalendarGrant], userID: Int64) -> [CalendarGrant] {
        grants.filter { grant in
            switch grant.grantee {
            case .user(let id): id == userID
            case .group(let id): memberTable[id]?.contains(userID) ?? false
            }
        }
    }
}

extension Grantee {
    /// The listing order of `grants(calendarID:)`: users by id, then groups by id.
    var order: (Int, Int64) {
        switch self {
        case .user(let id): (0, id)
        case .group(let id): (1, id)
        }
    }
}
