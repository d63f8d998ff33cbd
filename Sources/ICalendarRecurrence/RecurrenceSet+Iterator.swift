import ICalendar

extension RecurrenceSet {
    /// Merges DTSTART, the RRULE streams and the sorted RDATEs lazily by instant, dropping duplicates and whatever
    /// EXDATE or an EXRULE removes. Nothing is materialised beyond the RDATE and EXDATE lists, so expanding a window
    /// of an unbounded rule costs what the window holds once `seek` has moved the rules there.
    ///
    /// Spec: RFC 5545 §3.8.5.
    public struct Iterator: Sequence, IteratorProtocol, Sendable {
        let frame: RecurrenceFrame
        let limits: ExpansionLimits
        var pendingStart: RecurrenceOccurrence?
        /// DTSTART's instant: no rule generates anything before it.
        let startInstant: Instant
        var rules = RuleStreams()
        var dates: [RecurrenceOccurrence] = []
        var dateIndex = 0
        var excludedInstants: [Instant] = []
        var excludedIndex = 0
        var excludedDays: Set<CalendarDate> = []
        var exceptionRules = RuleStreams()
        var last: Instant?
        var lowerBound: Instant?
        var produced = 0
        /// Set once the iterator has ended: `.exhausted`, or the limit that cut it short.
        public private(set) var stopReason: RuleIterator.StopReason?

        init(set: RecurrenceSet, frame: RecurrenceFrame, limits: ExpansionLimits, nonexistentTimes: NonexistentTimePolicy) {
            self.frame = frame
            self.limits = limits
            let startLocal = frame.isDate ? LocalDateTime(date: set.start.date, time: .midnight) : set.start.local
            startInstant = frame.instant(startLocal)
            pendingStart = RecurrenceOccurrence(start: frame.dateTime(startLocal), instant: startInstant, source: .start)
            let gapZone = nonexistentTimes == .skip && !frame.hasFixedOffset ? frame.zone : nil
            for var rule in set.rules {
                var iterator = Iterator.ruleIterator(rule, frame: frame, limits: limits, gapZone: gapZone)
                // DTSTART is the first of COUNT even when the rule does not generate it (RFC 5545 §3.3.10).
                if let count = rule.count {
                    var probe = iterator
                    if let first = probe.next(), first != startLocal {
                        guard count > 1 else { continue }
                        rule.count = count - 1
                        iterator = Iterator.ruleIterator(rule, frame: frame, limits: limits, gapZone: gapZone)
                    }
                }
                rules.append(iterator, cut: frame.untilBound(rule.until)?.cut)
            }
            for rule in set.exceptionRules {
                exceptionRules.append(Iterator.ruleIterator(rule, frame: frame, limits: limits, gapZone: gapZone), cut: frame.untilBound(rule.until)?.cut)
            }
            dates = set.dates.map { Iterator.occurrence(of: $0, frame: frame) }.sorted { $0.instant < $1.instant }
            for value in set.exceptionDates {
                let placed = frame.place(value)
                if placed.isWholeDay { excludedDays.insert(placed.local.date) } else { excludedInstants.append(placed.instant) }
            }
            excludedInstants.sort()
        }

        static func ruleIterator(_ rule: RecurrenceRule, frame: RecurrenceFrame, limits: ExpansionLimits, gapZone: (any TimeZoneRules)?) -> RuleIterator {
            var rule = rule
            if frame.isDate {
                // RFC 5545 §3.3.10: BYSECOND, BYMINUTE and BYHOUR "MUST be ignored" with a DATE DTSTART.
                rule.bySecond = []
                rule.byMinute = []
                rule.byHour = []
            }
            let start = frame.isDate ? LocalDateTime(date: frame.start.date, time: .midnight) : frame.start.local
            return RuleIterator(rule: rule, dtstart: start, until: frame.untilBound(rule.until)?.local, limits: limits, skippingGapsIn: gapZone)
        }

        static func occurrence(of date: RecurrenceDate, frame: RecurrenceFrame) -> RecurrenceOccurrence {
            let placed = frame.place(date.start)
            var occurrence = RecurrenceOccurrence(start: frame.dateTime(placed.local), instant: placed.instant, source: .date)
            if case .period(let period) = date {
                let end: Instant
                switch period.end {
                case .dateTime(let value):
                    end = frame.instant(of: value)
                case .duration(let duration):
                    end = frame.end(of: period.start, after: duration)
                }
                occurrence.periodEnd = Swift.max(end, placed.instant)
            }
            return occurrence
        }

        public mutating func next() -> RecurrenceOccurrence? {
            guard stopReason == nil else { return nil }
            while true {
                // Compare instants only; the occurrence value is built for the winner.
                var bestInstant: Instant?
                var source = -3  // -1 DTSTART, -2 RDATE, else rule index
                if let start = pendingStart { bestInstant = start.instant; source = -1 }
                // At equal instants an RDATE wins, since it may carry a PERIOD's end.
                if dateIndex < dates.count, bestInstant.map({ dates[dateIndex].instant <= $0 }) ?? true {
                    bestInstant = dates[dateIndex].instant
                    source = -2
                }
                for index in 0..<rules.count {
                    rules.fill(index, frame: frame, floor: startInstant)
                    if let head = rules.heads[index], bestInstant.map({ head.instant < $0 }) ?? true {
                        bestInstant = head.instant
                        source = index
                    }
                }
                // A rule cut short by a limit has shown nothing is missing up to where it got; past that the merged
                // stream would be incomplete, so it ends there.
                if let (frontier, reason) = rules.limit, bestInstant.map({ $0 > frontier }) ?? true { return stop(reason) }
                guard let instant = bestInstant else { return stop(.exhausted) }
                let local: LocalDateTime
                switch source {
                case -1: local = pendingStart!.start.local
                case -2: local = dates[dateIndex].start.local
                default: local = rules.heads[source]!.local
                }
                if instant == last || lowerBound.map({ instant < $0 }) ?? false {
                    consume(source)
                    last = instant
                    continue
                }
                last = instant
                switch isExcluded(instant: instant, day: local.date) {
                case .some(true):
                    consume(source)
                    continue
                case .some(false): break
                case .none: return stop(exceptionRules.limit?.reason ?? .searchLimitReached)
                }
                guard produced < limits.maxInstances else { return stop(.instanceLimitReached) }
                produced += 1
                let chosen: RecurrenceOccurrence
                switch source {
                case -1: chosen = pendingStart!
                case -2: chosen = dates[dateIndex]
                default: chosen = RecurrenceOccurrence(start: frame.dateTime(local), instant: instant, source: .rule)
                }
                consume(source)
                return chosen
            }
        }

