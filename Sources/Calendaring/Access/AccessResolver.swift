import CalendarStore

/// Decides how a user reaches a calendar or an object, from the store on every call: a grant revoked or a
/// membership removed counts from the very next request (no cache to outlive it).
public struct AccessResolver: Sendable {
    let store: any CalendarStore

    public init(store: any CalendarStore) {
        self.store = store
    }

    public func access(of userID: Int64, to calendar: CalendarRecord) async throws(StoreError) -> CalendarAccess {
        if calendar.ownerID == userID { return .owner }
        let delegation = try await delegation(of: userID, for: calendar.ownerID)
        // The scheduling inbox holds the owner's invitations: a write delegate answers them, nobody else reads them.
        if calendar.isScheduleInbox {
            return delegation == .write ? .delegate(.write, grant: nil) : .none
        }
        let role = try await store.effectiveRole(calendarID: calendar.id, userID: userID)
        if let delegation { return .delegate(delegation, grant: role) }
        return role.map(CalendarAccess.shared) ?? .none
    }

    /// How `userID` is a delegate of `ownerID`, if they are.
    public func delegation(of userID: Int64, for ownerID: Int64) async throws(StoreError) -> Delegation.Mode? {
        try await store.delegations(delegateID: userID).first { $0.ownerID == ownerID }?.mode
    }

    /// The calendar's access, unless a grant of this one object to the user gives more for it (a read sharee of the
    /// calendar may have been given one event to edit); the owner's access is never looked past.
    public func access(of userID: Int64, to objectName: String, in calendar: CalendarRecord)
        async throws(StoreError) -> ObjectAccess {
        let calendarAccess = try await access(of: userID, to: calendar)
        if calendarAccess == .owner { return .calendar(.owner) }
        let grants = try await store.objectGrants(calendarID: calendar.id, objectName: objectName)
        if let role = grants.filter({ $0.userID == userID }).map(\.role).max(),
           !calendarAccess.allows(ObjectAccess.object(role).privileges) {
            return .object(role)
        }
        return calendarAccess == .none ? .none : .calendar(calendarAccess)
    }
}
