import CalendarStore

extension InMemoryStore {
    // MARK: Privacy

    public func freeBusyVisibility(userID: Int64) -> FreeBusyVisibility? {
        freeBusyVisibilityTable[userID]
    }

    public func setFreeBusyVisibility(userID: Int64, _ visibility: FreeBusyVisibility?) throws(StoreError) {
        guard userTable[userID] != nil else { throw .notFound }
        freeBusyVisibilityTable[userID] = visibility
    }
}
