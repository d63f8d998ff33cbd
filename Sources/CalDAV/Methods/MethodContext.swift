import CalendarStore
import Calendaring
import ICalendar
import DAVXML
import WebDAV

/// Everything one method handler needs: the request, where it points, the store and the settings.
struct MethodContext: Sendable {
    let request: DAVRequest
    let path: ResourcePath
    let store: any CalendarStore
    let configuration: CalDAVConfiguration
    let timeZones: TimeZoneDatabase
    let rateLimiter: SchedulingRateLimiter
    let mailQueued: @Sendable () -> Void

    var hrefs: Hrefs { Hrefs(basePath: configuration.basePath) }
    var reader: PropertyReader { PropertyReader(store: store, configuration: configuration, principal: request.principal) }
    var resolver: ResourceResolver { ResourceResolver(store: store, principal: request.principal) }

    func resolve() async throws(DAVError) -> Resource {
        try await resolver.resolve(path)
    }

    /// Runs a store call, mapping its errors to DAV errors in one place.
    func store<T: Sendable>(_ operation: (any CalendarStore) async throws(StoreError) -> T) async throws(DAVError) -> T {
        do {
            return try await operation(store)
        } catch {
            throw error.davError
        }
    }

    /// The request body parsed as XML, or nil when the body is empty.
    func xmlBody() throws(DAVError) -> XMLElement? {
        guard !DAVRequestBody.isEmpty(request.body) else { return nil }
        return try DAVRequestBody.parseXML(request.body)
    }

    func depth(absent: Depth) throws(DAVError) -> Depth {
        guard let depth = Depth(header: request.headers["Depth"], absent: absent) else {
            throw DAVError.badRequest("The Depth header must be 0, 1 or infinity.")
        }
        return depth
    }

    /// The time context for floating times in a calendar (its CALDAV:calendar-timezone, else UTC).
    func zone(of calendar: CalendarRecord) -> CalendarZone {
        CalendarZone(calendarTimeZone: calendar.timeZone, database: timeZones)
    }
}
