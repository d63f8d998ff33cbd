import CalendarStore
import ICalendar
import ICalendarRecurrence

/// Computes the `ObjectIndex` a store keeps beside an object's bytes, so time-range queries run on integers.
///
/// Spec: RFC 4791 §9.9. The index is a conservative superset of the exact test, never a subset: every instance a
/// §9.9 time-range (VEVENT, VTODO, VJOURNAL and VFREEBUSY tables) could match is covered, boundaries are widened where
/// the tables compare inclusively (`IndexCoverage`), and instances whose times are read in the floating zone (DATEs,
/// floating DATE-TIMEs, unknown TZIDs) are widened by `floatingSlack`, so a query in another zone (a CALDAV:timezone
/// in the request, or a changed calendar-timezone) still finds them. Alarms are not indexed: a query on VALARM
/// times has no time-range on the component itself, so the store's prefilter has no window for it.
///
/// Recurring objects are expanded up to `horizon`; at most `maxInstances` instances are materialised, and when that
/// cap stops the expansion `ObjectIndex.horizon` moves back to the last materialised start, so the store treats
/// every later window as a candidate. Objects the expander cannot read, and objects with an instance that matches
/// every range (a VTODO without any date), get `firstStart == nil`, which the store reads as "matches every range".
///
/// `isExact` is set only where the intervals are the §9.9 intervals themselves (VEVENT and VJOURNAL instances at
/// absolute times, every instance materialised up to `horizon`), so a pure time-range query can be answered from the
/// index without parsing. `expandedUntil` is `horizon` for recurring objects whose instances go on past what was
/// materialised, so background maintenance moves them forward; a series complete before the horizon never changes
/// with it and gets nil. `text` holds the searchable values (`IndexedText(members:)`).
public struct ObjectIndexer: Sendable {
    /// Instances are materialised up to this instant (seconds since 1970): now plus the index horizon
    /// the server configuration sets. An absolute time, so indexing is deterministic and testable.
    public var horizon: Int64
    public var context: TimeContext
    public var maxInstances: Int
    /// How far a floating instance's interval is widened on each side: 26 hours covers every pair of UTC offsets
    /// (-12:00 to +14:00).
    public var floatingSlack: Int64

    public static let defaultMaxInstances = 2_000
    public static let anyZoneSlack: Int64 = 26 * 3_600

    public init(horizon: Int64, context: TimeContext, maxInstances: Int = defaultMaxInstances, floatingSlack: Int64 = anyZoneSlack) {
        self.horizon = horizon
        self.context = context
        self.maxInstances = max(1, maxInstances)
        self.floatingSlack = max(0, floatingSlack)
    }

    public init(horizon: Int64, floatingZone: any TimeZoneRules, database: TimeZoneDatabase,
                maxInstances: Int = defaultMaxInstances, floatingSlack: Int64 = anyZoneSlack) {
        self.init(horizon: horizon, context: TimeContext(resolver: database, floating: floatingZone),
                  maxInstances: maxInstances, floatingSlack: floatingSlack)
    }

    /// The indexer for a calendar: floating times in its zone (`CalendarZone(calendarTimeZone: record.timeZone, ...)`).
    public init(horizon: Int64, zone: CalendarZone, maxInstances: Int = defaultMaxInstances, floatingSlack: Int64 = anyZoneSlack) {
        self.init(horizon: horizon, context: zone.timeContext, maxInstances: maxInstances, floatingSlack: floatingSlack)
    }

    public func index(_ validated: ValidatedCalendarObject) -> ObjectIndex {
        let context = context.resolving(embeddedZonesOf: validated.calendar)
        let members = validated.members
        var coverage: Coverage
        switch validated.componentType {
        case "VEVENT", "VTODO", "VJOURNAL":
            coverage = ObjectRecurrence.isRecurring(members)
                ? recurringCoverage(members, context) : directCoverage(members, context)
        case "VFREEBUSY":
            coverage = directCoverage(members, context)
        default:
            // VAVAILABILITY and unknown types have no §9.9 time-range semantics: no time.
            coverage = Coverage(intervals: [], always: true, horizon: nil)
        }
        // Recurrence values read in the floating zone (a floating EXDATE or RECURRENCE-ID) would move instances with
        // the query's zone. (Which span types are exact is `Coverage.add`'s concern.)
        if members.contains(where: { hasFloatingRecurrence($0, context) }) { coverage.exact = false }
        var index = coverage.index(uid: validated.uid, componentType: validated.componentType)
        index.text = IndexedText(members: members)
        return index
    }

