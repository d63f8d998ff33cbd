import CalendarStore

/// The part of the store the delivery service uses: claiming the due messages and the record of each attempt. The service
/// reads the store through this so its tests can use a small queue instead of a whole store.
/// Spec: the "Outgoing mail" requirements of `CalendarStore`.
protocol OutgoingMailQueue: Sendable {
    func claimOutgoingMessages(now: Int64, leaseSeconds: Int64, limit: Int) async throws(StoreError)
        -> [OutgoingMessage]
    func recordDeliveryAttempt(outgoingID: Int64, at: Int64, outcome: DeliveryOutcome, detail: String)
        async throws(StoreError) -> OutgoingMessage
}

/// The queue of a `CalendarStore`.
struct StoreOutgoingMailQueue: OutgoingMailQueue {
    let store: any CalendarStore

    func claimOutgoingMessages(now: Int64, leaseSeconds: Int64, limit: Int) async throws(StoreError)
        -> [OutgoingMessage] {
        try await store.claimOutgoingMessages(now: now, leaseSeconds: leaseSeconds, limit: limit)
    }

    func recordDeliveryAttempt(outgoingID: Int64, at: Int64, outcome: DeliveryOutcome, detail: String)
        async throws(StoreError) -> OutgoingMessage {
        try await store.recordDeliveryAttempt(outgoingID: outgoingID, at: at, outcome: outcome, detail: detail)
    }
}
