internal import Foundation
import HTTPTypes
package import OpenAPIRuntime

/// Refuses a JSON body that holds `null` anywhere. The document allows no nulls, and the generated decoder would
/// read one as an absent field, so `{"timeZone": null}` in a PATCH would silently change nothing where the sender
/// meant to clear it; the refusal says how to clear a field instead. The server has already limited the body's
/// size, so reading it whole here costs no more than decoding it does.
package struct NullRejectingMiddleware: ServerMiddleware {
    package init() {}

    package func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        guard let body else { return try await next(request, body, metadata) }
        let bytes = try await [UInt8](collecting: body, upTo: .max)
        if let json = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]),
           let path = Self.nullPath(in: json, at: "") {
            throw APIError.invalid("\(path.isEmpty ? "The body" : "'\(path)'") is null; leave a field out to keep it "
                                       + "as it is, or send an empty string or list to clear it.")
        }
        return try await next(request, HTTPBody(bytes), metadata)
    }

    /// Where the first null is, as a field path (`start.timeZone`, `attendees[0].email`); nil when there is none.
    static func nullPath(in value: Any, at path: String) -> String? {
        switch value {
        case is NSNull:
            return path
        case let object as [String: Any]:
            for key in object.keys.sorted() {
                if let found = nullPath(in: object[key]!, at: path.isEmpty ? key : path + "." + key) { return found }
            }
        case let array as [Any]:
            for (index, element) in array.enumerated() {
                if let found = nullPath(in: element, at: path + "[\(index)]") { return found }
            }
        default:
            break
        }
        return nil
    }
}
