import CalendarStore

/// The scheduling and outgoing-mail parts of the store contract, not needed by the server tests.
extension AccountStoreFake {
    private static var unsupportedScheduling: StoreError { .backend("not supported by AccountStoreFake") }

    func user(email: String) async throws(StoreError) -> User? { throw Self.unsupportedScheduling }
    func objects(ownerID: Int64, uid: String) async throws(StoreError) -> [CalendarObjectRecord] {
        throw Self.unsupportedScheduling
    }
    func apply(_ changes: [StoreChange]) async throws(StoreError) -> [StoreChangeResult] {
        throw Self.unsupportedScheduling
    }
    func dueOutgoingMessages(now: Int64, limit: Int) async throws(StoreError) -> [OutgoingMessage] {
        throw Self.unsupportedScheduling
    }
    func claimOutgoingMessages(now: Int64, leaseSeconds: Int64, limit: Int) async throws(StoreError)
        -> [OutgoingMessage] { throw Self.unsupportedScheduling }
    func recordDeliveryAttempt(outgoingID: Int64, at: Int64, outcome: DeliveryOutcome, detail: String)
        async throws(StoreError) -> OutgoingMessage { throw Self.unsupportedScheduling }
    func outgoingMessage(id: Int64) async throws(StoreError) -> OutgoingMessage? { throw Self.unsupportedScheduling }
    func outgoingMessages(senderUserID: Int64?, limit: Int) async throws(StoreError) -> [OutgoingMessage] {
        throw Self.unsupportedScheduling
    }
    func deliveryAttempts(outgoingID: Int64) async throws(StoreError) -> [DeliveryAttempt] {
        throw Self.unsupportedScheduling
    }
}
