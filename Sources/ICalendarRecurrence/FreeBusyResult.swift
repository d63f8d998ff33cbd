import ICalendar

/// The busy time of one calendar user over one window: typed periods for the JSON API, and the VFREEBUSY component
/// for CalDAV and iTIP.
///
/// Spec: RFC 5545 §3.6.4 (VFREEBUSY), RFC 4791 §7.10 (free-busy-query response: one VFREEBUSY with DTSTART/DTEND of
/// the request and only busy time), RFC 6638 §5 and RFC 5546 §3.3.3 (the VFREEBUSY REPLY, which the caller
/// completes with ORGANIZER, ATTENDEE and UID).
public struct FreeBusyResult: Hashable, Sendable {
    public var start: Instant
    public var end: Instant
    /// Clipped to `[start, end)`, merged per type, sorted by start (then end, then type). Periods of different
    /// types may overlap (RFC 4791 §7.10 allows it).
    public var periods: [FreeBusyPeriod]

    public init(start: Instant, end: Instant, periods: [FreeBusyPeriod]) {
        self.start = start
        self.end = end
        self.periods = periods
    }

    /// The periods of one type.
    public func periods(of type: FreeBusyType) -> [FreeBusyPeriod] {
        periods.filter { $0.type == type }
    }

    /// A VFREEBUSY with DTSTAMP, UID (when given), DTSTART and DTEND of the window in UTC, and one FREEBUSY property
    /// per period. Nothing else about the events is written: no SUMMARY, LOCATION, UID or attendees of theirs.
    public func component(dtstamp: Instant, uid: String? = nil) -> Component {
        var properties = [Property(name: .dtstamp, dateTime: .utc(dtstamp.utc))]
        if let uid { properties.append(Property(name: .uid, text: uid)) }
        properties.append(Property(name: .dtstart, dateTime: .utc(start.utc)))
        properties.append(Property(name: .dtend, dateTime: .utc(end.utc)))
        properties.append(contentsOf: periods.map(\.property))
        return Component(name: .vfreebusy, properties: properties)
    }
}
