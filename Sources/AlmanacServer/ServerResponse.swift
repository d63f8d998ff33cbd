import HTTPTypes
import Hummingbird

/// The responses the server adapter produces itself, outside the DAV layer. Bodies are short plain text that
/// tells the client what to do, never internals.
enum ServerResponse {
    static let realm = "Almanac"

    static func text(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: status, headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(string: message + "\n")))
    }

    /// Spec: RFC 7617 §2 (challenge), §2.1 (charset parameter).
    static func unauthorized() -> Response {
        text(.unauthorized, "Authentication required: send HTTP Basic credentials (user name and password or app password).",
             headers: [.wwwAuthenticate: "Basic realm=\"\(realm)\", charset=\"UTF-8\""])
    }

    /// Spec: RFC 6585 §4 (429 Too Many Requests), RFC 9110 §10.2.3 (Retry-After).
    static func tooManyLoginFailures(retryAfter: Duration) -> Response {
        let seconds = max(1, Int((Double(retryAfter.components.seconds) + Double(retryAfter.components.attoseconds) / 1e18).rounded(.up)))
        return text(.tooManyRequests, "Too many failed logins; try again in \(seconds) seconds.",
                    headers: [.retryAfter: String(seconds)])
    }

    static func bodyTooLarge(limit: Int) -> Response {
        // Spec: RFC 9110 §15.5.14. Hummingbird discards the unread rest of the body before the next request.
        text(.contentTooLarge, "Request body too large: the limit is \(limit) bytes.")
    }

    static func internalError(requestID: String) -> Response {
        text(.internalServerError, "Internal server error. Request id: \(requestID)")
    }

    static func storeUnavailable(requestID: String) -> Response {
        text(.serviceUnavailable, "The calendar store is unavailable; try again later. Request id: \(requestID)",
             headers: [.retryAfter: "5"])
    }
}
