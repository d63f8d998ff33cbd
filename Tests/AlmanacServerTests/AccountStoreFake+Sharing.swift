import CalendarStore

/// The groups and sharing parts of the store contract, not needed by the server tests (yet).
extension AccountStoreFake {
    private static var unsupportedSharing: StoreError { .backend("not supported by AccountStoreFake") }

    func createGroup(_ group: NewGroup) async throws(StoreError) -> GroupRecord { throw Self.unsupportedSharing }
    func group(named name: String) async throws(StoreError) -> GroupRecord? { throw Self.unsupportedSharing }
    func group(id: Int64) async throws(StoreError) -> GroupRecord? { throw Self.unsupportedSharing }
    func groups() async throws(StoreError) -> [GroupRecord] { throw Self.unsupportedSharing }
    func deleteGroup(id: Int64) async throws(StoreError) { throw Self.unsupportedSharing }
    func addMember(groupID: Int64, userID: Int64) async throws(StoreError) { throw Self.unsupportedSharing }
    func removeMember(groupID: Int64, userID: Int64) async throws(StoreError) { throw Self.unsupportedSharing }
    func members(groupID: Int64) async throws(StoreError) -> [User] { throw Self.unsupportedSharing }
    func groups(memberID: Int64) async throws(StoreError) -> [GroupRecord] { throw Self.unsupportedSharing }
    func setGrant(calendarID: Int64, grantee: Grantee, role: CalendarRole, state: ShareState, grantedBy: Int64?)
        async throws(StoreError) -> CalendarGrant { throw Self.unsupportedSharing }
    func grants(calendarID: Int64) async throws(StoreError) -> [CalendarGrant] { throw Self.unsupportedSharing }
    func revokeGrant(calendarID: Int64, grantee: Grantee) async throws(StoreError) { throw Self.unsupportedSharing }
    func effectiveRole(calendarID: Int64, userID: Int64) async throws(StoreError) -> CalendarRole? {
        throw Self.unsupportedSharing
    }
    func sharedCalendars(userID: Int64) async throws(StoreError) -> [SharedCalendar] { throw Self.unsupportedSharing }
    func setShareePresentation(calendarID: Int64, userID: Int64, displayName: String?, color: String?)
        async throws(StoreError) { throw Self.unsupportedSharing }
    func shareePresentation(calendarID: Int64, userID: Int64) async throws(StoreError) -> ShareePresentation? {
        throw Self.unsupportedSharing
    }
    func setObjectGrant(calendarID: Int64, objectName: String, userID: Int64, role: CalendarRole, grantedBy: Int64?)
        async throws(StoreError) -> ObjectGrant { throw Self.unsupportedSharing }
    func revokeObjectGrant(calendarID: Int64, objectName: String, userID: Int64) async throws(StoreError) {
        throw Self.unsupportedSharing
    }
    func objectGrants(calendarID: Int64, objectName: String) async throws(StoreError) -> [ObjectGrant] {
        throw Self.unsupportedSharing
    }
    func objectGrants(userID: Int64) async throws(StoreError) -> [ObjectGrant] { throw Self.unsupportedSharing }
    func freeBusyVisibility(userID: Int64) async throws(StoreError) -> FreeBusyVisibility? { throw Self.unsupportedSharing }
    func setFreeBusyVisibility(userID: Int64, _ visibility: FreeBusyVisibility?) async throws(StoreError) {
        throw Self.unsupportedSharing
    }
    func putShareNotice(_ notice: NewShareNotice) async throws(StoreError) -> ShareNotice { throw Self.unsupportedSharing }
    func shareNotices(userID: Int64) async throws(StoreError) -> [ShareNotice] { throw Self.unsupportedSharing }
    func deleteShareNotice(userID: Int64, uid: String) async throws(StoreError) { throw Self.unsupportedSharing }
    func setDelegation(ownerID: Int64, delegateID: Int64, mode: Delegation.Mode?) async throws(StoreError) {
        throw Self.unsupportedSharing
    }
    func delegates(ownerID: Int64) async throws(StoreError) -> [Delegation] { throw Self.unsupportedSharing }
    func delegations(delegateID: Int64) async throws(StoreError) -> [Delegation] { throw Self.unsupportedSharing }
}