        private mutating func consume(_ source: Int) {
            switch source {
            case -1: pendingStart = nil
            case -2: dateIndex += 1
            default: rules.heads[source] = nil
            }
        }

        /// Moves forward so the next occurrence is the first at or after `instant`, jumping each rule to the period
        /// that holds it (rules with COUNT walk, as they must count).
        public mutating func seek(toFirstAtOrAfter instant: Instant) {
            guard stopReason == nil, lowerBound.map({ instant > $0 }) ?? true else { return }
            lowerBound = instant
            if let start = pendingStart, start.instant < instant { pendingStart = nil }
            dateIndex = Swift.max(dateIndex, dates.partitionPoint { $0.instant >= instant })
            excludedIndex = Swift.max(excludedIndex, excludedInstants.partitionPoint { $0 >= instant })
            // The wall clock at `instant` can be off by an offset change; a day earlier is safely before it.
            let local = frame.local(at: instant).adding(seconds: frame.hasFixedOffset ? 0 : -86_400)
            rules.seek(to: local, instant: instant)
            exceptionRules.seek(to: local, instant: instant)
        }

        /// True when EXDATE or an EXRULE removes the occurrence; nil when an EXRULE was cut short by a limit
        /// before reaching it, so the answer is unknown.
        private mutating func isExcluded(instant: Instant, day: CalendarDate) -> Bool? {
            while excludedIndex < excludedInstants.count && excludedInstants[excludedIndex] < instant { excludedIndex += 1 }
            if excludedIndex < excludedInstants.count && excludedInstants[excludedIndex] == instant { return true }
            if !excludedDays.isEmpty && excludedDays.contains(day) { return true }
            for index in 0..<exceptionRules.count {
                while true {
                    exceptionRules.fill(index, frame: frame, floor: startInstant)
                    guard let head = exceptionRules.heads[index], head.instant < instant else { break }
                    exceptionRules.heads[index] = nil
                }
                if exceptionRules.heads[index]?.instant == instant { return true }
            }
            if let (frontier, _) = exceptionRules.limit, instant > frontier { return nil }
            return false
        }

        private mutating func stop(_ reason: RuleIterator.StopReason) -> RecurrenceOccurrence? {
            stopReason = reason
            return nil
        }
    }

    /// RRULE or EXRULE iterators with their next occurrence looked up, kept in parallel arrays so reading a head
    /// never copies an iterator.
    struct RuleStreams: Sendable {
        struct Head: Hashable, Sendable {
            var local: LocalDateTime
            var instant: Instant
        }

        var iterators: [RuleIterator] = []
        /// The UNTIL instant, for rules whose UNTIL had to be compared as an instant.
        var cuts: [Instant?] = []
        var heads: [Head?] = []
        var finished: [Bool] = []
        /// The instant of each rule's latest occurrence (or its seek target), for `limit`.
        var reached: [Instant?] = []
        /// The earliest point a rule stopped by a limit had reached, and the limit.
        private(set) var limit: (frontier: Instant, reason: RuleIterator.StopReason)?

        var count: Int { iterators.count }

        mutating func append(_ iterator: RuleIterator, cut: Instant?) {
            iterators.append(iterator)
            cuts.append(cut)
            heads.append(nil)
            finished.append(false)
            reached.append(nil)
        }

        /// Looks up rule `index`'s next occurrence if needed; records in `limit` a rule that a limit stopped.
        /// `floor` is where a rule that produced nothing is known to have got (DTSTART).
        mutating func fill(_ index: Int, frame: RecurrenceFrame, floor: Instant) {
            guard heads[index] == nil, !finished[index] else { return }
            guard let local = iterators[index].next() else {
                finished[index] = true
                if let reason = iterators[index].stopReason, reason != .exhausted {
                    let frontier = reached[index] ?? floor
                    if limit.map({ frontier < $0.frontier }) ?? true { limit = (frontier, reason) }
                }
                return
            }
            let instant = frame.instant(local)
            if let cut = cuts[index], instant > cut {
                finished[index] = true
                return
            }
            heads[index] = Head(local: local, instant: instant)
            reached[index] = instant
        }

        mutating func seek(to local: LocalDateTime, instant: Instant) {
            for index in 0..<count {
                if let head = heads[index], head.instant >= instant { continue }
                heads[index] = nil
                iterators[index].seek(toFirstAtOrAfter: local)
                reached[index] = Swift.max(reached[index] ?? instant, instant)
            }
        }
    }
}

extension Array {
    /// The index of the first element for which `belongs` is true, assuming it is false then true along the array.
    func partitionPoint(_ belongs: (Element) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let mid = (low + high) / 2
            if belongs(self[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
