import CalendarStore
import Calendaring
import ICalendar
import WebDAV

extension MethodContext {
    /// What the calendar's scheduling needs of this request: the store and the scheduling settings, CalDAV's URLs,
    /// and the preferences clients set as dead properties.
    var scheduling: SchedulingContext {
        CalDAVService.scheduling(store: store, configuration: configuration, timeZones: timeZones,
                                 rateLimiter: rateLimiter, mailQueued: mailQueued)
    }
}

extension CalDAVService {
    /// Scheduling as CalDAV sets it up: CalDAV's URLs, and the preferences its clients keep as dead properties.
    static func scheduling(store: any CalendarStore, configuration: CalDAVConfiguration, timeZones: TimeZoneDatabase,
                           rateLimiter: SchedulingRateLimiter, mailQueued: @escaping @Sendable () -> Void)
        -> SchedulingContext {
        let hrefs = Hrefs(basePath: configuration.basePath)
        return SchedulingContext(store: store, limits: configuration.scheduling, mailSender: configuration.mailSender,
                                 indexHorizon: configuration.indexHorizon, timeZones: timeZones,
                                 rateLimiter: rateLimiter, mailQueued: mailQueued, urls: hrefs,
                                 preferences: SchedulingDeadProperties(hrefs: hrefs))
    }

    /// The scheduling of writes another door makes into the same calendars (the JSON API): they schedule exactly as
    /// CalDAV writes do, with CalDAV's URLs (it owns the server's URL space) and the preferences its clients set.
    package var schedulingContext: SchedulingContext {
        Self.scheduling(store: store, configuration: configuration, timeZones: timeZones, rateLimiter: rateLimiter,
                        mailQueued: mailQueued)
    }

    /// CalDAV's URLs, for another door that links to its resources.
    package var urls: any CalendarURLs { Hrefs(basePath: configuration.basePath) }
}

extension MethodContext {
    /// Implicit scheduling for a write into `calendar`, reached through `home` (the user whose calendar home the URL
    /// names): the messages speak for the calendar's owner, and a sharee or delegate writing for them is named in
    /// SENT-BY.
    func implicitScheduler(for calendar: CalendarRecord, home: User) async throws(DAVError) -> ImplicitScheduler {
        let principalID = request.principal.userID
        let owner = calendar.ownerID == home.id ? home : try await user(id: calendar.ownerID)
        let writer = principalID == owner.id ? nil : principalID == home.id ? home : try await user(id: principalID)
        return ImplicitScheduler(context: scheduling, owner: owner, writer: writer, homeName: home.name)
    }

    private func user(id: Int64) async throws(DAVError) -> User {
        let found = try await store { store throws(StoreError) in try await store.user(id: id) }
        guard let found else { throw DAVError.notFound("The owner of this calendar no longer exists.") }
        return found
    }
}
