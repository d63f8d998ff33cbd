import ICalendar

/// One thing that may make a calendar user busy: an instance of a VEVENT (the component that applies to it, with its
/// start and end when the caller expanded a recurrence), or a stored VFREEBUSY.
///
/// Spec: RFC 4791 §7.10 (only VEVENT and VFREEBUSY count), RFC 6638 §9.1 (schedule-calendar-transp: a calendar marked
/// transparent adds no busy time; the caller knows which calendar a candidate came from and says so here).
public struct FreeBusyCandidate: Hashable, Sendable {
    public var component: Component
    /// The instance start; nil reads DTSTART. Ignored for VFREEBUSY.
    public var start: Instant?
    /// The instance end; nil computes it from the component (DTEND, DURATION, or the §9.9 defaults) and `start`.
    public var end: Instant?
    /// The candidate's calendar has CALDAV:schedule-calendar-transp set to transparent.
    public var calendarIsTransparent: Bool

    public init(component: Component, start: Instant? = nil, end: Instant? = nil, calendarIsTransparent: Bool = false) {
        self.component = component
        self.start = start
        self.end = end
        self.calendarIsTransparent = calendarIsTransparent
    }

    /// The FBTYPE one VEVENT instance contributes, or nil when it adds no busy time.
    ///
    /// Spec: RFC 4791 §7.10 table — TRANSP:TRANSPARENT → FREE (nothing); STATUS:CANCELLED → FREE (nothing);
    /// STATUS:TENTATIVE → BUSY-TENTATIVE; CONFIRMED, absent or an x-name → BUSY.
    public static func busyType(ofEvent event: Component) -> FreeBusyType? {
        if event.property(.transp).map({ Self.keyword($0) == "TRANSPARENT" }) == true { return nil }
        switch event.property(.status).map(Self.keyword) {
        case "CANCELLED": return nil
        case "TENTATIVE": return .busyTentative
        default: return .busy
        }
    }

    private static func keyword(_ property: Property) -> String {
        property.value.uppercased()
    }
}
