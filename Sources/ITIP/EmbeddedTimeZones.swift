import ICalendar
import ICalendarRecurrence

/// The zones an object's own VTIMEZONEs define, as a resolver that needs no I/O: enough to compare a RECURRENCE-ID
/// written in UTC with one written in the object's zone, and to move DTEND with DTSTART when an instance becomes
/// an override. TZIDs without a VTIMEZONE read as floating (RFC 4791 §9.9), which keeps same-form values comparable.
/// Spec: RFC 5545 §3.2.19, §3.6.5.
struct EmbeddedTimeZones: TimeZoneResolving {
    private let zones: [String: VTimeZoneRules]

    /// Onsets are precomputed up to this year; later instants are still right, only computed on demand.
    private static let horizonYear = 2100

    init(calendar: Component) {
        var zones: [String: VTimeZoneRules] = [:]
        for vtimezone in calendar.components(.vtimezone) {
            guard let tzid = vtimezone.property(.tzid)?.text, zones[tzid] == nil,
                  let rules = try? VTimeZoneRules(vtimezone, horizonYear: Self.horizonYear) else { continue }
            zones[tzid] = rules
        }
        self.zones = zones
    }

    func rules(for tzid: String) -> (any TimeZoneRules)? {
        zones[tzid] ?? zones.first { $0.key.lowercased() == tzid.lowercased() }?.value
    }

    var context: TimeContext { TimeContext(resolver: self) }
}
