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
    let detailVisibility: DetailVisibility

    var hrefs: Hrefs { Hrefs(basePath: configuration.basePath) }
    var reader: PropertyReader {
        PropertyReader(store: store, configuration: configuration, principal: request.principal,
                       detailVisibility: detailVisibility)
    }
    var resolver: ResourceResolver {
        ResourceResolver(store: store, principal: request.principal, method: request.method, hrefs: hrefs)
    }

    func resolve() async throws(DAVError) -> Resource {
        try await resolver.resolve(path)
    }

    /// Refuses with need-privileges unless the user may read `resource`: always for their own, through grants for
    /// another user's calendar or object.
    func requireRead(_ resource: Resource) async throws(DAVError) {
        let access = AccessResolver(store: store)
        do {
            switch resource {
            case .calendar(let owner, let calendar) where calendar.ownerID != request.principal.userID:
                guard try await access.access(of: request.principal.userID, to: calendar).allows(.read) else {
                    throw SharedResourceRule.refusal(hrefs.calendar(owner.name, calendar.slug), operation: .read,
                                                     on: .calendar)
                }
            case .object(let owner, let calendar, let object) where calendar.ownerID != request.principal.userID:
                guard try await access.access(of: request.principal.userID, to: object.name, in: calendar).allows(.read) else {
                    throw SharedResourceRule.refusal(hrefs.object(owner.name, calendar.slug, object.name),
                                                     operation: .read, on: .object)
                }
            default: return
            }
        } catch let error as DAVError {
            throw error
        } catch let error as StoreError {
            throw error.davError
        } catch {
            throw DAVError(status: 500, message: "Unexpected error.")
        }
    }

    /// Whether the requesting user sees every detail of a calendar `ownerID` owns (the calendar's `ownerID`, never the
    /// home a URL names: a calendar shared with the user is mounted in their own home): the owner and their write
    /// delegates do; everyone a calendar or event is shared with sees private and confidential events as
    /// `ClassifiedView` shows them.
    func seesEveryDetail(ownerID: Int64) async -> Bool {
        if request.principal.userID == ownerID { return true }
        return await detailVisibility.seesEveryDetail(ownerID: ownerID)
    }

    /// The rules of sharing, telling sharees by e-mail too when the server sends mail.
    var sharing: CalendarSharing {
        CalendarSharing(store: store, mail: configuration.sendsMail ? ShareMail(sender: configuration.mailSender) : nil)
    }

    /// Runs a sharing change, mapping its refusal to a DAV error, and wakes the mail queue when mail may have been
    /// queued.
    @discardableResult
    func share<T>(_ change: (CalendarSharing) async throws(CalendaringError) -> T) async throws(DAVError) -> T {
        do {
            let result = try await change(sharing)
            if configuration.sendsMail { mailQueued() }
            return result
        } catch {
            throw error.davError
        }
    }

    /// The signed-in user's record.
    func requestingUser() async throws(DAVError) -> User {
        let user = try await store { store throws(StoreError) in try await store.user(id: request.principal.userID) }
        guard let user else { throw DAVError.forbidden("The signed-in user no longer exists.") }
        return user
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
