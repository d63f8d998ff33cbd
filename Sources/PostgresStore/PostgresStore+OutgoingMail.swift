import CalendarStore

/// The iMIP outgoing queue (RFC 6047) in `outgoing_messages` and `delivery_attempts`; see `PostgresSchema.version1`.
extension PostgresStore {
    public func dueOutgoingMessages(now: Int64, limit: Int) async throws(StoreError) -> [OutgoingMessage] {
        try await database.read { session in
            try await session.query(Self.dueQuery(now: now, limit: limit), Self.decodeOutgoing)
        }
    }

    /// The due rows are locked with SKIP LOCKED: a node claiming at the same moment passes over the rows this one
    /// is leasing and takes the next ones, instead of waiting for them and then finding them leased.
    public func claimOutgoingMessages(now: Int64, leaseSeconds: Int64, limit: Int) async throws(StoreError)
        -> [OutgoingMessage] {
        guard leaseSeconds > 0 else { throw .invalidArgument("the lease must be positive") }
        let lease = now + leaseSeconds
        return try await database.write { session in
            let due = try await session.query(Self.dueQuery(now: now, limit: limit) + " FOR UPDATE SKIP LOCKED",
                                              Self.decodeOutgoing)
            guard !due.isEmpty else { return [] }
            try await session.run("""
                UPDATE outgoing_messages SET next_attempt_at = \(lease) WHERE id = ANY(\(due.map(\.id)))
                """)
            return due.map { message in
                var claimed = message
                claimed.nextAttemptAt = lease
                return claimed
            }
        }
    }

    public func recordDeliveryAttempt(outgoingID: Int64, at: Int64, outcome: DeliveryOutcome, detail: String)
        async throws(StoreError) -> OutgoingMessage {
        try await database.write { session in
            // FOR UPDATE: two nodes recording an attempt on one message at once take turns, so the second sees the
            // first's state (a sent message is never sent twice) and numbers its attempt after it.
            guard var message = try await session.queryFirst(Self.outgoingQuery(where: "id = \(outgoingID) FOR UPDATE"),
                                                             Self.decodeOutgoing) else { throw StoreError.notFound }
            try message.record(outcome, detail: detail)
            let (kind, retryAt) = Self.encode(outcome)
            try await session.run("""
                INSERT INTO delivery_attempts (outgoing_id, number, at, outcome, next_attempt_at, detail)
                VALUES (\(outgoingID), \(Int64(message.attempts)), \(at), \(kind), \(retryAt)::bigint, \(detail))
                """)
            try await session.run("""
                UPDATE outgoing_messages SET state = \(message.state.rawValue), attempts = \(Int64(message.attempts)),
                    next_attempt_at = \(message.nextAttemptAt), last_error = \(message.lastError)
                WHERE id = \(outgoingID)
                """)
            return message
        }
    }

    public func outgoingMessage(id: Int64) async throws(StoreError) -> OutgoingMessage? {
        try await database.read { session in
            try await session.queryFirst(Self.outgoingQuery(where: "id = \(id)"), Self.decodeOutgoing)
        }
    }

    public func outgoingMessages(senderUserID: Int64?, limit: Int) async throws(StoreError) -> [OutgoingMessage] {
        try await database.read { session in
            try await session.query(Self.listingQuery(senderUserID: senderUserID, limit: limit), Self.decodeOutgoing)
        }
    }

    public func deliveryAttempts(outgoingID: Int64) async throws(StoreError) -> [DeliveryAttempt] {
        try await database.read { session in
            try await session.query("""
                SELECT outgoing_id, number, at, outcome, next_attempt_at, detail FROM delivery_attempts
                WHERE outgoing_id = \(outgoingID) ORDER BY number
                """) { row in
                DeliveryAttempt(outgoingID: try row.int64(0), number: try row.int(1), at: try row.int64(2),
                                outcome: Self.decodeOutcome(try row.text(3), retryAt: try row.optionalInt64(4)),
                                detail: try row.text(5))
            }
        }
    }

