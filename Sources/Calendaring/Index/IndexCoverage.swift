import CalendarStore
import ICalendar
import ICalendarRecurrence

/// What one instance contributes to an `ObjectIndex`: intervals the store compares with its overlap rule, or
/// "always" for an instance RFC 4791 §9.9 matches against every range.
///
/// The store tests `start < window.end && end > window.start` (a zero-length interval: `start` in the window), the
/// VEVENT rule. Where a §9.9 table compares inclusively (`<=` / `>=`: VTODO, VFREEBUSY bounds) the interval is widened
/// by one second on each side, so the index always accepts a superset of what the exact test accepts; candidates
/// are re-checked exactly.
enum IndexCoverage: Equatable {
    case intervals([InstanceInterval])
    case always

    /// One second: enough to turn every inclusive §9.9 comparison on whole seconds into the store's strict one.
    static let boundarySlack: Int64 = 1

    init(_ span: InstanceSpan) {
        let slack = Self.boundarySlack
        switch span {
        case .event(let start, let end), .journal(let start, let end):
            self = .intervals([Self.interval(start.secondsSinceEpoch, max(start, end).secondsSinceEpoch)])
        case .withoutStart:
            self = .intervals([])
        case .todo(let start, let durationEnd, let due, let completed, let created):
            let times = [start, durationEnd, due].compactMap { $0?.secondsSinceEpoch }
            if let low = times.min(), let high = times.max() {
                self = .intervals([Self.interval(low - slack, high + slack)])
            } else if let completed = completed?.secondsSinceEpoch {
                // (start <= CREATED OR start <= COMPLETED) AND (end >= CREATED OR end >= COMPLETED): the range meets
                // the closed interval between the two (or just COMPLETED).
                let created = created?.secondsSinceEpoch ?? completed
                self = .intervals([Self.interval(min(completed, created) - slack, max(completed, created) + slack)])
            } else if let created = created?.secondsSinceEpoch {
                // Only CREATED: end > CREATED, whatever the start.
                self = .intervals([Self.interval(created - slack, Int64.max)])
            } else {
                self = .always
            }
        case .freeBusy(let bounds, let periods):
            if let bounds {
                self = .intervals([Self.interval(bounds.lowerBound.secondsSinceEpoch - slack, bounds.upperBound.secondsSinceEpoch + slack)])
            } else {
                self = .intervals(periods.map { Self.interval($0.start.secondsSinceEpoch, $0.end.secondsSinceEpoch) })
            }
        }
    }

    /// The same coverage widened by `seconds` on each side (saturating), for times read in the floating zone.
    func widened(by seconds: Int64) -> IndexCoverage {
        guard seconds > 0, case .intervals(let intervals) = self else { return self }
        return .intervals(intervals.map {
            Self.interval($0.start.subtractingReportingOverflow(seconds).overflow ? Int64.min : $0.start - seconds,
                          $0.end.addingReportingOverflow(seconds).overflow ? Int64.max : $0.end + seconds)
        })
    }

    private static func interval(_ start: Int64, _ end: Int64) -> InstanceInterval {
        InstanceInterval(start: start, end: max(start, end))
    }
}
