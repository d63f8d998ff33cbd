import DAVXML

/// A request the DAV layer refuses: an HTTP status plus, where the RFC names one, the precondition or postcondition
/// element that goes into the `<D:error>` body (RFC 4918 §16, RFC 4791 §1.3).
///
/// Every layer maps its own errors to this type in one place; rendering is `DAVError.response`.
public struct DAVError: Error, Sendable, Hashable {
    public var status: Int
    /// The condition element, e.g. `.calDAV.validCalendarData`; nil for plain status errors.
    public var condition: XMLName?
    /// Child elements of the condition (e.g. the conflicting `<D:href>` for `no-uid-conflict`).
    public var conditionContent: [XMLElement]
    /// A human-readable explanation, sent as `<D:responsedescription>`-style text; never internals.
    public var message: String
    /// Extra response headers (e.g. `Allow` for 405, `WWW-Authenticate` for 401).
    public var headers: DAVHeaders

    public init(status: Int, condition: XMLName? = nil, conditionContent: [XMLElement] = [], message: String = "",
                headers: DAVHeaders = DAVHeaders()) {
        self.status = status
        self.condition = condition
        self.conditionContent = conditionContent
        self.message = message
        self.headers = headers
    }

    public static func badRequest(_ message: String, condition: XMLName? = nil) -> DAVError {
        DAVError(status: 400, condition: condition, message: message)
    }
    public static func forbidden(_ message: String, condition: XMLName? = nil, content: [XMLElement] = []) -> DAVError {
        DAVError(status: 403, condition: condition, conditionContent: content, message: message)
    }
    public static func notFound(_ message: String = "No resource at this URL.") -> DAVError {
        DAVError(status: 404, message: message)
    }
    public static func conflict(_ message: String, condition: XMLName? = nil) -> DAVError {
        DAVError(status: 409, condition: condition, message: message)
    }
    public static func preconditionFailed(_ message: String) -> DAVError {
        DAVError(status: 412, message: message)
    }
    public static func methodNotAllowed(_ message: String, allow: [String]) -> DAVError {
        DAVError(status: 405, message: message, headers: DAVHeaders([("Allow", allow.joined(separator: ", "))]))
    }
    public static func unsupportedMediaType(_ message: String, condition: XMLName? = nil) -> DAVError {
        DAVError(status: 415, condition: condition, message: message)
    }
}
