import CalendarStore

/// The iMIP outgoing queue (RFC 6047) in `outgoing_messages` and `delivery_attempts`; see
/// `SchemaMigrations.version3`.
extension SQLiteStore {
    public func dueOutgoingMessages(now: Int64, limit: Int) async throws(StoreError) -> [OutgoingMessage] {
        try await pool.read { db in try db.query(Self.dueQuery(now: now, limit: limit), Self.decodeOutgoing) }
    }

    public func claimOutgoingMessages(now: Int64, leaseSeconds: Int64, limit: Int) async throws(StoreError)
        -> [OutgoingMessage] {
        guard leaseSeconds > 0 else { throw .invalidArgument("the lease must be positive") }
        let lease = now + leaseSeconds
        // The single writer serialises claims; the due rows are read and leased in one write job.
        return try await pool.write { db in
            let due = try db.query(Self.dueQuery(now: now, limit: limit), Self.decodeOutgoing)
            return try due.map { message in
                try db.run("UPDATE outgoing_messages SET next_attempt_at = \(lease) WHERE id = \(message.id)")
                var claimed = message
                claimed.nextAttemptAt = lease
                return claimed
            }
        }
    }

    public func recordDeliveryAttempt(outgoingID: Int64, at: Int64, outcome: DeliveryOutcome, detail: String)
        async throws(StoreError) -> OutgoingMessage {
        try await pool.write { db in
            guard var message = try db.queryFirst(Self.outgoingQuery + " WHERE id = \(outgoingID)",
                                                  Self.decodeOutgoing) else { throw StoreError.notFound }
            try message.record(outcome, detail: detail)
            let (kind, retryAt) = Self.encode(outcome)
            try db.run("""
                INSERT INTO delivery_attempts (outgoing_id, number, at, outcome, next_attempt_at, detail)
                VALUES (\(outgoingID), \(message.attempts), \(at), \(kind), \(retryAt), \(detail))
                """)
            try db.run("""
                UPDATE outgoing_messages SET state = \(message.state.rawValue), attempts = \(message.attempts),
                    next_attempt_at = \(message.nextAttemptAt), last_error = \(message.lastError)
                WHERE id = \(outgoingID)
                """)
            return message
        }
    }

    public func outgoingMessage(id: Int64) async throws(StoreError) -> OutgoingMessage? {
        try await pool.read { db in try db.queryFirst(Self.outgoingQuery + " WHERE id = \(id)", Self.decodeOutgoing) }
    }

    public func outgoingMessages(senderUserID: Int64?, limit: Int) async throws(StoreError) -> [OutgoingMessage] {
        try await pool.read { db in
            try db.query(Self.listingQuery(senderUserID: senderUserID, limit: limit), Self.decodeOutgoing)
        }
    }

    public func deliveryAttempts(outgoingID: Int64) async throws(StoreError) -> [DeliveryAttempt] {
        try await pool.read { db in
            try db.query("""
                SELECT outgoing_id, number, at, outcome, next_attempt_at, detail FROM delivery_attempts
                WHERE outgoing_id = \(outgoingID) ORDER BY number
                """) { row in
                DeliveryAttempt(outgoingID: row.int64(0), number: row.int(1), at: row.int64(2),
                                outcome: Self.decodeOutcome(row.text(3), retryAt: row.int64(4)), detail: row.text(5))
            }
        }
    }

    // MARK: Helpers

    /// `outgoing_due` (state, next_attempt_at, id) yields the rows in this order: no sort, and the scan stops at
    /// `limit`.
    static func dueQuery(now: Int64, limit: Int) -> SQL {
        outgoingQuery + """
             WHERE state = 'pending' AND next_attempt_at <= \(now)
            ORDER BY next_attempt_at, id LIMIT \(max(0, limit))
            """
    }

    /// Newest first: the rowid backwards, or `outgoing_by_sender` backwards for one sender.
    static func listingQuery(senderUserID: Int64?, limit: Int) -> SQL {
        let condition: SQL = senderUserID.map { " WHERE sender_user_id = \($0)" } ?? ""
        return outgoingQuery + condition + " ORDER BY id DESC LIMIT \(max(0, limit))"
    }

    /// Queues a message in the caller's transaction (`StoreChange.enqueue`); the caller validated it.
    static func enqueue(_ message: NewOutgoingMessage, now: Int64, _ db: SQLiteConnection) throws -> OutgoingMessage {
        guard try db.queryFirst("SELECT 1 FROM users WHERE id = \(message.senderUserID)", { _ in true }) != nil else {
            throw StoreError.notFound
        }
        let pending = OutgoingMessageState.pending.rawValue
        try db.run("""
            INSERT INTO outgoing_messages (sender_user_id, envelope_from, envelope_to, message_id, method, uid, content,
                                           state, attempts, created_at, next_attempt_at, last_error)
            VALUES (\(message.senderUserID), \(message.envelopeFrom), \(message.envelopeTo), \(message.messageID),
                    \(message.method), \(message.uid), \(message.content), \(pending), 0, \(now), \(now), '')
            """)
        return OutgoingMessage(id: db.lastInsertRowID, message: message, state: .pending, attempts: 0, createdAt: now,
                               nextAttemptAt: now, lastError: "")
    }

    static let outgoingQuery: SQL = """
        SELECT id, sender_user_id, envelope_from, envelope_to, message_id, method, uid, content, state, attempts,
               created_at, next_attempt_at, last_error
        FROM outgoing_messages
        """

    static func decodeOutgoing(_ row: SQLiteRow) -> OutgoingMessage {
        let message = NewOutgoingMessage(senderUserID: row.int64(1), envelopeFrom: row.text(2),
                                         envelopeTo: row.text(3), messageID: row.text(4), method: row.text(5),
                                         uid: row.text(6), content: row.blob(7))
        // The CHECK constraint admits only the three raw values.
        return OutgoingMessage(id: row.int64(0), message: message,
                               state: OutgoingMessageState(rawValue: row.text(8)) ?? .failed, attempts: row.int(9),
                               createdAt: row.int64(10), nextAttemptAt: row.int64(11), lastError: row.text(12))
    }

    private static func encode(_ outcome: DeliveryOutcome) -> (kind: String, retryAt: Int64?) {
        switch outcome {
        case .sent: ("sent", nil)
        case .retry(let next): ("retry", next)
        case .failed: ("failed", nil)
        }
    }

    private static func decodeOutcome(_ kind: String, retryAt: Int64) -> DeliveryOutcome {
        switch kind {
        case "sent": .sent
        case "retry": .retry(nextAttemptAt: retryAt)
        default: .failed
        }
    }
}
