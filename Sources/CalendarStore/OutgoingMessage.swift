/// An e-mail to send (an iMIP scheduling message to a calendar user outside this server), as queued.
/// Spec: RFC 6047 (the content), RFC 5321 (the envelope).
public struct NewOutgoingMessage: Sendable, Hashable {
    /// The user whose action produced the message (for rate limits and the administrator's view).
    public var senderUserID: Int64
    /// SMTP envelope sender and recipient: bare addresses, no `mailto:`.
    public var envelopeFrom: String
    public var envelopeTo: String
    /// The RFC 5322 Message-ID inside `content` (without angle brackets); unique, so a relay can drop a duplicate.
    public var messageID: String
    /// The iTIP method and UID, for logs and listings.
    public var method: String
    public var uid: String
    /// The complete RFC 5322 message (headers and MIME body, CRLF line ends) exactly as it will be sent.
    public var content: [UInt8]

    public init(senderUserID: Int64, envelopeFrom: String, envelopeTo: String, messageID: String, method: String,
                uid: String, content: [UInt8]) {
        self.senderUserID = senderUserID; self.envelopeFrom = envelopeFrom; self.envelopeTo = envelopeTo
        self.messageID = messageID; self.method = method; self.uid = uid; self.content = content
    }
}

/// Where a queued message stands.
public enum OutgoingMessageState: String, Sendable, Hashable {
    /// Waiting for its next attempt at `nextAttemptAt`.
    case pending
    /// Accepted by the relay. Never sent again.
    case sent
    /// Given up: the relay refused it permanently, or the attempts ran out.
    case failed
}

/// A queued outgoing message with its delivery state.
public struct OutgoingMessage: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var message: NewOutgoingMessage
    public var state: OutgoingMessageState
    /// Attempts made so far.
    public var attempts: Int
    /// Seconds since 1970.
    public var createdAt: Int64
    /// When the next attempt is due (meaningful while `pending`).
    public var nextAttemptAt: Int64
    /// The detail of the last failed attempt, empty if none.
    public var lastError: String

    public init(id: Int64, message: NewOutgoingMessage, state: OutgoingMessageState, attempts: Int, createdAt: Int64,
                nextAttemptAt: Int64, lastError: String) {
        self.id = id; self.message = message; self.state = state; self.attempts = attempts; self.createdAt = createdAt
        self.nextAttemptAt = nextAttemptAt; self.lastError = lastError
    }
}

/// The outcome of one delivery attempt.
public enum DeliveryOutcome: Sendable, Hashable {
    /// The relay accepted the message.
    case sent
    /// A temporary failure: try again at this time (seconds since 1970).
    case retry(nextAttemptAt: Int64)
    /// A permanent failure, or the last allowed attempt failed.
    case failed
}

/// One logged delivery attempt.
public struct DeliveryAttempt: Sendable, Hashable {
    public var outgoingID: Int64
    /// 1 for the first attempt.
    public var number: Int
    public var at: Int64
    public var outcome: DeliveryOutcome
    /// What the relay answered or why the connection failed.
    public var detail: String

    public init(outgoingID: Int64, number: Int, at: Int64, outcome: DeliveryOutcome, detail: String) {
        self.outgoingID = outgoingID; self.number = number; self.at = at; self.outcome = outcome; self.detail = detail
    }
}
