import ICalendar
import ICalendarRecurrence

/// Expands the AVAILABLE components of a VAVAILABILITY, recurrences included, with the same recurrence expander
/// events use: an AVAILABLE carries DTSTART, DTEND or DURATION, RRULE, RDATE, EXDATE and RECURRENCE-ID with the
/// meaning they have in a VEVENT, so each UID's AVAILABLE set is expanded as if it were one event's master and
/// overrides. (Working hours are a weekly RRULE; without this only one-off AVAILABLE periods could be read.)
///
/// Spec: RFC 7953 §3.1 (AVAILABLE properties), RFC 5545 §3.8.5 (recurrence set, overrides by RECURRENCE-ID).
struct RecurringAvailableExpander: AvailableExpanding {
    /// A working-hours rule yields a few instances a week; this bounds a hostile rule over a one-year window.
    static let maxInstances = 5_000

    func availableSpans(of vavailability: Component, in window: Range<Instant>, context: TimeContext)
        throws(FreeBusyError) -> [Range<Instant>] {
        let expander = RecurrenceExpander(resolver: context.resolver, floating: context.floating,
                                          limits: ExpansionLimits(maxInstances: Self.maxInstances))
        let range = TimeRange(start: window.lowerBound, end: window.upperBound)
        var byUID: [String: [Component]] = [:]
        var order: [String] = []
        for available in vavailability.components(.available) {
            // UID is required in AVAILABLE; one without it stands alone, under a key no real UID can have.
            let uid = available.property(.uid)?.value ?? "\u{0}\(order.count)"
            if byUID[uid] == nil { order.append(uid) }
            byUID[uid, default: []].append(Component(name: .vevent, properties: available.properties))
        }
        var spans: [Range<Instant>] = []
        for uid in order {
            let expansion: RecurrenceExpansion
            do {
                expansion = try expander.instances(of: byUID[uid] ?? [], in: range)
            } catch {
                throw .invalidData(ICalendarParseError(.invalidValue, property: error.property?.rawValue,
                                                       message: "AVAILABLE \(uid): \(error.message)"))
            }
            // A rule cut short by the instance cap would leave later available time unreported (shown as busy):
            // say so instead. A rule that stops matching (search limit) simply has no more instances.
            if expansion.stopReason == .instanceLimitReached { throw .expansionLimitReached(uid: uid) }
            for instance in expansion.instances where instance.startInstant < instance.endInstant {
                spans.append(instance.startInstant..<instance.endInstant)
            }
        }
        return spans
    }
}
