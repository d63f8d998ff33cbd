import ICalendar

/// Expands a calendar object — a master VEVENT, VTODO or VJOURNAL and its overrides, all sharing one UID — into
/// instances for a time window, and finds the span it covers for a storage index.
///
/// Spec: RFC 5545 §3.8.5 (recurrence set), §3.8.4.4 (RECURRENCE-ID, RANGE=THISANDFUTURE), §3.8.5.3 (durations);
/// RFC 4791 §9.9 (overlap, via `TimeRange`). Choices where the RFCs leave room, following what major clients do:
/// - EXDATE wins over an override: an instance removed by EXDATE (or EXRULE) stays removed even when an override
///   names it, because EXDATE "take[s] precedence over" RRULE and RDATE and the override only modifies a member of
///   the set. (recurring-ical-events does the same.)
/// - An override whose RECURRENCE-ID matches no generated instance is still returned (as Google, Apple and
///   recurring-ical-events do), unless EXDATE removes that RECURRENCE-ID.
/// - RANGE=THISANDFUTURE: the override's own instance is the override; every later instance (by RECURRENCE-ID, the
///   RFC's "subsequent instances are determined by their RECURRENCE-ID value") is moved by the same wall-clock
///   difference, takes the override's length ("modified to have this same duration", even an RDATE PERIOD that
///   had its own; recurring-ical-events keeps the period's) and properties, and reports `.rangeOverride` — until a
///   later THISANDFUTURE override takes over. Overrides of single later instances replace just those instances.
/// - Several master components: the first is used. Components of other types, or with another UID than the first
///   relevant one, are ignored.
public struct RecurrenceExpander: Sendable {
    public var resolver: any TimeZoneResolving
    /// The zone floating times and DATEs are read in (the calendar's or the user's zone; UTC by default).
    public var floating: any TimeZoneRules
    public var limits: ExpansionLimits
    public var nonexistentTimes: NonexistentTimePolicy

    public init(
        resolver: any TimeZoneResolving, floating: any TimeZoneRules = FixedOffsetZone.utc, limits: ExpansionLimits = .default,
        nonexistentTimes: NonexistentTimePolicy = .shiftForward
    ) {
        self.resolver = resolver
        self.floating = floating
        self.limits = limits
        self.nonexistentTimes = nonexistentTimes
    }

    /// The instances of one calendar object that overlap `range`, ordered by start. A component that does not
    /// recur yields itself once. At most `limits.maxInstances` instances; `stopReason` says when a limit cut the
    /// expansion short.
    public func instances(of components: some Sequence<Component>, in range: TimeRange = .unbounded) throws(RecurrenceError) -> RecurrenceExpansion {
        let object = try RecurringObject(components: components, expander: self)
        var records: [RecurringObject.Record] = []
        var stopReason: RuleIterator.StopReason?
        stopReason = object.walkSet(from: range.start, to: range.end) { record in
            guard range.overlaps(start: record.startInstant, end: record.endInstant) else { return true }
            guard records.count < limits.maxInstances else { return false }
            records.append(record)
            return true
        }
        let masterIsCancelled = object.master?.isCancelled ?? false
        var instances = records.map { object.instance(for: $0, masterIsCancelled: masterIsCancelled) }
        if stopReason == nil {
            object.walkOverrides { instance in
                guard range.overlaps(start: instance.startInstant, end: instance.endInstant) else { return true }
                guard instances.count < limits.maxInstances else {
                    stopReason = .instanceLimitReached
                    return false
                }
                instances.append(instance)
                return true
            }
        }
        // The master's instances arrive in order; overrides (and THISANDFUTURE shifts) can break it.
        func ordered(_ a: RecurrenceInstance, _ b: RecurrenceInstance) -> Bool {
            (a.startInstant, a.recurrenceInstantKey) < (b.startInstant, b.recurrenceInstantKey)
        }
        if instances.indices.dropFirst().contains(where: { ordered(instances[$0], instances[$0 - 1]) }) { instances.sort(by: ordered) }
        return RecurrenceExpansion(instances: instances, stopReason: stopReason)
    }

    /// The earliest start and latest end over all instances (nil end when the object recurs without end or has
    /// more instances than the limits allow), or nil when the object has no instance at all.
    public func bounds(of components: some Sequence<Component>) throws(RecurrenceError) -> RecurrenceBounds? {
        let object = try RecurringObject(components: components, expander: self)
        var first: Instant?
        var last: Instant?
        func track(_ start: Instant, _ end: Instant) {
            first = first.map { Swift.min($0, start) } ?? start
            last = last.map { Swift.max($0, end) } ?? end
        }
        var complete = true
        if let set = object.set, !set.isBounded {
            // Unbounded: only the first instance matters for the start; the end is open.
            _ = object.walkSet(from: nil, to: nil) { track($0.startInstant, $0.endInstant); return false }
            complete = false
        } else if object.walkSet(from: nil, to: nil, visit: { track($0.startInstant, $0.endInstant); return true }) != nil {
            complete = false
        }
        object.walkOverrides { track($0.startInstant, $0.endInstant); return true }
        guard let first else { return nil }
        return RecurrenceBounds(firstStart: first, lastEnd: complete ? last : nil)
    }
}

extension RecurrenceInstance {
    /// Orders instances that start together by their original start.
    var recurrenceInstantKey: Int64 { recurrenceID.map { $0.local.secondsSinceEpoch } ?? Int64.min }
}
