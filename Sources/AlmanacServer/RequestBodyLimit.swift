import Foundation
import HTTPTypes
import Hummingbird

/// Collects a request body into memory up to a limit, refusing larger bodies before reading them where the
/// `Content-Length` already tells (RFC 9110 §8.6) and otherwise as soon as the limit is passed.
struct RequestBodyLimit: Sendable {
    let maximumBytes: Int

    /// The body is larger than the limit (413, RFC 9110 §15.5.14).
    struct TooLarge: Error {}

    /// True when the declared length alone already exceeds the limit.
    func declaredLengthExceedsLimit(_ request: Request) -> Bool {
        guard let declared = request.headers[.contentLength] else { return false }
        // A length too big for Int is certainly over the limit.
        guard let length = Int(declared.trimmingCharacters(in: .whitespaces)) else {
            return declared.allSatisfy(\.isNumber)
        }
        return length > maximumBytes
    }

    func collect(_ request: Request) async throws -> [UInt8] {
        if declaredLengthExceedsLimit(request) { throw TooLarge() }
        var bytes: [UInt8] = []
        for try await buffer in request.body {
            guard bytes.count + buffer.readableBytes <= maximumBytes else { throw TooLarge() }
            bytes.append(contentsOf: buffer.readableBytesView)
        }
        return bytes
    }
}
