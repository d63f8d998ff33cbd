import ICalendar
import ICalendarRecurrence

/// Resolves the TZIDs of one calendar object: the calendar's resolver first (the tz database knows IANA, Windows and
/// vendor-prefixed names and keeps their whole history), then the object's own VTIMEZONEs for the custom zones the
/// database does not know (Outlook's "Customized Time Zone", retired names).
///
/// Spec: RFC 5545 §3.2.19 (a TZID names a VTIMEZONE in the same object), RFC 7809 §3.1 (servers may use their own
/// definitions for zones they know). Only VTIMEZONEs the base cannot resolve are interpreted, so the usual object
/// (IANA TZIDs with a copy of the zone) costs one dictionary lookup per TZID.
struct ObjectZoneResolver: TimeZoneResolving {
    let base: any TimeZoneResolving
    /// Interpreted VTIMEZONEs, keyed by TZID as written and by its lowercased form.
    let embedded: [String: any TimeZoneRules]

    init(base: any TimeZoneResolving, calendar: Component) {
        self.base = base
        var embedded: [String: any TimeZoneRules] = [:]
        for vtimezone in calendar.components(.vtimezone) {
            guard let tzid = vtimezone.property(.tzid)?.text, !tzid.isEmpty, embedded[tzid] == nil,
                base.rules(for: tzid) == nil, let rules = try? VTimeZoneRules(vtimezone)
            else { continue }
            embedded[tzid] = rules
            if embedded[tzid.lowercased()] == nil { embedded[tzid.lowercased()] = rules }
        }
        self.embedded = embedded
    }

    func rules(for tzid: String) -> (any TimeZoneRules)? {
        base.rules(for: tzid) ?? embedded[tzid] ?? embedded[tzid.lowercased()]
    }
}

extension TimeContext {
    /// This context, with the custom VTIMEZONEs of `calendar` added to its resolver; floating times stay in the
    /// calendar's zone (the CALDAV:calendar-timezone decides, not an X-WR-TIMEZONE inside one object: RFC 4791 §7.3).
    public func resolving(embeddedZonesOf calendar: Component) -> TimeContext {
        guard calendar.components.contains(where: { $0.name == .vtimezone }) else { return self }
        return TimeContext(resolver: ObjectZoneResolver(base: resolver, calendar: calendar), floating: floating)
    }

    /// Whether `value` is read in the floating zone: a DATE, a floating DATE-TIME, or a TZID nobody knows.
    func isFloating(_ value: DateTime) -> Bool {
        switch value {
        case .date, .floating: true
        case .utc: false
        case .zoned(_, let tzid): resolver.rules(for: tzid) == nil
        }
    }
}
