import CalendarAPI
import CalendarStore
import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// `Idempotency-Key` on the API's creating requests: the first request with a key runs and its response is kept for
/// a day; a retry with the same key and the same request gets that response again (so a create retried after a
/// lost answer creates once), a retry while the first still runs is told to wait, and the key reused for another
/// request is refused. The key is claimed in the store before the request runs, so nodes behind a balancer agree.
/// Spec: draft-ietf-httpapi-idempotency-key-header-06 §2 (the header), §2.6 (409 while in progress, 422 for a key
/// reused with another payload).
struct IdempotentRequests: Sendable {
    static let header = HTTPField.Name("Idempotency-Key")!
    static let replayed = HTTPField.Name("Idempotent-Replayed")!
    /// How long a key and its response are kept.
    static let lifetime: Int64 = 86_400

    let store: any CalendarStore

    /// Whether a request may carry a key: the POSTs that create or change something. Tokens are left out (a kept
    /// response would hold the token's secret in the store), and so are requests carrying a password (the request's
    /// digest would be a fast, unsalted hash of it in the store), and the busy-time lookup, which changes nothing.
    static func applies(to request: Request) -> Bool {
        guard request.method == .post else { return false }
        let path = request.uri.path
        return !path.hasPrefix(APIDoor.prefix + "/users/me/tokens") && path != APIDoor.prefix + "/freeBusy"
            && path != APIDoor.prefix + "/users/me/password" && path != APIDoor.prefix + "/admin/users"
    }

    /// Runs `run` once per key: the first time, or when the key's response is older than a day.
    func respond(key: String, userID: Int64, request: Request, body: [UInt8],
                 run: () async -> Response) async throws(StoreError) -> Response {
        guard (1...255).contains(key.utf8.count), key.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) })
        else {
            return APIDoor.problem(APIError(status: 400, kind: "invalid-request",
                                            detail: "The Idempotency-Key must be 1 to 255 visible ASCII characters."))
        }
        let digest = Self.digest(method: request.method.rawValue, path: request.uri.description, body: body)
        let now = Int64(Date().timeIntervalSince1970)
        switch try await store.claimIdempotencyKey(userID: userID, key: key, requestHash: digest, at: now,
                                                   expiredBefore: now - Self.lifetime) {
        case .existing(let record) where record.requestHash != digest:
            return APIDoor.problem(APIError(status: 422, kind: "idempotency-key-reused",
                                            detail: "This Idempotency-Key was used for another request; use a new "
                                                + "key for a new request."))
        case .existing(let record):
            guard let kept = record.response else {
                return APIDoor.problem(APIError(status: 409, kind: "idempotency-key-in-use",
                                                detail: "The first request with this Idempotency-Key is still "
                                                    + "running; retry in a moment.",
                                                headers: ["Retry-After": "1"]))
            }
            return Self.response(kept)
        case .claimed:
            let response = await run()
            let stored = try await Self.kept(response)
            if response.status.code >= 500 {
                // A server-side failure is not the request's answer: the next retry runs it again.
                try await store.releaseIdempotencyKey(userID: userID, key: key)
            } else {
                try await store.completeIdempotencyKey(userID: userID, key: key, response: stored)
            }
            return Self.response(stored, replayed: false)
        }
    }

    /// SHA-256 of the method, the path with its query, and the body.
    static func digest(method: String, path: String, body: [UInt8]) -> String {
        SHA256.hexDigest(Array("\(method) \(path)\n".utf8) + body)
    }

    /// The response with its body read whole (API bodies are small JSON), and the headers a retry needs.
    private static func kept(_ response: Response) async throws(StoreError) -> IdempotencyRecord.StoredResponse {
        let collector = BodyCollector()
        do {
            try await response.body.write(collector.writer)
        } catch {
            return IdempotencyRecord.StoredResponse(status: 500, headers: [], body: [])
        }
        let names: [HTTPField.Name] = [.contentType, .eTag, .location, .retryAfter, .wwwAuthenticate]
        let headers = names.compactMap { name in response.headers[name].map { [name.rawName, $0] } }
        return IdempotencyRecord.StoredResponse(status: Int(response.status.code), headers: headers,
                                                body: collector.bytes)
    }

    private static func response(_ stored: IdempotencyRecord.StoredResponse, replayed: Bool = true) -> Response {
        var headers = HTTPFields()
        for pair in stored.headers where pair.count == 2 {
            if let name = HTTPField.Name(pair[0]) { headers[name] = pair[1] }
        }
        if replayed { headers[Self.replayed] = "true" }
        headers[.contentLength] = String(stored.body.count)
        return Response(status: .init(code: stored.status), headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: stored.body)))
    }
}

/// Reads a response body into memory.
private final class BodyCollector: Sendable {
    private let storage = Mutex<[UInt8]>([])

    var bytes: [UInt8] { storage.withLock { $0 } }

    var writer: any ResponseBodyWriter { Writer(collector: self) }

    private struct Writer: ResponseBodyWriter {
        let collector: BodyCollector

        mutating func write(_ buffer: ByteBuffer) async throws {
            collector.storage.withLock { $0.append(contentsOf: buffer.readableBytesView) }
        }

        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }
}
