import CalendarStore
import DAVXML
import WebDAV

/// REPORT: dispatches on the body's root element. Unknown reports get 403 DAV:supported-report.
/// Spec: RFC 3253 §3.6, RFC 4791 §7, RFC 6578 §3, RFC 3744 §9.
struct ReportMethod {
    let context: MethodContext

    func run() async throws(DAVError) -> DAVResponse {
        guard let body = try context.xmlBody() else { throw DAVError.badRequest("REPORT needs an XML body.") }
        let resource = try await context.resolve()
        guard resource.exists else { throw DAVError.notFound() }
        // Another user's calendar was resolved for CALDAV:read-free-busy; every report but free-busy-query returns
        // more than busy times.
        if body.name != .calDAV.freeBusyQuery { try await context.requireRead(resource) }
        switch body.name {
        case .calDAV.calendarMultiget:
            return try await MultigetReport(context: context, body: body).run(on: resource)
        case .calDAV.calendarQuery:
            return try await CalendarQueryReport(context: context, body: body).run(on: resource)
        case .dav.syncCollection:
            return try await SyncCollectionReport(context: context, body: body).run(on: resource)
        case .calDAV.freeBusyQuery:
            return try await FreeBusyReport(context: context, body: body).run(on: resource)
        case .dav.principalPropertySearch:
            return try await PrincipalPropertySearchReport(context: context, body: body).run(on: resource)
        case .dav.principalSearchPropertySet:
            return PrincipalPropertySearchReport.searchPropertySet()
        case .dav.expandProperty:
            return try await ExpandPropertyReport(context: context, body: body).run(on: resource)
        default:
            throw DAVError.forbidden("The report \(body.name.local) is not supported here.",
                                     condition: .dav.supportedReport)
        }
    }
}
