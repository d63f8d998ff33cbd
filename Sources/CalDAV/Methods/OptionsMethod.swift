import WebDAV

/// OPTIONS: the DAV compliance classes and methods, answered for any path without a lookup.
/// Spec: RFC 4918 §10.1 and §18, RFC 4791 §5.1, RFC 5689 §3, RFC 6578 §3, RFC 6638 §2 (calendar-auto-schedule).
enum OptionsMethod {
    static let complianceClasses = "1, 3, access-control, calendar-access, extended-mkcol, sync-collection, calendar-auto-schedule"

    static func response() -> DAVResponse {
        DAVResponse(status: 200, headers: DAVHeaders([
            ("DAV", complianceClasses),
            ("Allow", CalDAVService.methods.joined(separator: ", ")),
            ("Content-Length", "0"),
        ]))
    }
}
