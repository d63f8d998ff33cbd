import CalendarStore

/// The scheduling and outgoing-mail parts of the store contract, not needed by the server tests, but for the
/// address lookup, which account creation asks before it creates.
extension AccountStoreFake {
    private static var unsupportedScheduling: StoreError { .backend("not supported by AccountStoreFake") }

    func user(email: String) async throws(StoreError) -> User? {
        guard !email.isEmpty else { return nil }
        let wanted = Self.asciiFolded(email)
        return try withState { s in
            s.users.values.filter { Self.asciiFolded($0.email) == wanted }.min { $0.id < $1.id }
        }
    }
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
