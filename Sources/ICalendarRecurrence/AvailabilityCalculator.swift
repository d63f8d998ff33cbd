import ICalendar

/// Busy time implied by VAVAILABILITY components: inside the time a VAVAILABILITY covers, whatever none of its
/// AVAILABLE components covers is busy with its BUSYTYPE.
///
/// Spec: RFC 7953 §3.1 (DTSTART/DTEND or DURATION bound the covered time; either end may be open), §3.2 (BUSYTYPE,
/// default BUSY-UNAVAILABLE), §4 (PRIORITY orders overlapping components: 1 is highest, 9 lowest, 0 or absent is
/// undefined and below 9; a higher-priority component alone decides the time it covers).
///
/// Components of equal priority that overlap decide their shared time together: it is free where any of them has an
/// AVAILABLE, and busy otherwise with the BUSYTYPE of each component covering it (periods of different types may
/// overlap, as RFC 4791 §7.10 allows).
public struct AvailabilityCalculator: Sendable {
    public var context: TimeContext
    public var expander: any AvailableExpanding

    public init(context: TimeContext, expander: any AvailableExpanding = NonRecurringAvailableExpander()) {
        self.context = context
        self.expander = expander
    }

    /// Busy periods in `[start, end)` from the VAVAILABILITY components among `components` (others are ignored),
    /// merged per type and sorted.
    public func busyPeriods(_ components: [Component], from start: Instant, to end: Instant) throws(FreeBusyError) -> [FreeBusyPeriod] {
        guard start < end else { return [] }
        let window = start..<end
        var layers: [AvailabilityLayer] = []
        for component in components where component.name == .vavailability {
            if let layer = try AvailabilityLayer(component, window: window, context: context) { layers.append(layer) }
        }
        // Highest priority first; a stable sort keeps input order inside a level, which only affects output order.
        let levels = Dictionary(grouping: layers, by: \.rank).sorted { $0.key < $1.key }.map(\.value)

        var decided = FreeBusyIntervalSet()
        var busy: [FreeBusyType: [Range<Instant>]] = [:]
        for level in levels {
            var free = FreeBusyIntervalSet()
            for layer in level {
                let spans = try expander.availableSpans(of: layer.component, in: layer.coverage, context: context)
                free = free.union(FreeBusyIntervalSet(spans).clamped(to: layer.coverage))
            }
            var levelCoverage = FreeBusyIntervalSet()
            for layer in level {
                let coverage = FreeBusyIntervalSet([layer.coverage])
                busy[layer.busyType, default: []].append(contentsOf: coverage.subtracting(free).subtracting(decided).ranges)
                levelCoverage = levelCoverage.union(coverage)
            }
            decided = decided.union(levelCoverage)
        }

        var periods: [FreeBusyPeriod] = []
        for (type, ranges) in busy {
            for range in FreeBusyIntervalSet(ranges).ranges {
                periods.append(FreeBusyPeriod(start: range.lowerBound, end: range.upperBound, type: type))
            }
        }
        return periods.sorted()
    }
}

/// One VAVAILABILITY as the calculation needs it: the part of the window it covers, its priority rank and busy type.
struct AvailabilityLayer {
    var component: Component
    var coverage: Range<Instant>
    /// 1...9 from PRIORITY; 10 for 0, absent or out of range, which RFC 7953 ranks below 9.
    var rank: Int
    var busyType: FreeBusyType

    /// Nil when the component covers none of the window.
    init?(_ component: Component, window: Range<Instant>, context: TimeContext) throws(FreeBusyError) {
        do throws(ICalendarParseError) {
            let dtstart = try component.property(.dtstart)?.dateTime()
            let start = dtstart.map(context.instant)
            var end: Instant?
            if let dtend = try component.property(.dtend)?.dateTime() {
                end = context.instant(dtend)
            } else if let dtstart, let start, let duration = try component.property(.duration)?.duration() {
                end = context.adding(duration, to: start, in: context.zone(of: dtstart))
            }
            let low = max(start ?? window.lowerBound, window.lowerBound)
            let high = min(end ?? window.upperBound, window.upperBound)
            guard low < high else { return nil }
            coverage = low..<high

            let priority = try component.property(.priority)?.integer() ?? 0
            rank = (1...9).contains(priority) ? priority : 10

            // BUSYTYPE has no FREE value; an unknown or FREE value reads as BUSY like any unrecognised token.
            let type = component.property(.busytype).map { FreeBusyType(parameterValue: $0.value) } ?? .busyUnavailable
            busyType = type == .free ? .busy : type
            self.component = component
        } catch {
            throw .invalidData(error)
        }
    }
}
