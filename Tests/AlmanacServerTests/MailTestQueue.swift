@testable import AlmanacServer
import CalendarStore

/// The outgoing queue as the `CalendarStore` contract describes it, in memory, for the delivery service tests (the
/// stores implement the same contract and are tested by the store contract suite).
actor MailTestQueue: OutgoingMailQueue {
    private(set) var messages: [Int64: OutgoingMessage] = [:]
    private(set) var attempts: [DeliveryAttempt] = []
    private var nextID: Int64 = 1

    @discardableResult
    func enqueue(to recipient: String, content: [UInt8], at now: Int64) -> Int64 {
        let id = nextID
        nextID += 1
        let message = NewOutgoingMessage(senderUserID: 1, envelopeFrom: "alice@example.com", envelopeTo: recipient,
                                         messageID: "m\(id)@almanac.test", method: "REQUEST", uid: "uid-\(id)",
                                         content: content)
        messages[id] = OutgoingMessage(id: id, message: message, state: .pending, attempts: 0, createdAt: now,
                                       nextAttemptAt: now, lastError: "")
        return id
    }

    func dueOutgoingMessages(now: Int64, limit: Int) async throws(StoreError) -> [OutgoingMessage] {
        Array(messages.values.filter { $0.state == .pending && $0.nextAttemptAt <= now }
            .sorted { ($0.nextAttemptAt, $0.id) < ($1.nextAttemptAt, $1.id) }.prefix(limit))
    }

    func claimOutgoingMessages(now: Int64, leaseSeconds: Int64, limit: Int) async throws(StoreError)
        -> [OutgoingMessage] {
        let due = try await dueOutgoingMessages(now: now, limit: limit)
        for message in due { messages[message.id]?.nextAttemptAt = now + leaseSeconds }
        return due.compactMap { messages[$0.id] }
    }

    func recordDeliveryAttempt(outgoingID: Int64, at: Int64, outcome: DeliveryOutcome, detail: String)
        async throws(StoreError) -> OutgoingMessage {
        guard var message = messages[outgoingID] else { throw .notFound }
        guard message.state == .pending else { throw .invalidArgument("message \(outgoingID) is \(message.state)") }
        message.attempts += 1
        attempts.append(DeliveryAttempt(outgoingID: outgoingID, number: message.attempts, at: at, outcome: outcome,
                                        detail: detail))
        switch outcome {
        case .sent: message.state = .sent
        case .failed: message.state = .failed; message.lastError = detail
        case .retry(let next): message.nextAttemptAt = next; message.lastError = detail
        }
        messages[outgoingID] = message
        return message
    }

    /// Forces a state, to check that the service never sends what is not pending.
    func setState(_ id: Int64, _ state: OutgoingMessageState) {
        messages[id]?.state = state
    }
}
