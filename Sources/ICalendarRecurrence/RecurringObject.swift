import ICalendar

/// A master component and its overrides, read once for `RecurrenceExpander`, with the walks that produce their
/// instances.
///
/// Spec: RFC 5545 §3.8.5, §3.8.4.4.
struct RecurringObject: Sendable {
    let master: Component?
    let set: RecurrenceSet?
    let frame: RecurrenceFrame?
    let masterLength: InstanceLength?
    /// Every override, sorted by RECURRENCE-ID instant.
    let overrides: [RecurrenceOverride]
    /// Indices into `overrides` of the THISANDFUTURE ones (already in RECURRENCE-ID order).
    let rangeOverrides: [Int]
    let overriddenInstants: Set<Instant>
    let expander: RecurrenceExpander

    init(components: some Sequence<Component>, expander: RecurrenceExpander) throws(RecurrenceError) {
        self.expander = expander
        // The VEVENTs, VTODOs and VJOURNALs with the first one's UID, in one pass.
        var mine: [Component] = []
        var firstUID: String??
        for component in components where component.name == .vevent || component.name == .vtodo || component.name == .vjournal {
            let uid = component.property(.uid)?.value
            if firstUID == nil { firstUID = .some(uid) }
            if uid == firstUID! { mine.append(component) }
        }
        let master = mine.first { $0.property(.recurrenceID) == nil }
        self.master = master
        var frame: RecurrenceFrame?
        if let master {
            let set = try RecurrenceSet(component: master)
            let masterFrame = RecurrenceFrame(start: set.start, resolver: expander.resolver, floating: expander.floating)
            self.set = set
            frame = masterFrame
            masterLength = try InstanceLength.read(master, start: set.start, frame: masterFrame)
        } else {
            set = nil
            masterLength = nil
        }
        var overrides: [RecurrenceOverride] = []
        for component in mine where component.property(.recurrenceID) != nil {
            // Without a master, each override is read in its own frame.
            let ownFrame: RecurrenceFrame
            if let frame {
                ownFrame = frame
            } else {
                let start = (try? component.property(.dtstart)?.dateTime()) ?? (try? component.property(.recurrenceID)?.dateTime()) ?? .date(CalendarDate(dayNumber: 0))
                ownFrame = RecurrenceFrame(start: start, resolver: expander.resolver, floating: expander.floating)
            }
            overrides.append(try RecurrenceOverride(component: component, frame: ownFrame, masterLength: masterLength))
        }
        overrides.sort { $0.recurrenceID.instant < $1.recurrenceID.instant }
        self.frame = frame
        self.overrides = overrides
        rangeOverrides = overrides.indices.filter { overrides[$0].isThisAndFuture }
        overriddenInstants = Set(overrides.map(\.recurrenceID.instant))
    }

    /// An instance generated from the master, kept small (wall clocks as seconds) until it is known to be wanted.
    struct Record: Sendable {
        /// The original start in the master frame's wall clock (the RECURRENCE-ID), as `secondsSinceEpoch`.
        var recurrenceLocal: Int64
        /// The actual start in the master frame's wall clock (moved by a THISANDFUTURE override), likewise.
        var startLocal: Int64
        var startInstant: Instant
        var endInstant: Instant
        /// Index into `overrides` of the THISANDFUTURE override in force, or -1.
        var rangeOverride: Int
    }

