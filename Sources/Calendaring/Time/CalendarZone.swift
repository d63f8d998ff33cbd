import ICalendar
import ICalendarRecurrence

/// The zone a calendar reads floating times and DATEs in, from its CALDAV:calendar-timezone (or the CALDAV:timezone
/// of a calendar-query, which overrides it for one request).
///
/// Spec: RFC 4791 §5.2.2 (calendar-timezone: a VCALENDAR with one VTIMEZONE), §7.3 (floating times and DATEs in
/// time-range tests are read in that zone), §9.8 (CALDAV:timezone). Without a zone, or when the text cannot be read
/// (it was validated when stored, so only data from before that check), floating times are read in UTC.
public struct CalendarZone: Sendable {
    /// The zone floating DATE-TIMEs and DATEs are read in.
    public let floatingZone: any TimeZoneRules
    /// Resolves the TZIDs objects name; shared by every request.
    public let database: TimeZoneDatabase

    /// - Parameter calendarTimeZone: the property text (a VCALENDAR holding one VTIMEZONE); nil or blank means UTC.
    public init(calendarTimeZone: String?, database: TimeZoneDatabase) {
        self.database = database
        guard let text = calendarTimeZone, text.contains(where: { !$0.isWhitespace }),
            let calendar = try? ICalendarParser(options: .lenient).parseCalendar(text),
            let vtimezone = calendar.components(.vtimezone).first
        else {
            floatingZone = FixedOffsetZone.utc
            return
        }
        floatingZone = Self.rules(of: vtimezone, database: database) ?? FixedOffsetZone.utc
    }

    /// The zone an RFC 7809 CALDAV:calendar-timezone-id (or a query's timezone-id) names, when the tz database
    /// knows it (IANA names, and the Windows and vendor spellings the database maps); nil otherwise.
    public init?(timeZoneID: String, database: TimeZoneDatabase) {
        guard let zone = database.zone(for: timeZoneID.trimmingSpaces) else { return nil }
        self.database = database
        floatingZone = zone
    }

    /// UTC, for calendars without a time zone.
    public init(database: TimeZoneDatabase) {
        self.database = database
        floatingZone = FixedOffsetZone.utc
    }

    /// Resolves TZIDs through the tz database and reads floating times in `floatingZone`. Pass it to the filter,
    /// calendar-data and free-busy code, which add each object's own VTIMEZONEs.
    public var timeContext: TimeContext {
        TimeContext(resolver: database, floating: floatingZone)
    }

    /// The rules of a VTIMEZONE: the tz database's zone when it knows the TZID (its history is maintained, RFC 7809),
    /// else the component's own observances.
    static func rules(of vtimezone: Component, database: TimeZoneDatabase) -> (any TimeZoneRules)? {
        guard let tzid = vtimezone.property(.tzid)?.text, !tzid.isEmpty else { return nil }
        if let zone = database.zone(for: tzid) { return zone }
        return try? VTimeZoneRules(vtimezone)
    }
}
