import CalendarStore

extension InMemoryStore {
    // MARK: Outgoing mail (iMIP)

    public func dueOutgoingMessages(now: Int64, limit: Int) -> [OutgoingMessage] {
        let due = outgoingTable.values.filter { $0.state == .pending && $0.nextAttemptAt <= now }
            .sorted { ($0.nextAttemptAt, $0.id) < ($1.nextAttemptAt, $1.id) }
        return Array(due.prefix(max(0, limit)))
    }

    public func claimOutgoingMessages(now: Int64, leaseSeconds: Int64, limit: Int) throws(StoreError)
        -> [OutgoingMessage] {
        guard leaseSeconds > 0 else { throw .invalidArgument("the lease must be positive") }
        return dueOutgoingMessages(now: now, limit: limit).map { due in
            var claimed = due
            claimed.nextAttemptAt = now + leaseSeconds
            outgoingTable[due.id] = claimed
            return claimed
        }
    }

    public func recordDeliveryAttempt(outgoingID: Int64, at: Int64, outcome: DeliveryOutcome, detail: String)
        throws(StoreError) -> OutgoingMessage {
        guard var message = outgoingTable[outgoingID] else { throw .notFound }
        try message.record(outcome, detail: detail)
        outgoingTable[outgoingID] = message
        attemptTable[outgoingID, default: []].append(
            DeliveryAttempt(outgoingID: outgoingID, number: message.attempts, at: at, outcome: outcome, detail: detail))
        return message
    }

    public func outgoingMessage(id: Int64) -> OutgoingMessage? { outgoingTable[id] }

    public func outgoingMessages(senderUserID: Int64?, limit: Int) -> [OutgoingMessage] {
        let chosen = outgoingTable.values.filter { senderUserID == nil || $0.message.senderUserID == senderUserID }
            .sorted { $0.id > $1.id }
        return Array(chosen.prefix(max(0, limit)))
    }

    public func deliveryAttempts(outgoingID: Int64) -> [DeliveryAttempt] { attemptTable[outgoingID] ?? [] }

    /// Queues a message (`StoreChange.enqueue`): pending, due now.
    func enqueue(_ message: NewOutgoingMessage, now time: Int64) throws(StoreError) -> OutgoingMessage {
        try message.validate()
        guard userTable[message.senderUserID] != nil else { throw .notFound }
        let queued = OutgoingMessage(id: nextID(), message: message, state: .pending, attempts: 0, createdAt: time,
                                     nextAttemptAt: time, lastError: "")
        outgoingTable[queued.id] = queued
        return queued
    }
}
