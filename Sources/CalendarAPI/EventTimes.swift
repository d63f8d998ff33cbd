import Calendaring
import ICalendar
import ICalendarRecurrence

/// Start and end times between the API's `{dateTime, timeZone}` / `{date}` and iCalendar's DATE-TIME forms.
///
/// Reading: a date-time with a TZID is shown with that zone's offset and named in `timeZone`; a UTC one in UTC; a
/// floating one in the calendar's zone (RFC 4791 §7.3 reads floating times there). A `timeZone` query parameter
/// shows every date-time with that zone's offset instead, keeping `timeZone` as the event's own.
/// Writing: `dateTime` with `timeZone` becomes a wall clock in that zone (TZID), so a series keeps its local time
/// across DST changes; `dateTime` alone must carry an offset and becomes UTC; `date` is an all-day DATE.
struct EventTimes {
    let context: TimeContext
    let database: TimeZoneDatabase
    /// The calendar's zone name, reported for floating times; nil for UTC.
    let calendarZoneID: String?
    /// The zone of the `timeZone` query parameter, if given.
    let displayZone: (any TimeZoneRules)?

    func json(_ value: DateTime) -> Components.Schemas.EventTime {
        switch value {
        case .date(let date):
            return .init(date: RFC3339.format(date))
        case .utc:
            let instant = context.instant(value)
            return .init(dateTime: RFC3339.format(instant, in: displayZone ?? FixedOffsetZone.utc))
        case .zoned(_, let tzid):
            let zone = context.zone(of: value)
            return .init(dateTime: RFC3339.format(context.instant(value), in: displayZone ?? zone), timeZone: tzid)
        case .floating:
            return .init(dateTime: RFC3339.format(context.instant(value), in: displayZone ?? context.floating),
                         timeZone: calendarZoneID)
        }
    }

    /// The end an event shows: DTEND, else DTSTART + DURATION, else a day after a DATE start or the start itself.
    /// Spec: RFC 5545 §3.6.1.
    func end(of event: Component, start: DateTime) -> DateTime {
        if let end = try? event.property(.dtend)?.dateTime() { return end }
        if let duration = try? event.property(.duration)?.duration() {
            if case .date(let date) = start, duration.isDayBased {
                return .date(date.adding(days: duration.nominalDays))
            }
            let instant = context.adding(duration, to: context.instant(start), in: context.zone(of: start))
            return start.isDate ? .utc(instant.utc) : Self.same(form: start, at: instant, context: context)
        }
        if case .date(let date) = start { return .date(date.adding(days: 1)) }
        return start
    }

    /// `instant` written in the form of `like` (the same TZID, UTC, or floating in the context's zone).
    static func same(form like: DateTime, at instant: Instant, context: TimeContext) -> DateTime {
        switch like {
        case .zoned(_, let tzid): .zoned(context.zone(of: like).local(at: instant), tzid: tzid)
        case .floating: .floating(context.floating.local(at: instant))
        case .utc, .date: .utc(instant.utc)
        }
    }

    /// Reads an API time; `field` names it in the refusal.
    func dateTime(_ time: Components.Schemas.EventTime, field: String) throws(APIError) -> DateTime {
        switch (time.date, time.dateTime) {
        case (let date?, nil):
            guard let value = RFC3339.date(date) else {
                throw APIError.invalid("'\(field).date' must be a date as YYYY-MM-DD, got '\(date)'.")
            }
            return .date(value)
        case (nil, let text?):
            guard let stamp = RFC3339.stamp(text) else {
                throw APIError.invalid("'\(field).dateTime' must be an RFC 3339 date-time such as "
                                           + "2026-12-07T10:00:00+01:00, got '\(text)'.")
            }
            guard let zoneName = time.timeZone, !zoneName.isEmpty else {
                guard let instant = stamp.instant else {
                    throw APIError.invalid("'\(field).dateTime' has no offset: add one (or Z), or name the zone in "
                                               + "'\(field).timeZone'.")
                }
                return .utc(instant.utc)
            }
            guard let zone = database.zone(for: zoneName) else {
                throw APIError.invalid("'\(field).timeZone' '\(zoneName)' is not a time zone this server knows (use "
                                           + "an IANA name such as Europe/Berlin).")
            }
            let local = stamp.instant.map { zone.local(at: $0) } ?? stamp.local
            return .zoned(local, tzid: zone.identifier)
        case (nil, nil):
            throw APIError.invalid("'\(field)' needs 'dateTime' (with 'timeZone' or an offset) or 'date'.")
        case (_?, _?):
            throw APIError.invalid("'\(field)' has both 'date' and 'dateTime'; an all-day event has only 'date'.")
        }
    }
}

extension CalendarDuration {
    /// Whether the duration is whole days and weeks (RFC 5545 §3.3.6 `P1D`, `P2W`): added to a DATE it stays a date.
    var isDayBased: Bool { exactSeconds == 0 }
}
