import CalendarStore
import Calendaring
import ICalendar
import DAVXML
import WebDAV

/// The CalDAV server without HTTP transport: takes a `DAVRequest` for an authenticated principal and answers it.
///
/// URL space (below `configuration.basePath`):
/// `/` root, `/principals/<user>/` principal, `/calendars/<user>/` calendar home,
/// `/calendars/<user>/<calendar>/` calendar collection, `/calendars/<user>/<calendar>/<object>` calendar object.
/// Spec: RFC 4918, RFC 4791, RFC 6578, RFC 3744 (subset), RFC 5397, RFC 5689.
public struct CalDAVService: Sendable {
    public let store: any CalendarStore
    public let configuration: CalDAVConfiguration
    /// The system tz database, shared by every request (it caches the zones it has read) and with the other doors.
    package let timeZones: TimeZoneDatabase
    /// Per-user scheduling message counts (abuse limits).
    let rateLimiter: SchedulingRateLimiter
    /// Called after a request queued e-mail (iMIP), so the delivery service sends it without waiting for its next
    /// poll.
    let mailQueued: @Sendable () -> Void

    public init(store: any CalendarStore, configuration: CalDAVConfiguration = CalDAVConfiguration(),
                mailQueued: @escaping @Sendable () -> Void = {}) {
        self.store = store
        self.configuration = configuration
        self.timeZones = TimeZoneDatabase()
        self.rateLimiter = SchedulingRateLimiter(store: store, limit: configuration.scheduling.messagesPerHour)
        self.mailQueued = mailQueued
    }

    /// Answers one request. Never throws: every refusal becomes a DAV error response; only store failures are 5xx.
    public func handle(_ request: DAVRequest) async -> DAVResponse {
        do {
            return try await dispatch(request)
        } catch {
            return error.response()
        }
    }

    /// The answer to a request that can be refused from its method, target and headers alone, before its body is
    /// read; nil when the body is needed to decide. Asked for clients waiting on `Expect: 100-continue`, so a PUT
    /// that would fail anyway (another user's calendar, a missing calendar, a stale If-Match, If-None-Match: * over
    /// an existing object) is refused without the upload. The answer is the one the whole request would get.
    /// Spec: RFC 9110 §10.1.1.
    public func refusalBeforeBody(_ request: DAVRequest) async -> DAVResponse? {
        guard request.method == "PUT" else { return nil }
        do throws(DAVError) {
            guard let path = ResourcePath(segments: request.path) else { throw DAVError.notFound() }
            try await PutMethod(context: methodContext(request, path)).checkBeforeBody()
            return nil
        } catch {
            return error.response()
        }
    }

    private func dispatch(_ request: DAVRequest) async throws(DAVError) -> DAVResponse {
        guard let path = ResourcePath(segments: request.path) else { throw DAVError.notFound() }
        let context = methodContext(request, path)
        switch request.method {
        case "OPTIONS": return try await OptionsMethod(context: context).run()
        case "PROPFIND": return try await PropfindMethod(context: context).run()
        case "PROPPATCH": return try await ProppatchMethod(context: context).run()
        case "MKCALENDAR": return try await MkcalendarMethod(context: context).run(extendedMkcol: false)
        case "MKCOL": return try await MkcalendarMethod(context: context).run(extendedMkcol: true)
        case "GET": return try await GetMethod(context: context).run(includeBody: true)
        case "HEAD": return try await GetMethod(context: context).run(includeBody: false)
        case "PUT": return try await PutMethod(context: context).run()
        case "DELETE": return try await DeleteMethod(context: context).run()
        case "MOVE": return try await MoveCopyMethod(context: context).run(move: true)
        case "COPY": return try await MoveCopyMethod(context: context).run(move: false)
        case "REPORT": return try await ReportMethod(context: context).run()
        case "POST": return try await PostMethod(context: context).run()
        case "ACL": return try await AclMethod(context: context).run()
        default:
            throw try await context.resolve().methodNotAllowed("Method \(request.method) is not supported.")
        }
    }

    private func methodContext(_ request: DAVRequest, _ path: ResourcePath) -> MethodContext {
        MethodContext(request: request, path: path, store: store, configuration: configuration, timeZones: timeZones,
                      rateLimiter: rateLimiter, mailQueued: mailQueued,
                      detailVisibility: DetailVisibility(store: store, userID: request.principal.userID))
    }

    /// Creates what a new user needs: the default calendar "Calendar" (VEVENT and VTODO), when they have none, and
    /// the scheduling inbox.
    public func provision(_ user: User) async throws(StoreError) {
        try await AccountProvisioning(store: store).provision(user)
    }
}
