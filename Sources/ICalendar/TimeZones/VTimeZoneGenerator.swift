/// Builds the VTIMEZONE for an IANA zone that a server emits for `calendar-timezone` and in exports.
///
/// Spec: RFC 5545 §3.6.5 (VTIMEZONE with STANDARD/DAYLIGHT observances: DTSTART and RDATE are local times in
/// TZOFFSETFROM; RRULE repeats an onset), §3.8.3 (TZID, TZNAME, TZOFFSETFROM, TZOFFSETTO).
///
/// The zone's current rule (its TZif footer) becomes one STANDARD and one DAYLIGHT observance with an open-ended
/// yearly RRULE, starting at the first transition that rule explains. Older transitions are written only where
/// the requested range needs them: the observance in force at `start` and every change up to `end`, grouped into
/// one observance per kind of change with the further onsets as RDATEs. Interpreting the result gives the zone's
/// offsets everywhere in `[start, end)` and, through the RRULEs, after it.
public struct VTimeZoneGenerator: Sendable {
    /// Whether to write TZNAME (the abbreviation) on each observance.
    public var includesNames = true

    public init() {}

    public func component(for zone: IANATimeZone, from start: Instant, to end: Instant) -> Component {
        var observances: [Observance] = []
        let rule = RecurringPart(zone: zone)
        let historyEnd = rule.map { min($0.startInstant, end) } ?? end

        if rule.map({ start < $0.startInstant }) ?? true {
            let history = rule?.history ?? zone.fileTransitions
            let inForce = history.lastIndex { $0.instant <= start }
            if inForce == nil {
                // Before the first transition (or a zone without any): one observance that never changes.
                let type = history.first?.before ?? zone.localTimeType(at: start)
                let year = min(start.utc.date.year, 1970)
                observances.append(Observance(type: type, from: type.offset,
                                              onsets: [LocalDateTime(date: CalendarDate(unchecked: year, 1, 1), time: .midnight)]))
            }
            for transition in history[(inForce ?? history.startIndex)...] where transition.instant < historyEnd {
                if let i = observances.firstIndex(where: { $0.type == transition.after && $0.from == transition.before.offset && $0.rrule == nil }) {
                    observances[i].onsets.append(transition.onset)
                } else {
                    observances.append(Observance(type: transition.after, from: transition.before.offset, onsets: [transition.onset]))
                }
            }
        }
        if let rule, rule.startInstant < end {
            observances += rule.observances(until: end)
        }

        var component = Component(name: .vtimezone, properties: [Property(name: .tzid, value: zone.identifier)])
        for observance in observances.sorted(by: { $0.onsets[0] < $1.onsets[0] }) {
            component.components.append(observance.component(includesName: includesNames))
        }
        return component
    }

    /// One STANDARD or DAYLIGHT sub-component.
    struct Observance {
        var type: LocalTimeType
        var from: UTCOffset
        /// DTSTART first, then RDATEs.
        var onsets: [LocalDateTime]
        var rrule: RecurrenceRule?

        func component(includesName: Bool) -> Component {
            var properties = [Property(name: .dtstart, value: onsets[0].icalValue)]
            if let rrule { properties.append(Property(name: .rrule, value: rrule.icalValue)) }
            if onsets.count > 1 {
                properties.append(Property(name: .rdate, value: onsets.dropFirst().map(\.icalValue).joined(separator: ",")))
            }
            properties.append(Property(name: .tzoffsetfrom, value: from.icalValue))
            properties.append(Property(name: .tzoffsetto, value: type.offset.icalValue))
            if includesName, !type.abbreviation.isEmpty {
                properties.append(Property(name: .tzname, text: type.abbreviation))
            }
            return Component(name: type.isDaylightSaving ? .daylight : .standard, properties: properties)
        }
    }

    /// The footer rule and where, in the zone's history, it takes over.
    struct RecurringPart {
        let footer: POSIXTimeZoneRule
        /// The file's transitions before the footer takes over.
        let history: [TimeZoneTransition]
        /// The first transition the footer governs.
        let startInstant: Instant

