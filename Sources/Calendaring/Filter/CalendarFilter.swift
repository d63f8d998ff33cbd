import CalendarStore
import ICalendar
import ICalendarRecurrence

/// The filter of a calendar query (a CALDAV:filter, read by the CalDAV door): built once, then matched against each
/// candidate object.
///
/// Spec: RFC 4791 §9.7 (one comp-filter naming VCALENDAR), §9.7.1–9.7.5, §9.9 (time ranges, recurrence instances one
/// by one, overrides and EXDATE applied).
public struct CalendarFilter: Sendable, Hashable {
    /// The comp-filter for VCALENDAR.
    public var root: CompFilter

    public init(root: CompFilter) {
        self.root = root
    }

    /// Whether a calendar object (its VCALENDAR) passes the filter. Floating times and DATEs are read in
    /// `context.floating`; TZIDs through `context.resolver`, then the object's own VTIMEZONEs.
    public func matches(_ calendar: Component, context: TimeContext) -> Bool {
        FilterEvaluator(calendar: calendar, context: context.resolving(embeddedZonesOf: calendar)).matches(root, scope: nil)
    }
}
