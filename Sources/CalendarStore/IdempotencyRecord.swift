/// A request made with an `Idempotency-Key`: claimed before it runs, so a concurrent retry waits its turn instead
/// of creating twice, and completed with the response, so a later retry gets the first result back.
///
/// Spec: draft-ietf-httpapi-idempotency-key-header (the key is the client's, per user; a retry with the same key
/// and another request is an error; a response is kept for a limited time).
public struct IdempotencyRecord: Sendable, Hashable {
    public var userID: Int64
    public var key: String
    /// A digest of the request (method, path, body) the key was first used for.
    public var requestHash: String
    /// Nil while the first request is still running.
    public var response: StoredResponse?
    /// Seconds since 1970, when the key was claimed.
    public var createdAt: Int64

    public init(userID: Int64, key: String, requestHash: String, response: StoredResponse?, createdAt: Int64) {
        self.userID = userID; self.key = key; self.requestHash = requestHash; self.response = response
        self.createdAt = createdAt
    }

    /// The first response, to give back to a retry.
    public struct StoredResponse: Sendable, Hashable {
        public var status: Int
        /// The headers a retry needs (Content-Type, ETag, Location), in order.
        public var headers: [[String]]
        public var body: [UInt8]

        public init(status: Int, headers: [[String]], body: [UInt8]) {
            self.status = status; self.headers = headers; self.body = body
        }
    }
}

/// What claiming a key found.
public enum IdempotencyClaim: Sendable, Hashable {
    /// The key was free and is now this request's: run it, then complete or release the claim.
    case claimed
    /// The key is taken: by a request still running (`response` nil) or finished.
    case existing(IdempotencyRecord)
}
