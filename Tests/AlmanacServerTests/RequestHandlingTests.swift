@testable import AlmanacServer
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@Suite struct RequestHandlingTests {
    struct Boom: Error {}

    /// A body without Content-Length (chunked) is refused as soon as it passes the limit.
    @Test func streamedBodyOverTheLimitIsRefused() async throws {
        let limit = RequestBodyLimit(maximumBytes: 10)
        let chunks = [ByteBuffer(string: "012345"), ByteBuffer(string: "6789"), ByteBuffer(string: "X")]
        let over = Request(head: HTTPRequest(method: .put, scheme: "http", authority: "h", path: "/"),
                           body: RequestBody(asyncSequence: streamed(chunks)))
        await #expect(throws: RequestBodyLimit.TooLarge.self) { try await limit.collect(over) }
        let fits = Request(head: HTTPRequest(method: .put, scheme: "http", authority: "h", path: "/"),
                           body: RequestBody(asyncSequence: streamed(Array(chunks.dropLast()))))
        #expect(try await limit.collect(fits) == Array("0123456789".utf8))
    }

    @Test func declaredLengthDecidesBeforeReading() {
        let limit = RequestBodyLimit(maximumBytes: 10)
        func request(_ length: String) -> Request {
            Request(head: HTTPRequest(method: .put, scheme: "http", authority: "h", path: "/",
                                      headerFields: [.contentLength: length]), body: RequestBody(buffer: ByteBuffer()))
        }
        #expect(limit.declaredLengthExceedsLimit(request("11")))
        #expect(limit.declaredLengthExceedsLimit(request("99999999999999999999999")))
        #expect(!limit.declaredLengthExceedsLimit(request("10")))
    }

    /// Anything unexpected becomes a 500 whose body names the request id and nothing else.
    @Test func unexpectedErrorsBecome500WithTheRequestID() async throws {
        let router = Router(context: AlmanacRequestContext.self)
        router.add(middleware: RequestLogMiddleware())
        router.get("/explode") { _, _ -> Response in throw Boom() }
        let app = Application(router: router, logger: Logger(label: "test"))
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/explode", method: .get,
                                                    headers: [RequestLogMiddleware.requestIDHeader: "req-42"])
            #expect(response.status == .internalServerError)
            let body = String(buffer: response.body)
            #expect(body.contains("req-42"))
            #expect(!body.contains("Boom"))
            #expect(response.headers[RequestLogMiddleware.requestIDHeader] == "req-42")
        }
    }
}

/// The buffers as an async sequence, as a streamed request body delivers them.
private func streamed(_ buffers: [ByteBuffer]) -> AsyncStream<ByteBuffer> {
    AsyncStream { continuation in
        for buffer in buffers { continuation.yield(buffer) }
        continuation.finish()
    }
}
