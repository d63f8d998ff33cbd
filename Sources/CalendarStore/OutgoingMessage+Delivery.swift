extension OutgoingMessage {
    /// The state change `CalendarStore.recordDeliveryAttempt` makes, so every store moves a message the same way:
    /// counts the attempt; `sent` and `failed` are final; `retry` keeps it pending until its new time. A failed
    /// attempt's `detail` becomes `lastError`; a successful one leaves `lastError` as it was (the history of the
    /// earlier failures). Throws `invalidArgument` unless the message is pending: a sent message is never sent twice.
    public mutating func record(_ outcome: DeliveryOutcome, detail: String) throws(StoreError) {
        guard state == .pending else { throw .invalidArgument("message \(id) is \(state.rawValue), not pending") }
        attempts += 1
        switch outcome {
        case .sent:
            state = .sent
        case .retry(let next):
            nextAttemptAt = next
            lastError = detail
        case .failed:
            state = .failed
            lastError = detail
        }
    }
}
