/// Why the API refused or could not answer a request: a status, a stable problem type, and a sentence for the
/// developer saying what was wrong. Rendered as RFC 9457 problem details by `ProblemRendering`.
package struct APIError: Error, Sendable, Hashable {
    package var status: Int
    /// The last part of the problem type URI (`urn:almanac:problem:<kind>`); stable, documented in docs/api.md.
    package var kind: String
    package var detail: String
    /// Extra response headers (Retry-After, WWW-Authenticate).
    package var headers: [String: String] = [:]

    package init(status: Int, kind: String, detail: String, headers: [String: String] = [:]) {
        self.status = status
        self.kind = kind
        self.detail = detail
        self.headers = headers
    }

    static func invalid(_ detail: String) -> APIError {
        APIError(status: 400, kind: "invalid-request", detail: detail)
    }

    static func unauthorized() -> APIError {
        APIError(status: 401, kind: "unauthorized", detail: "Sign in with HTTP Basic (a password or an app password).",
                 headers: ["WWW-Authenticate": #"Basic realm="Almanac", charset="UTF-8""#])
    }

    static func forbidden(_ detail: String) -> APIError {
        APIError(status: 403, kind: "forbidden", detail: detail)
    }

    static func notFound(_ detail: String) -> APIError {
        APIError(status: 404, kind: "not-found", detail: detail)
    }

    static func preconditionFailed(_ detail: String) -> APIError {
        APIError(status: 412, kind: "precondition-failed", detail: detail)
    }

    static func serverFault() -> APIError {
        APIError(status: 500, kind: "server-error",
                 detail: "The server failed; the request id in the X-Request-ID header finds it in the log.")
    }

    /// The problem type URI.
    package var type: String { "urn:almanac:problem:" + kind }

    /// The standard reason phrase of `status`, the problem's title.
    package var title: String {
        switch status {
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 406: "Not Acceptable"
        case 409: "Conflict"
        case 410: "Gone"
        case 412: "Precondition Failed"
        case 413: "Content Too Large"
        case 415: "Unsupported Media Type"
        case 422: "Unprocessable Content"
        case 429: "Too Many Requests"
        case 503: "Service Unavailable"
        default: status < 500 ? "Client Error" : "Internal Server Error"
        }
    }
}
