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
    /// The bytes to store: the body as sent, or, when `repairs` is not empty, the repaired tree re-serialised.
    public var data: [UInt8]
    /// The quirks `CalendarDataPolicy` repaired; when there are any, `data` is not what the client sent (so a PUT
    /// returns no ETag, RFC 4791 §5.3.4) and the repairs are logged.
    public var repairs: [ICalendarWarning]

    public init(calendar: Component, uid: String, componentType: String, data: [UInt8] = [],
                repairs: [ICalendarWarning] = []) {
        self.calendar = calendar
        self.uid = uid
        self.componentType = componentType
        self.data = data
        self.repairs = repairs
    }

    /// True when the stored bytes differ from the bytes received.
    public var isRepaired: Bool { !repairs.isEmpty }

    /// The components that make up the object: the master and its overrides (VTIMEZONEs and X- components left out).
    public var members: [Component] {
        calendar.components.filter { $0.name.rawValue == componentType }
    }
}
