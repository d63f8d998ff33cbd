import ICalendar

/// A calendar object resource that passed `CalendarObjectValidator`: one VCALENDAR whose components (VTIMEZONEs
/// aside) share one type and one UID.
///
/// Spec: RFC 4791 §4.1.
public struct ValidatedCalendarObject: Sendable, Hashable {
    public var calendar: Component
    /// The UID every component shares (TEXT escapes decoded).
    public var uid: String
    /// `VEVENT`, `VTODO`, `VJOURNAL`, `VFREEBUSY`, ... (upper case).
    public var componentType: String
    /// The producer quirks lenient parsing accepted, for logs.
    public var warnings: [ICalendarWarning]

    public init(calendar: Component, uid: String, componentType: String, warnings: [ICalendarWarning] = []) {
        self.calendar = calendar
        self.uid = uid
        self.componentType = componentType
        self.warnings = warnings
    }

    /// The components that make up the object: the master and its overrides (VTIMEZONEs and X- components left out).
    public var members: [Component] {
        calendar.components.filter { $0.name.rawValue == componentType }
    }
}