    /// Visits the instances generated from the master (skipping those an override replaces) whose original start
    /// could make them overlap `[from, to)`, in RECURRENCE-ID order, until `visit` returns false. Returns the limit
    /// that cut the walk short, or `.instanceLimitReached` when `visit` stopped it; nil when it completed.
    func walkSet(from: Instant?, to: Instant?, visit: (Record) -> Bool) -> RuleIterator.StopReason? {
        guard let set, let frame, let masterLength else { return nil }
        var iterator = set.makeIterator(resolver: expander.resolver, floating: expander.floating, limits: expander.limits, nonexistentTimes: expander.nonexistentTimes)
        // An instance that starts before the window can still reach into it, and a THISANDFUTURE shift moves
        // instances either way: widen the walk by the longest length and shift, plus a day for offset changes.
        var lookback = masterLength.maximumSeconds
        var lookahead: Int64 = 0
        for index in rangeOverrides {
            let o = overrides[index]
            lookback = Swift.max(lookback, o.length.maximumSeconds + Swift.max(0, o.shiftSeconds))
            lookahead = Swift.max(lookahead, -o.shiftSeconds)
        }
        for date in set.dates {
            if case .period = date {
                let occurrence = RecurrenceSet.Iterator.occurrence(of: date, frame: frame)
                lookback = Swift.max(lookback, (occurrence.periodEnd ?? occurrence.instant).secondsSinceEpoch - occurrence.instant.secondsSinceEpoch)
            }
        }
        if let from { iterator.seek(toFirstAtOrAfter: from.adding(seconds: -(lookback + 86_400))) }
        let stopAt = to?.adding(seconds: lookahead + 86_400)
        var rangeCursor = -1  // position in `rangeOverrides` of the THISANDFUTURE override in force
        let hasOverrides = !overriddenInstants.isEmpty
        while let occurrence = iterator.next() {
            if let stopAt, occurrence.instant >= stopAt { return nil }
            while rangeCursor + 1 < rangeOverrides.count && overrides[rangeOverrides[rangeCursor + 1]].recurrenceID.instant < occurrence.instant {
                rangeCursor += 1
            }
            if hasOverrides && overriddenInstants.contains(occurrence.instant) { continue }
            let originalLocal = occurrence.start.local
            let record: Record
            if rangeCursor >= 0 {
                let index = rangeOverrides[rangeCursor]
                let o = overrides[index]
                var local = originalLocal.adding(seconds: o.shiftSeconds)
                if frame.isDate { local = LocalDateTime(date: local.date, time: .midnight) }
                let start = frame.dateTime(local)
                let startInstant = frame.instant(local)
                record = Record(
                    recurrenceLocal: originalLocal.secondsSinceEpoch, startLocal: local.secondsSinceEpoch, startInstant: startInstant,
                    endInstant: o.length.end(of: start, at: startInstant, frame: frame), rangeOverride: index)
            } else {
                record = Record(
                    recurrenceLocal: originalLocal.secondsSinceEpoch, startLocal: originalLocal.secondsSinceEpoch, startInstant: occurrence.instant,
                    endInstant: occurrence.periodEnd ?? masterLength.end(of: occurrence.start, at: occurrence.instant, frame: frame),
                    rangeOverride: -1)
            }
            if !visit(record) { return .instanceLimitReached }
        }
        return iterator.stopReason == .exhausted ? nil : iterator.stopReason
    }

    /// The full instance for a record from `walkSet`.
    func instance(for record: Record, masterIsCancelled: Bool) -> RecurrenceInstance {
        let frame = frame!
        let recurrenceID: DateTime? = set!.isRecurring ? frame.dateTime(LocalDateTime(secondsSinceEpoch: record.recurrenceLocal)) : nil
        let start = frame.dateTime(LocalDateTime(secondsSinceEpoch: record.startLocal))
        let end = frame.dateTime(frame.local(at: record.endInstant))
        if record.rangeOverride >= 0 {
            let o = overrides[record.rangeOverride]
            return RecurrenceInstance(
                recurrenceID: recurrenceID, start: start, end: end, startInstant: record.startInstant, endInstant: record.endInstant,
                component: o.component, source: .rangeOverride, isCancelled: o.isCancelled)
        }
        return RecurrenceInstance(
            recurrenceID: recurrenceID, start: start, end: end, startInstant: record.startInstant, endInstant: record.endInstant,
            component: master!, source: .master, isCancelled: masterIsCancelled)
    }

    /// Visits every override that EXDATE/EXRULE does not remove, in RECURRENCE-ID order.
    func walkOverrides(visit: (RecurrenceInstance) -> Bool) {
        for o in overrides {
            if let set, let frame, set.excludes(o.recurrenceID, frame: frame, limits: expander.limits) { continue }
            let recurrenceID = frame?.dateTime(o.recurrenceID.local) ?? (try? o.component.property(.recurrenceID)?.dateTime()) ?? o.start
            let instance = RecurrenceInstance(
                recurrenceID: recurrenceID, start: o.start, end: o.end, startInstant: o.startInstant, endInstant: o.endInstant,
                component: o.component, source: .override, isCancelled: o.isCancelled)
            if !visit(instance) { return }
        }
    }
}
