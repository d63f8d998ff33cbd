import ICalendar

/// VTIMEZONE components gathered from calendars, one per TZID (the first wins), looked up the way TZID
/// parameters refer to them.
///
/// Spec: RFC 5545 §3.6.5 (TZID names the VTIMEZONE), §3.2.19. Lookup is exact, then ignoring case, as
/// `CalendarTimeZoneResolver` reads references.
struct TimeZoneSet {
    private(set) var zones: [Component] = []
    private var byTZID: [String: Int] = [:]
    private var byLowercasedTZID: [String: Int] = [:]

    mutating func add(_ vtimezone: Component) {
        guard let tzid = vtimezone.property(.tzid)?.text, !tzid.isEmpty, byTZID[tzid] == nil else { return }
        byTZID[tzid] = zones.count
        if byLowercasedTZID[tzid.lowercased()] == nil { byLowercasedTZID[tzid.lowercased()] = zones.count }
        zones.append(vtimezone)
    }

    func zone(for tzid: String) -> Component? {
        (byTZID[tzid] ?? byLowercasedTZID[tzid.lowercased()]).map { zones[$0] }
    }

    /// The VTIMEZONEs the TZID parameters in `components` (and their sub-components) name, in order of first use.
    func referenced(by components: [Component]) -> [Component] {
        var result: [Component] = []
        var seen: Set<String> = []
        var pending = components.reversed() as [Component]
        while let next = pending.popLast() {
            for property in next.properties {
                guard let tzid = property.tzid, let zone = zone(for: tzid),
                    let key = zone.property(.tzid)?.text, seen.insert(key).inserted
                else { continue }
                result.append(zone)
            }
            pending += next.components.reversed()
        }
        return result
    }
}
