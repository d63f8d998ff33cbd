import CalendarStore

extension InMemoryStore {
    // MARK: Delegation

    public func setDelegation(ownerID: Int64, delegateID: Int64, mode: Delegation.Mode?) throws(StoreError) {
        guard ownerID != delegateID else { throw .invalidArgument("a user is not their own delegate") }
        guard userTable[ownerID] != nil, userTable[delegateID] != nil else { throw .notFound }
        delegationTable[ownerID, default: [:]][delegateID] = mode
    }

    public func delegates(ownerID: Int64) -> [Delegation] {
        (delegationTable[ownerID] ?? [:]).sorted { $0.key < $1.key }
            .map { Delegation(ownerID: ownerID, delegateID: $0.key, mode: $0.value) }
    }

    public func delegations(delegateID: Int64) -> [Delegation] {
        delegationTable.keys.sorted().compactMap { owner in
            delegationTable[owner]?[delegateID].map { Delegation(ownerID: owner, delegateID: delegateID, mode: $0) }
        }
    }
}
