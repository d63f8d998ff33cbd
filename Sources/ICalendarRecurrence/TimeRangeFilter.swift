import ICalendar

/// A CALDAV:time-range test, applied one instance at a time.
///
/// Spec: RFC 4791 §9.9. The caller expands recurrences and asks once per instance, passing the instance start and the
/// component that applies to it (the master, or the RECURRENCE-ID override); "if any one instance matches, then the
/// test returns true" is the caller's loop. Non-recurring components are asked once with no instance start.
/// Floating times and DATEs are read in `context.floating` (RFC 4791 §7.3).
public struct TimeRangeFilter: Sendable {
    public var range: TimeRange
    public var context: TimeContext

    public init(range: TimeRange, context: TimeContext) {
        self.range = range
        self.context = context
    }

    /// Whether one instance of a VEVENT, VTODO, VJOURNAL or VFREEBUSY overlaps the range. Other components have no
    /// defined time-range semantic and never match (use `matchesAlarm` for VALARM).
    public func matches(_ component: Component, instanceStart: Instant? = nil) throws(ICalendarParseError) -> Bool {
        guard let span = try InstanceSpan(component, instanceStart: instanceStart, context: context) else { return false }
        return span.overlaps(range)
    }

    /// Whether a span computed elsewhere (for instance from a stored index) overlaps the range.
    public func matches(_ span: InstanceSpan) -> Bool {
        span.overlaps(range)
    }

    /// Whether any trigger of `alarm`, set on one instance of `parent`, lies in the range.
    public func matchesAlarm(_ alarm: Component, of parent: Component, instanceStart: Instant? = nil) throws(ICalendarParseError) -> Bool {
        guard let reading = try InstanceReading(parent, instanceStart: instanceStart, context: context),
            let triggers = try AlarmTriggers(
                alarm: alarm, start: reading.span.alarmStart, end: reading.span.alarmEnd, zone: reading.zone, context: context)
        else { return false }
        return triggers.overlaps(range)
    }

    /// Whether any VALARM directly inside one instance of `parent` fires in the range.
    public func matchesAnyAlarm(of parent: Component, instanceStart: Instant? = nil) throws(ICalendarParseError) -> Bool {
        for alarm in parent.components(.valarm) where try matchesAlarm(alarm, of: parent, instanceStart: instanceStart) {
            return true
        }
        return false
    }
}
