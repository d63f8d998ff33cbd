internal import Foundation
import HTTPTypes
import Logging
package import OpenAPIRuntime

/// The one place the API's refusals become responses: every error an operation throws, and every request the
/// generated code could not read (a missing field, a wrong type, an unknown value, a body that is not JSON), is
/// answered as RFC 9457 problem details with a status, a stable type and a sentence saying what was wrong. An
/// error nobody expected is logged with the request and answered 500 without internals.
package struct ProblemMiddleware: ServerMiddleware {
    let logger: Logger

    package init(logger: Logger) {
        self.logger = logger
    }

    package func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        do {
            return try await next(request, body, metadata)
        } catch {
            let problem = problem(for: error, operationID: operationID)
            return ProblemRendering.response(problem)
        }
    }

    private func problem(for error: any Error, operationID: String) -> APIError {
        if let error = error as? APIError { return error }
        guard let serverError = error as? ServerError else {
            logger.error("API operation failed", metadata: ["operation": .string(operationID),
                                                             "error": .string(String(describing: error))])
            return .serverFault()
        }
        if let error = serverError.underlyingError as? APIError { return error }
        let status = serverError.httpStatus.code
        guard (400..<500).contains(status) else {
            logger.error("API operation failed", metadata: [
                "operation": .string(operationID), "cause": .string(serverError.causeDescription),
                "error": .string(String(describing: serverError.underlyingError)),
            ])
            return .serverFault()
        }
        let detail: String
        if let decoding = serverError.underlyingError as? DecodingError {
            detail = Self.describe(decoding)
        } else {
            detail = String(describing: serverError.underlyingError)
        }
        switch status {
        case 415: return APIError(status: 415, kind: "unsupported-media-type", detail: detail)
        case 406: return APIError(status: 406, kind: "not-acceptable", detail: detail)
        default: return APIError(status: status, kind: "invalid-request", detail: detail)
        }
    }

    /// A decoding failure as a sentence naming the field (`start.dateTime`), not Swift's types.
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context, _ key: (any CodingKey)? = nil) -> String {
            let keys = context.codingPath + (key.map { [$0] } ?? [])
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return text.isEmpty ? "the body" : "'\(text.replacingOccurrences(of: ".[", with: "["))'"
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(path(context, key)) is required."
        case .valueNotFound(_, let context):
            return "\(path(context)) must not be null."
        case .typeMismatch(let type, let context):
            return "\(path(context)) must be \(Self.jsonType(type))."
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return context.debugDescription }
            // "Cannot initialize Visibility from invalid String value secret": an enum value the document does not list.
            if let range = context.debugDescription.range(of: "from invalid String value ") {
                let value = context.debugDescription[range.upperBound...]
                return "\(path(context)) cannot be '\(value)'; the OpenAPI document lists the values it may have."
            }
            return "\(path(context)): \(context.debugDescription)"
        @unknown default:
            return "The request could not be read."
        }
    }

    private static func jsonType(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is Int64.Type, is Int32.Type: "an integer"
        case is Double.Type, is Float.Type: "a number"
        default:
            String(describing: type).hasPrefix("Array") ? "an array" : "an object"
        }
    }
}

/// Problem details as an HTTP response.
package enum ProblemRendering {
    private struct Body: Encodable {
        var type: String
        var title: String
        var status: Int
        var detail: String
    }

    package static func json(_ problem: APIError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = Body(type: problem.type, title: problem.title, status: problem.status, detail: problem.detail)
        return (try? Array(encoder.encode(body))) ?? Array(#"{"status":500}"#.utf8)
    }

    package static func response(_ problem: APIError) -> (HTTPResponse, HTTPBody?) {
        var fields = HTTPFields()
        fields[.contentType] = "application/problem+json"
        fields[.cacheControl] = "no-store"
        for (name, value) in problem.headers.sorted(by: { $0.key < $1.key }) {
            if let name = HTTPField.Name(name) { fields[name] = value }
        }
        return (HTTPResponse(status: .init(code: problem.status), headerFields: fields), HTTPBody(json(problem)))
    }
}
