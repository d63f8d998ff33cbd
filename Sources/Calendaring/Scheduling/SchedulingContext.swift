import CalendarStore
import ICalendar
import ITIP

/// Everything scheduling needs of the server around it: the store, the limits and settings, the door's URLs and
/// the preferences users keep where the door stores them. A door builds one per request.
package struct SchedulingContext: Sendable {
    package let store: any CalendarStore
    let limits: SchedulingLimits
    /// The address e-mail invitations (iMIP) are sent from in the SMTP envelope; empty to use the acting user's own.
    let mailSender: String
    /// How far ahead recurring series are materialised in the index, in seconds from now.
    package let indexHorizon: Int64
    /// The system tz database, shared by every request.
    package let timeZones: TimeZoneDatabase
    /// Per-user scheduling message counts (abuse limits).
    let rateLimiter: SchedulingRateLimiter
    /// Called after a change queued e-mail, so the delivery service sends it without waiting for its next poll.
    package let mailQueued: @Sendable () -> Void
    package let urls: any CalendarURLs
    let preferences: any SchedulingPreferences

    package init(store: any CalendarStore, limits: SchedulingLimits, mailSender: String, indexHorizon: Int64,
                 timeZones: TimeZoneDatabase, rateLimiter: SchedulingRateLimiter,
                 mailQueued: @escaping @Sendable () -> Void, urls: any CalendarURLs,
                 preferences: any SchedulingPreferences) {
        self.store = store
        self.limits = limits
        self.mailSender = mailSender
        self.indexHorizon = indexHorizon
        self.timeZones = timeZones
        self.rateLimiter = rateLimiter
        self.mailQueued = mailQueued
        self.urls = urls
        self.preferences = preferences
    }

    /// Runs a store call, its errors carried as the calendar's.
    func store<T: Sendable>(_ operation: (any CalendarStore) async throws(StoreError) -> T)
        async throws(CalendaringError) -> T {
        do {
            return try await operation(store)
        } catch {
            throw .store(error)
        }
    }

    /// The indexer for objects written into `calendar` now.
    package func indexer(for calendar: CalendarRecord) -> ObjectIndexer {
        ObjectIndexer.forCalendar(calendar, indexHorizon: indexHorizon, timeZones: timeZones)
    }

    /// The zone floating times of `calendar` are read in (its CALDAV:calendar-timezone, else UTC).
    package func zone(of calendar: CalendarRecord) -> CalendarZone {
        CalendarZone(calendarTimeZone: calendar.timeZone, database: timeZones)
    }

    /// Takes one message per recipient from the user's hourly allowance, or refuses the whole operation before
    /// anything is stored.
    func admitScheduling(_ messages: [ITIPMessage], userID: Int64) async throws(CalendaringError) {
        let count = messages.reduce(0) { $0 + $1.recipients.count }
        let admitted: Bool
        do {
            admitted = try await rateLimiter.take(count, userID: userID)
        } catch {
            throw .store(error)
        }
        guard admitted else {
            throw .refused(.rateLimited(retryAfterSeconds: 600),
                           reason: "Too many scheduling messages in the last hour; try again later.")
        }
    }
}
