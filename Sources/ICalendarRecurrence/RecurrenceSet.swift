import ICalendar

/// The recurrence set of one component: DTSTART, RRULEs and RDATEs, minus EXDATEs and (deprecated) EXRULEs.
///
/// Spec: RFC 5545 §3.8.5 and §3.3.10; RFC 2445 §4.8.5.2 for EXRULE; RFC 7529 for rules with an RSCALE (an RSCALE
/// that is not supported is refused with `RecurrenceError.Code.unsupportedCalendarScale`).
///
/// - DTSTART is always the first occurrence (§3.8.5.3), even when the rule would not generate it, and it counts as
///   the first of an RRULE's COUNT ("The DTSTART property value always counts as the first occurrence", §3.3.10):
///   with a DTSTART the rule does not match, `COUNT=n` gives DTSTART plus the rule's first n-1 instances. (libical
///   counts the same way; python-dateutil's compatible mode and recurring-ical-events give DTSTART plus n.) EXRULEs
///   are plain rules: only what they generate is excluded.
/// - EXDATE wins over RRULE and RDATE; duplicates collapse to one occurrence (§3.8.5.1).
/// - Zoned and UTC values are compared as instants through the resolver; floating values and DATEs are read in the
///   floating zone. UNTIL in UTC with a zoned DTSTART is compared as an instant.
/// - Mixed value types are read leniently: with a DATE DTSTART, a DATE-TIME RDATE/EXDATE/UNTIL names its own
///   calendar day (BYHOUR, BYMINUTE and BYSECOND are ignored, as §3.3.10 requires); with a DATE-TIME DTSTART, a
///   DATE RDATE means that day at DTSTART's time, a DATE EXDATE removes every instance on that day, and a DATE
///   UNTIL includes that whole day.
/// - Several RRULEs are merged (their union), although §3.8.5.3 calls that undefined.
public struct RecurrenceSet: Hashable, Sendable {
    public var start: DateTime
    public var rules: [RecurrenceRule]
    public var dates: [RecurrenceDate]
    public var exceptionDates: [DateTime]
    public var exceptionRules: [RecurrenceRule]

    public init(
        start: DateTime, rules: [RecurrenceRule] = [], dates: [RecurrenceDate] = [], exceptionDates: [DateTime] = [],
        exceptionRules: [RecurrenceRule] = []
    ) {
        self.start = start
        self.rules = rules
        self.dates = dates
        self.exceptionDates = exceptionDates
        self.exceptionRules = exceptionRules
    }

    /// Reads DTSTART (DUE for a VTODO without one), RRULE, RDATE, EXDATE and EXRULE from a component.
    public init(component: Component) throws(RecurrenceError) {
        guard let startProperty = component.property(.dtstart) ?? (component.name == .vtodo ? component.property(.due) : nil) else {
            throw RecurrenceError(.missingStart, message: "\(component.name) has no DTSTART to recur from")
        }
        let start: DateTime
        do { start = try startProperty.dateTime() } catch { throw RecurrenceError(error, property: startProperty.name) }
        self.init(start: start)
        for property in component.properties(.rrule) {
            do { rules.append(try property.recurrenceRule(tzid: start.tzid)) } catch { throw RecurrenceError(error, property: .rrule) }
        }
        for property in component.properties(.exrule) {
            do { exceptionRules.append(try property.recurrenceRule(tzid: start.tzid)) } catch { throw RecurrenceError(error, property: .exrule) }
        }
        for rule in rules {
            do { _ = try RecurrenceCalendarScale.of(rule) } catch {
                throw RecurrenceError(.unsupportedCalendarScale, property: .rrule, message: error.description)
            }
        }
        for rule in exceptionRules {
            do { _ = try RecurrenceCalendarScale.of(rule) } catch {
                throw RecurrenceError(.unsupportedCalendarScale, property: .exrule, message: error.description)
            }
        }
        for property in component.properties(.rdate) {
            do {
                // A PERIOD written without VALUE=PERIOD is still recognisable by its slash.
                if property.valueType == .period || property.value.utf8.contains(UInt8(ascii: "/")) {
                    dates += try property.periods().map(RecurrenceDate.period)
                } else {
                    dates += try property.dateTimes().map(RecurrenceDate.dateTime)
                }
            } catch {
                throw RecurrenceError(error, property: .rdate)
            }
        }
        for property in component.properties(.exdate) {
            do { exceptionDates += try property.dateTimes() } catch { throw RecurrenceError(error, property: .exdate) }
        }
    }

    /// Whether the set can have more than DTSTART.
    public var isRecurring: Bool { !rules.isEmpty || !dates.isEmpty }

    /// Whether the set is finite: every RRULE has COUNT or UNTIL.
    public var isBounded: Bool { rules.allSatisfy { $0.count != nil || $0.until != nil } }

    /// An iterator over the occurrences in ascending order of instant.
    ///
    /// - Parameters:
    ///   - resolver: finds the rules for TZIDs; an unknown TZID is read as floating (RFC 4791 §9.9).
    ///   - floating: the zone floating times and DATEs are read in.
    public func makeIterator(
        resolver: some TimeZoneResolving, floating: any TimeZoneRules = FixedOffsetZone.utc,
        limits: ExpansionLimits = .default, nonexistentTimes: NonexistentTimePolicy = .shiftForward
    ) -> Iterator {
        Iterator(set: self, frame: RecurrenceFrame(start: start, resolver: resolver, floating: floating), limits: limits, nonexistentTimes: nonexistentTimes)
    }

    /// The occurrences that start in `[from, to)` (either bound open), at most `limits.maxInstances` of them.
    public func occurrences(
        from: Instant? = nil, to: Instant? = nil, resolver: some TimeZoneResolving,
        floating: any TimeZoneRules = FixedOffsetZone.utc, limits: ExpansionLimits = .default,
        nonexistentTimes: NonexistentTimePolicy = .shiftForward
    ) -> [RecurrenceOccurrence] {
        var iterator = makeIterator(resolver: resolver, floating: floating, limits: limits, nonexistentTimes: nonexistentTimes)
        if let from { iterator.seek(toFirstAtOrAfter: from) }
        var result: [RecurrenceOccurrence] = []
        while let next = iterator.next() {
            if let to, next.instant >= to { break }
            result.append(next)
        }
        return result
    }

    /// Whether EXDATE or EXRULE removes the occurrence that would start at `value` (for matching RECURRENCE-IDs).
    public func excludes(
        _ value: DateTime, resolver: some TimeZoneResolving, floating: any TimeZoneRules = FixedOffsetZone.utc,
        limits: ExpansionLimits = .default
    ) -> Bool {
        let frame = RecurrenceFrame(start: start, resolver: resolver, floating: floating)
        return excludes(frame.place(value), frame: frame, limits: limits)
    }

    func excludes(_ placed: RecurrenceFrame.Placed, frame: RecurrenceFrame, limits: ExpansionLimits) -> Bool {
        for value in exceptionDates {
            let ex = frame.place(value)
            if ex.isWholeDay ? ex.local.date == placed.local.date : ex.instant == placed.instant { return true }
        }
        for rule in exceptionRules {
            var iterator = Iterator.ruleIterator(rule, frame: frame, limits: limits, gapZone: nil)
            iterator.seek(toFirstAtOrAfter: placed.local.adding(seconds: frame.hasFixedOffset ? 0 : -86_400))
            while let local = iterator.next() {
                let instant = frame.instant(local)
                if instant == placed.instant { return true }
                if instant > placed.instant { break }
            }
        }
        return false
    }
}
