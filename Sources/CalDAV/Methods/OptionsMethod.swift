import WebDAV

/// OPTIONS: the DAV compliance classes, and the methods the target resource supports. For a signed-in principal the
/// resource is looked up; a client that has not logged in (OPTIONS is answered without credentials, since clients
/// probe before they log in) learns only what a path of that shape can support, never whether something exists.
/// Spec: RFC 4918 §10.1 and §18, RFC 9110 §9.3.7 and §10.2.1 (Allow), RFC 4791 §5.1, RFC 5689 §3, RFC 6578 §3,
/// RFC 6638 §2 (calendar-auto-schedule).
struct OptionsMethod {
    static let complianceClasses = "1, 3, access-control, calendar-access, extended-mkcol, sync-collection, "
        + "calendar-auto-schedule, calendarserver-sharing"

    let context: MethodContext

    func run() async throws(DAVError) -> DAVResponse {
        let allow = context.request.principal.isAnonymous
            ? ResourceKind.allowHeader(anyOf: context.path.possibleKinds)
            : try await context.resolve().kind.allowHeader
        return DAVResponse(status: 200, headers: DAVHeaders([
            ("DAV", Self.complianceClasses),
            ("Allow", allow),
            ("Content-Length", "0"),
        ]))
    }
}
