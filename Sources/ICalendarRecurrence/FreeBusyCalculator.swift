import ICalendar

/// Computes the busy time of one calendar user over a window from event instances, stored VFREEBUSY components and
/// VAVAILABILITY components.
///
/// Spec: RFC 4791 §7.10 (free-busy-query: VEVENT by TRANSP and STATUS, VFREEBUSY by FBTYPE, coalesce periods of one
/// type), RFC 5545 §3.6.4 and §3.2.9, RFC 6638 §9.1 (transparent calendars), RFC 7953 §4 (VAVAILABILITY busy time,
/// with event busy time added on top). Only times are read from the input; the result says nothing else about it.
public struct FreeBusyCalculator: Sendable {
    public var context: TimeContext
    public var availableExpander: any AvailableExpanding

    public init(context: TimeContext, availableExpander: any AvailableExpanding = NonRecurringAvailableExpander()) {
        self.context = context
        self.availableExpander = availableExpander
    }

    /// Busy time in `[start, end)`. An empty or reversed window gives no periods.
    public func compute(
        from start: Instant, to end: Instant, candidates: some Sequence<FreeBusyCandidate>, availability: [Component] = []
    ) throws(FreeBusyError) -> FreeBusyResult {
        guard start < end else { return FreeBusyResult(start: start, end: end, periods: []) }
        let window = start..<end
        var buckets: [FreeBusyType: [Range<Instant>]] = [:]

        let available = AvailabilityCalculator(context: context, expander: availableExpander)
        for period in try available.busyPeriods(availability, from: start, to: end) {
            buckets[period.type, default: []].append(period.start..<period.end)
        }
        for candidate in candidates {
            for period in try busyPeriods(of: candidate) {
                buckets[period.type, default: []].append(period.start..<period.end)
            }
        }

        var periods: [FreeBusyPeriod] = []
        for (type, ranges) in buckets where type != .free {
            for range in FreeBusyIntervalSet(ranges).clamped(to: window).ranges {
                periods.append(FreeBusyPeriod(start: range.lowerBound, end: range.upperBound, type: type))
            }
        }
        return FreeBusyResult(start: start, end: end, periods: periods.sorted())
    }

    /// The raw busy periods one candidate contributes, before clipping and merging.
    public func busyPeriods(of candidate: FreeBusyCandidate) throws(FreeBusyError) -> [FreeBusyPeriod] {
        guard !candidate.calendarIsTransparent else { return [] }
        let component = candidate.component
        do throws(ICalendarParseError) {
            switch component.name {
            case .vevent:
                guard let type = FreeBusyCandidate.busyType(ofEvent: component) else { return [] }
                guard let (start, end) = try eventSpan(candidate) else { return [] }
                return end > start ? [FreeBusyPeriod(start: start, end: end, type: type)] : []
            case .vfreebusy:
                return try FreeBusyPeriod.all(in: component, context: context).filter { $0.type != .free && $0.end > $0.start }
            default:
                // VTODO, VJOURNAL and anything else do not make anyone busy (RFC 4791 §7.10).
                return []
            }
        } catch {
            throw .invalidData(error)
        }
    }

    private func eventSpan(_ candidate: FreeBusyCandidate) throws(ICalendarParseError) -> (Instant, Instant)? {
        if let start = candidate.start, let end = candidate.end { return (start, end) }
        guard case .event(let start, let end)? = try InstanceSpan(candidate.component, instanceStart: candidate.start, context: context)
        else { return nil }
        return (start, end)
    }
}
