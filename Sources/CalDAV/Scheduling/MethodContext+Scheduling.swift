import Calendaring

extension MethodContext {
    /// What the calendar's scheduling needs of this request: the store and the scheduling settings, CalDAV's URLs,
    /// and the preferences clients set as dead properties.
    var scheduling: SchedulingContext {
        SchedulingContext(store: store, limits: configuration.scheduling, mailSender: configuration.mailSender,
                          indexHorizon: configuration.indexHorizon, timeZones: timeZones, rateLimiter: rateLimiter,
                          mailQueued: mailQueued, urls: hrefs, preferences: SchedulingDeadProperties(hrefs: hrefs))
    }
}