    // MARK: Helpers

    /// `outgoing_due` (state, next_attempt_at, id) yields the rows in this order: no sort, and the scan stops at
    /// `limit`.
    static func dueQuery(now: Int64, limit: Int) -> SQL {
        outgoingQuery(where: """
            state = 'pending' AND next_attempt_at <= \(now) ORDER BY next_attempt_at, id LIMIT \(Int64(max(0, limit)))
            """)
    }

    /// Newest first: the primary key backwards, or `outgoing_by_sender` backwards for one sender.
    static func listingQuery(senderUserID: Int64?, limit: Int) -> SQL {
        let condition: SQL = senderUserID.map { "sender_user_id = \($0)" } ?? "true"
        return outgoingQuery(where: condition + " ORDER BY id DESC LIMIT \(Int64(max(0, limit)))")
    }

    /// Queues a message in the caller's transaction (`StoreChange.enqueue`); the caller validated it. `notFound`
    /// when the sender does not exist; the sender's row is locked FOR KEY SHARE, as the foreign key would lock it,
    /// so a concurrent deleteUser waits for the caller's commit (and then drops the message with the user).
    static func enqueue(_ message: NewOutgoingMessage, now: Int64, _ session: PostgresSession) async throws
        -> OutgoingMessage {
        guard try await keyShare(.user(message.senderUserID), session) else { throw StoreError.notFound }
        let pending = OutgoingMessageState.pending.rawValue
        let id = try await session.queryFirst("""
            INSERT INTO outgoing_messages (sender_user_id, envelope_from, envelope_to, message_id, method, uid, content,
                                           state, attempts, created_at, next_attempt_at, last_error)
            VALUES (\(message.senderUserID), \(message.envelopeFrom), \(message.envelopeTo), \(message.messageID),
                    \(message.method), \(message.uid), \(message.content.bytea), \(pending), 0, \(now), \(now), '')
            RETURNING id
            """) { try $0.int64(0) }
        guard let id else { throw StoreError.backend("INSERT INTO outgoing_messages returned no id") }
        return OutgoingMessage(id: id, message: message, state: .pending, attempts: 0, createdAt: now,
                               nextAttemptAt: now, lastError: "")
    }

    static func outgoingQuery(where condition: SQL) -> SQL {
        """
        SELECT id, sender_user_id, envelope_from, envelope_to, message_id, method, uid, content, state, attempts,
               created_at, next_attempt_at, last_error
        FROM outgoing_messages WHERE \(fragment: condition)
        """
    }

    static func decodeOutgoing(_ row: ResultRow) throws -> OutgoingMessage {
        let message = NewOutgoingMessage(senderUserID: try row.int64(1), envelopeFrom: try row.text(2),
                                         envelopeTo: try row.text(3), messageID: try row.text(4),
                                         method: try row.text(5), uid: try row.text(6), content: try row.bytes(7))
        // The CHECK constraint admits only the three raw values.
        return OutgoingMessage(id: try row.int64(0), message: message,
                               state: OutgoingMessageState(rawValue: try row.text(8)) ?? .failed,
                               attempts: try row.int(9), createdAt: try row.int64(10),
                               nextAttemptAt: try row.int64(11), lastError: try row.text(12))
    }

    static func encode(_ outcome: DeliveryOutcome) -> (kind: String, retryAt: Int64?) {
        switch outcome {
        case .sent: ("sent", nil)
        case .retry(let next): ("retry", next)
        case .failed: ("failed", nil)
        }
    }

    /// `next_attempt_at` is set for retries only (the CHECK on `outcome` admits the three kinds).
    private static func decodeOutcome(_ kind: String, retryAt: Int64?) -> DeliveryOutcome {
        switch kind {
        case "sent": .sent
        case "retry": .retry(nextAttemptAt: retryAt ?? 0)
        default: .failed
        }
    }
}
