import ICalendar
import ICalendarRecurrence

/// The instances of one calendar object: a master and its overrides (one type, one UID), expanded with the object's
/// time context and a cap on how many instances one question may materialise.
///
/// Spec: RFC 5545 §3.8.5, RFC 4791 §9.9 (the caller applies the exact per-instance test with `TimeRangeFilter`).
struct ObjectRecurrence: Sendable {
    let members: [Component]
    let context: TimeContext
    let expander: RecurrenceExpander

    /// Enough for any real series in one query window; a hostile rule stops here instead of filling memory.
    static let defaultMaxInstances = 10_000

    init(members: [Component], context: TimeContext, maxInstances: Int = defaultMaxInstances) {
        self.members = members
        self.context = context
        expander = RecurrenceExpander(resolver: context.resolver, floating: context.floating,
                                      limits: ExpansionLimits(maxInstances: maxInstances))
    }

    /// Whether the components need expanding: a master with RRULE or RDATE, or any RECURRENCE-ID override.
    static func isRecurring(_ members: [Component]) -> Bool {
        members.contains { $0.property(.recurrenceID) != nil || $0.property(.rrule) != nil || $0.property(.rdate) != nil }
    }

    /// An override with RANGE=THISANDFUTURE, which shifts every later instance.
    var hasRangeOverride: Bool {
        members.contains { $0.property(.recurrenceID)?[parameter: .range]?.uppercased() == "THISANDFUTURE" }
    }

    /// The instances whose expander span overlaps `range` widened by `margin` seconds on each side; nil when the
    /// recurrence cannot be read. The expander's overlap is the VEVENT rule; widening by a second keeps the
    /// inclusive comparisons of the other §9.9 tables inside, and the caller tests each instance exactly.
    func instances(overlapping range: TimeRange, margin: Int64 = 1) -> RecurrenceExpansion? {
        let widened = TimeRange(start: range.start?.adding(seconds: -margin), end: range.end?.adding(seconds: margin))
        return try? expander.instances(of: members, in: widened)
    }

    /// The instances that start before `horizon` (and a day past it, so nothing at the boundary is lost).
    func instances(until horizon: Int64) -> RecurrenceExpansion? {
        try? expander.instances(of: members, in: TimeRange(start: nil, end: Instant(secondsSinceEpoch: horizon + 86_400)))
    }

    /// Whether any instance reaches `horizon` or later: an unbounded rule, one with more instances than the cap
    /// allows, or one whose last instance ends past it. (A probe expansion from `horizon` would not do: a rule with
    /// COUNT must count its way there.)
    func continues(after horizon: Int64) -> Bool {
        do {
            // No instance at all: nothing continues. No known end: unbounded or too long to count.
            guard let bounds = try expander.bounds(of: members) else { return false }
            return bounds.lastEnd.map { $0.secondsSinceEpoch >= horizon } ?? true
        } catch {
            return true
        }
    }
}