        init?(zone: IANATimeZone) {
            guard let footer = zone.varyingFooter else { return nil }
            self.footer = footer
            let file = zone.fileTransitions
            // Walk back while the file's transitions are exactly the ones the footer predicts (fat files repeat
            // the rule up to 2037; slim ones stop after its first year or two). Each must also be followed by the
            // next one the footer predicts: a year without DST in between (Haiti 2016) ends the walk.
            var index = file.count
            while index > 0 {
                let t = file[index - 1]
                let year = t.instant.utc.date.year
                let nextYear = index < file.count ? file[index].instant.utc.date.year : year
                let predicted = footer.transitions(years: year - 1...nextYear + 1)
                guard let at = predicted.firstIndex(of: t) else { break }
                if index < file.count {
                    guard at + 1 < predicted.count, predicted[at + 1] == file[index] else { break }
                }
                index -= 1
            }
            history = Array(file[..<index])
            if index < file.count {
                startInstant = file[index].instant
            } else {
                let after = file.last?.instant ?? Instant(secondsSinceEpoch: Int64.min / 2)
                let year = file.last.map { $0.instant.utc.date.year } ?? 1970
                guard let first = footer.transitions(years: year...year + 2).first(where: { $0.instant > after }) else {
                    return nil
                }
                startInstant = first.instant
            }
        }

        func observances(until end: Instant) -> [Observance] {
            let firstYear = startInstant.utc.date.year
            let upcoming = footer.transitions(years: firstYear...firstYear + 2).filter { $0.instant >= startInstant }
            var result: [Observance] = []
            for toDaylight in [true, false] {
                guard let first = upcoming.first(where: { $0.after.isDaylightSaving == toDaylight }),
                    let daylight = footer.daylight
                else { continue }
                let change = toDaylight ? daylight.start : daylight.end
                var observance = Observance(type: first.after, from: first.before.offset, onsets: [first.onset])
                if let rrule = Self.yearlyRule(change) {
                    observance.rrule = rrule
                } else {
                    // Not expressible as one RRULE: list every onset up to the end of the range.
                    let lastYear = max(end.utc.date.year, firstYear)
                    observance.onsets = footer.transitions(years: firstYear...lastYear)
                        .filter { $0.after.isDaylightSaving == toDaylight && $0.instant >= startInstant && $0.instant < end }
                        .map(\.onset)
                    if observance.onsets.isEmpty { observance.onsets = [first.onset] }
                }
                result.append(observance)
            }
            return result
        }

        /// A FREQ=YEARLY rule giving the local dates of a POSIX change, or nil when none does. A time outside
        /// 0–24 h moves the change to another day: `M3.4.4/26` (Friday 02:00 after the fourth Thursday) becomes
        /// BYDAY=FR with the seven month days that Friday can fall on.
        static func yearlyRule(_ change: POSIXTimeZoneRule.ChangeRule) -> RecurrenceRule? {
            let shift = change.time >= 0 ? change.time / 86_400 : -((-change.time + 86_399) / 86_400)
            var rule = RecurrenceRule(frequency: .yearly)
            switch change.date {
            case .monthWeekDay(let month, let week, let weekday):
                rule.byMonth = [month]
                let day = Weekday(rawValue: ((weekday.rawValue + shift) % 7 + 7) % 7)!
                if shift == 0 {
                    rule.byDay = [.init(weekday, ordinal: week == 5 ? -1 : week)]
                    return rule
                }
                rule.byDay = [.init(day)]
                // Shortest length the month ever has, so every candidate day exists every year.
                let shortest = month == 2 ? 28 : CalendarDate.daysInMonth(year: 2001, month: month)
                if week == 5 {
                    guard shift < 0 else { return nil }  // would spill into the next month
                    rule.byMonthDay = (-7...(-1)).map { $0 + shift }
                    guard rule.byMonthDay.allSatisfy({ $0 >= -shortest }) else { return nil }
                } else {
                    rule.byMonthDay = (7 * (week - 1) + 1...7 * week).map { $0 + shift }
                    guard rule.byMonthDay.allSatisfy({ (1...shortest).contains($0) }) else { return nil }
                }
                return rule
            case .julianDay(let n):
                // Jn never counts February 29, so it is a fixed month and day; a shift must not cross Feb 29.
                let shifted = n + shift
                guard (1...365).contains(shifted), (n <= 59) == (shifted <= 59) else { return nil }
                let date = CalendarDate(dayNumber: CalendarDate(unchecked: 2001, 1, 1).dayNumber + shifted - 1)
                rule.byMonth = [date.month]
                rule.byMonthDay = [date.day]
                return rule
            case .dayOfYear(let n):
                let yearDay = n + 1 + shift
                guard (1...365).contains(yearDay) else { return nil }
                rule.byYearDay = [yearDay]
                return rule
            }
        }
    }
}
