internal import Foundation
import HTTPTypes
package import OpenAPIRuntime

/// Writes the ETag and Location response headers as they are. The generated code encodes every header value as an
/// RFC 6570 simple expansion, which percent-encodes the quotes of an entity tag (`%22…%22`) and the slashes of a
/// path; clients compare ETags byte for byte (RFC 9110 §8.8.3) and follow Location as a URI reference, so both are
/// decoded back. Neither ever holds a literal `%`: ETags are hex digests, API paths letters, digits, `.` and `_`.
package struct HeaderValueMiddleware: ServerMiddleware {
    package init() {}

    package func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var (response, responseBody) = try await next(request, body, metadata)
        for name in [HTTPField.Name.eTag, .location] {
            if let value = response.headerFields[name], let decoded = Self.percentDecoded(value) {
                response.headerFields[name] = decoded
            }
        }
        return (response, responseBody)
    }

    static func percentDecoded(_ value: String) -> String? {
        value.contains("%") ? value.removingPercentEncoding : nil
    }
}
