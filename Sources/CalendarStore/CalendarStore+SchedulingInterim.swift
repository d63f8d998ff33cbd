// INTERIM (removed when the stores implement scheduling): lets the tree build while the store helper works.
extension CalendarStore {
    public func user(email: String) async throws(StoreError) -> User? {
        try await users().first { $0.email.lowercased() == email.lowercased() && !$0.email.isEmpty }
    }
    public func objects(ownerID: Int64, uid: String) async throws(StoreError) -> [CalendarObjectRecord] {
        var found: [CalendarObjectRecord] = []
        for calendar in try await calendars(ownerID: ownerID) {
            if let object = try await object(calendarID: calendar.id, uid: uid) { found.append(object) }
        }
        return found
    }
    public func apply(_ changes: [StoreChange]) async throws(StoreError) -> [StoreChangeResult] {
        throw .backend("not yet")
    }
    public func dueOutgoingMessages(now: Int64, limit: Int) async throws(StoreError) -> [OutgoingMessage] { [] }
    public func recordDeliveryAttempt(outgoingID: Int64, at: Int64, outcome: DeliveryOutcome, detail: String)
        async throws(StoreError) -> OutgoingMessage { throw .notFound }
    public func outgoingMessage(id: Int64) async throws(StoreError) -> OutgoingMessage? { nil }
    public func outgoingMessages(senderUserID: Int64?, limit: Int) async throws(StoreError) -> [OutgoingMessage] { [] }
    public func deliveryAttempts(outgoingID: Int64) async throws(StoreError) -> [DeliveryAttempt] { [] }
}
