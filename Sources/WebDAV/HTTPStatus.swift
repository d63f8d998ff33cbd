/// Status lines for `<D:status>` (RFC 4918 §14.28: the HTTP/1.1 status-line form) and reason phrases for plain bodies.
/// Spec: RFC 9110 §15, RFC 4918 §11, RFC 4331 §6 (507).
public enum HTTPStatus {
    /// `HTTP/1.1 404 Not Found`.
    public static func line(_ code: Int) -> String {
        switch code {
        // The lines every multistatus repeats per member, made once.
        case 200: ok
        case 404: notFound
        default: "HTTP/1.1 \(code) \(reasonPhrase(code))"
        }
    }

    private static let ok = "HTTP/1.1 200 OK"
    private static let notFound = "HTTP/1.1 404 Not Found"

    /// The registered reason phrase; codes outside the table get the phrase of their class.
    public static func reasonPhrase(_ code: Int) -> String {
        switch code {
        case 200: "OK"
        case 201: "Created"
        case 204: "No Content"
        case 207: "Multi-Status"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 304: "Not Modified"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 409: "Conflict"
        case 410: "Gone"
        case 411: "Length Required"
        case 412: "Precondition Failed"
        case 413: "Content Too Large"
        case 415: "Unsupported Media Type"
        case 422: "Unprocessable Content"
        case 423: "Locked"
        case 424: "Failed Dependency"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 507: "Insufficient Storage"
        case 200..<300: "Success"
        case 300..<400: "Redirection"
        case 400..<500: "Client Error"
        case 500..<600: "Server Error"
        default: "Unknown"
        }
    }
}