    /// Each component read on its own (non-recurring objects, VFREEBUSY).
    private func directCoverage(_ members: [Component], _ context: TimeContext) -> Coverage {
        var coverage = Coverage()
        for member in members {
            guard let span = try? InstanceSpan(member, context: context) else {
                // Unreadable times were refused by the validator; anything else is indexed as "no time".
                coverage.always = true
                continue
            }
            coverage.add(span, floating: isFloating(member, context), slack: floatingSlack)
        }
        return coverage
    }

    private func recurringCoverage(_ members: [Component], _ context: TimeContext) -> Coverage {
        let recurrence = ObjectRecurrence(members: members, context: context, maxInstances: maxInstances)
        guard let expansion = recurrence.instances(until: horizon) else { return Coverage(intervals: [], always: true, horizon: nil) }
        var coverage = Coverage()
        for instance in expansion.instances {
            guard let span = try? InstanceSpan(instance.component, instanceStart: instance.startInstant, context: context) else {
                coverage.always = true
                continue
            }
            coverage.add(span, floating: isFloating(instance.component, context), slack: floatingSlack)
        }
        if expansion.isComplete {
            if recurrence.continues(after: horizon) {
                coverage.horizon = horizon
                coverage.expandedUntil = horizon
            }
            return coverage
        }
        // Cut short: overrides were not walked, so add each as it is written; later master instances are missing.
        coverage.exact = false
        coverage.expandedUntil = horizon
        for member in members where member.property(.recurrenceID) != nil {
            if let span = try? InstanceSpan(member, context: context) {
                coverage.add(span, floating: isFloating(member, context), slack: floatingSlack)
            }
        }
        guard let last = expansion.instances.last?.startInstant.secondsSinceEpoch else {
            return Coverage(intervals: [], always: true, horizon: nil)
        }
        // THISANDFUTURE overrides shift later instances either way, so only the first start is a safe horizon then.
        coverage.horizon = recurrence.hasRangeOverride ? coverage.intervals.map(\.start).min() ?? last : last
        return coverage
    }

    /// Whether the component's times are read in the floating zone, so its instances move with the query's zone.
    private func isFloating(_ component: Component, _ context: TimeContext) -> Bool {
        for name in [PropertyName.dtstart, .dtend, .due] {
            if let value = try? component.property(name)?.dateTime(), context.isFloating(value) { return true }
        }
        return false
    }

    /// Whether a recurrence value of the component (RDATE, EXDATE, RECURRENCE-ID) is read in the floating zone.
    private func hasFloatingRecurrence(_ component: Component, _ context: TimeContext) -> Bool {
        component.properties.contains { property in
            guard [PropertyName.rdate, .exdate, .recurrenceID].contains(property.name) else { return false }
            if property.valueType == .period {
                return ((try? property.periods()) ?? []).contains { context.isFloating($0.start) }
            }
            return ((try? property.dateTimes()) ?? []).contains { context.isFloating($0) }
        }
    }
}

/// The coverage of a whole object while it is computed.
private struct Coverage {
    var intervals: [InstanceInterval] = []
    var always = false
    var horizon: Int64?
    var expandedUntil: Int64?
    /// Still true while every interval added is an exact §9.9 interval.
    var exact = true

    mutating func add(_ span: InstanceSpan, floating: Bool, slack: Int64) {
        let coverage = IndexCoverage(span)
        switch floating ? coverage.widened(by: slack) : coverage {
        case .always: always = true
        case .intervals(let more): intervals += more
        }
        // Only the VEVENT and VJOURNAL tables compare strictly, as the store does.
        switch span {
        case .event, .journal: if floating { exact = false }
        case .todo, .freeBusy, .withoutStart: exact = false
        }
    }

    func index(uid: String, componentType: String) -> ObjectIndex {
        guard !always, !intervals.isEmpty else {
            return ObjectIndex(uid: uid, componentType: componentType, firstStart: nil, lastEnd: nil, instances: [],
                               horizon: nil, expandedUntil: expandedUntil)
        }
        var sorted = intervals.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
        sorted = sorted.enumerated().filter { $0.offset == 0 || sorted[$0.offset - 1] != $0.element }.map(\.element)
        let lastEnd = horizon == nil ? sorted.map(\.end).max() : nil
        return ObjectIndex(uid: uid, componentType: componentType, firstStart: sorted[0].start, lastEnd: lastEnd,
                           instances: sorted, horizon: horizon, expandedUntil: expandedUntil, isExact: exact)
    }
}
