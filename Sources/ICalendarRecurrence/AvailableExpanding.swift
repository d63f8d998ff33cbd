import ICalendar

/// Yields the time the AVAILABLE sub-components of one VAVAILABILITY make available. Recurrence expansion lives in
/// the recurrence expander; this protocol lets it plug in without free/busy knowing how it works.
///
/// Spec: RFC 7953 §3.1 (AVAILABLE: DTSTART, DTEND or DURATION, and RRULE/RDATE/EXDATE/RECURRENCE-ID like any
/// recurring component).
public protocol AvailableExpanding: Sendable {
    /// The spans in which `vavailability`'s AVAILABLE components (with recurrences expanded and RECURRENCE-ID
    /// overrides applied) overlap `window`. Spans may extend past the window, overlap each other or come in any order.
    func availableSpans(
        of vavailability: Component, in window: Range<Instant>, context: TimeContext
    ) throws(FreeBusyError) -> [Range<Instant>]
}

/// Reads each AVAILABLE as the single span DTSTART to DTEND (or DTSTART+DURATION); it throws
/// `recurrenceNotExpanded` for RRULE or RDATE rather than guess, so a missing expander cannot hide free time.
public struct NonRecurringAvailableExpander: AvailableExpanding {
    public init() {}

    public func availableSpans(
        of vavailability: Component, in window: Range<Instant>, context: TimeContext
    ) throws(FreeBusyError) -> [Range<Instant>] {
        var spans: [Range<Instant>] = []
        for available in vavailability.components(.available) {
            if available.property(.rrule) != nil || available.property(.rdate) != nil {
                throw .recurrenceNotExpanded(uid: available.property(.uid)?.text)
            }
            do throws(ICalendarParseError) {
                // DTSTART is REQUIRED in AVAILABLE; one without it marks no time.
                guard let dtstart = try available.property(.dtstart)?.dateTime() else { continue }
                let start = context.instant(dtstart)
                let end: Instant
                if let dtend = try available.property(.dtend)?.dateTime() {
                    end = context.instant(dtend)
                } else if let duration = try available.property(.duration)?.duration() {
                    end = context.adding(duration, to: start, in: context.zone(of: dtstart))
                } else {
                    continue  // neither DTEND nor DURATION: an instant, which frees no time
                }
                if start < end && start < window.upperBound && end > window.lowerBound { spans.append(start..<end) }
            } catch {
                throw .invalidData(error)
            }
        }
        return spans
    }
}
