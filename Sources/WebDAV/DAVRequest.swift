/// One HTTP request as the DAV layer handles it, independent of the HTTP server library.
public struct DAVRequest: Sendable {
    /// The method token as sent, upper case (`PROPFIND`, `REPORT`, `MKCALENDAR`, ...).
    public var method: String
    /// The percent-decoded path segments below the server's DAV root, e.g. `["calendars", "alice", "work", "a.ics"]`.
    public var path: [String]
    /// True when the request path ended with `/`.
    public var trailingSlash: Bool
    public var headers: DAVHeaders
    /// The whole body; the server adapter has already refused bodies over its limit with 413.
    public var body: [UInt8]
    /// The authenticated user the request acts as.
    public var principal: DAVPrincipal

    public init(method: String, path: [String], trailingSlash: Bool = false, headers: DAVHeaders = DAVHeaders(),
                body: [UInt8] = [], principal: DAVPrincipal) {
        self.method = method
        self.path = path
        self.trailingSlash = trailingSlash
        self.headers = headers
        self.body = body
        self.principal = principal
    }
}

/// The authenticated user a request acts as.
public struct DAVPrincipal: Sendable, Hashable {
    public var userID: Int64
    public var userName: String

    public init(userID: Int64, userName: String) {
        self.userID = userID
        self.userName = userName
    }

    /// Nobody: who requests answered without credentials (OPTIONS) act as. Reveals nothing about any user's data.
    public static let anonymous = DAVPrincipal(userID: 0, userName: "")

    public var isAnonymous: Bool { self == Self.anonymous }
}
