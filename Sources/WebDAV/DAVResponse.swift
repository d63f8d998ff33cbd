/// One HTTP response produced by the DAV layer; the server adapter turns it into its own response type.
///
/// The body is either `body`, built in memory, or `stream`, chunks produced on demand while the server writes them
/// (large multistatus listings), so memory is bounded by a chunk rather than the whole answer. When `stream` is set,
/// `body` is empty and unused.
public struct DAVResponse: Sendable {
    public var status: Int
    public var headers: DAVHeaders
    public var body: [UInt8]
    public var stream: DAVBodyStream?
    /// What the access log says beside the status, never sent to the client as a header: why a request was refused,
    /// or what the server repaired in data it stored. Never holds event content or credentials.
    public var logNote: String?

    public init(status: Int, headers: DAVHeaders = DAVHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
        self.stream = nil
    }

    public init(status: Int, headers: DAVHeaders = DAVHeaders(), stream: DAVBodyStream) {
        self.status = status
        self.headers = headers
        self.body = []
        self.stream = stream
    }

    /// The same response with a streamed body read into `body` (tests, HEAD, small consumers).
    public func collected() async throws -> DAVResponse {
        guard let stream else { return self }
        var bytes: [UInt8] = []
        for try await chunk in stream { bytes += chunk }
        var collected = DAVResponse(status: status, headers: headers, body: bytes)
        collected.logNote = logNote
        return collected
    }
}

/// Body chunks produced on demand: the producer runs only when the consumer asks for the next chunk, so a slow client
/// holds back the producer (and the store reads behind it). A thrown error ends the body early; the server then
/// aborts the connection, because the status line is already sent.
public typealias DAVBodyStream = AsyncThrowingStream<[UInt8], any Error>
