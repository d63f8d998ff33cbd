import CalendarStore
import WebDAV

/// The CalDAV server without HTTP transport: takes a `DAVRequest` for an authenticated principal and answers it.
///
/// URL space (below `configuration.basePath`):
/// `/` root, `/principals/<user>/` principal, `/calendars/<user>/` calendar home,
/// `/calendars/<user>/<calendar>/` calendar collection, `/calendars/<user>/<calendar>/<object>` calendar object.
/// Spec: RFC 4918, RFC 4791, RFC 6578, RFC 3744 (subset), RFC 5397.
public struct CalDAVService: Sendable {
    public let store: any CalendarStore
    public let configuration: CalDAVConfiguration

    public init(store: any CalendarStore, configuration: CalDAVConfiguration = CalDAVConfiguration()) {
        self.store = store
        self.configuration = configuration
    }

    /// Answers one request. Never throws: every failure becomes a DAV error response (5xx only for store failures).
    public func handle(_ request: DAVRequest) async -> DAVResponse {
        DAVResponse(status: 501)
    }

    /// Creates what a new user needs: the default calendar "Calendar" (VEVENT and VTODO), when they have none.
    public func provision(_ user: User) async throws(StoreError) {
        if try await store.calendars(ownerID: user.id).isEmpty {
            _ = try await store.createCalendar(NewCalendar(ownerID: user.id, slug: "calendar", displayName: "Calendar",
                                                           supportedComponents: ["VEVENT", "VTODO"]))
        }
    }
}
