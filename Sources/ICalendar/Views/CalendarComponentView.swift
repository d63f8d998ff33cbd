/// Read access to the properties every scheduling component shares (VEVENT, VTODO, VJOURNAL, VFREEBUSY).
///
/// Spec: RFC 5545 §3.6.1–3.6.4, §3.8. Values that fail to parse read as nil; parsing reports them as errors or,
/// in lenient mode, as warnings.
public protocol CalendarComponentView: Sendable {
    var component: Component { get }
}

extension CalendarComponentView {
    public var uid: String? { component.property(.uid)?.value }
    public var summary: String? { component.property(.summary)?.text }
    public var description: String? { component.property(.description)?.text }
    public var location: String? { component.property(.location)?.text }
    public var status: String? { component.property(.status).map { ASCIIBytes.uppercased($0.value) } }
    public var sequence: Int { (try? component.property(.sequence)?.integer()) ?? 0 }
    public var dtstart: DateTime? { try? component.property(.dtstart)?.dateTime() }
    public var dtstamp: DateTime? { try? component.property(.dtstamp)?.dateTime() }
    public var duration: CalendarDuration? { try? component.property(.duration)?.duration() }
    public var recurrenceID: DateTime? { try? component.property(.recurrenceID)?.dateTime() }
    public var organizer: Property? { component.property(.organizer) }
    public var attendees: [Property] { component.properties(.attendee) }
    public var categories: [String] { component.properties(.categories).flatMap(\.texts) }
    public var color: String? { component.property(.color)?.value }
    public var alarms: [Alarm] { component.components(.valarm).map(Alarm.init) }

    /// The RRULEs (the zone of DTSTART applies to a floating UNTIL).
    public var recurrenceRules: [RecurrenceRule] {
        let tzid = component.property(.dtstart)?.tzid
        return component.properties(.rrule).compactMap { try? $0.recurrenceRule(tzid: tzid) }
    }

    /// RDATE values that are dates or date-times (PERIOD values are in `recurrencePeriods`).
    public var recurrenceDates: [DateTime] {
        component.properties(.rdate).filter { $0.valueType != .period }.flatMap { (try? $0.dateTimes()) ?? [] }
    }

    public var recurrencePeriods: [Period] {
        component.properties(.rdate).filter { $0.valueType == .period }.flatMap { (try? $0.periods()) ?? [] }
    }

    public var exceptionDates: [DateTime] {
        component.properties(.exdate).flatMap { (try? $0.dateTimes()) ?? [] }
    }

    /// Whether this is the master of a recurring series (it has RRULE or RDATE and no RECURRENCE-ID).
    public var isRecurring: Bool {
        component.property(.recurrenceID) == nil && (component.property(.rrule) != nil || component.property(.rdate) != nil)
    }
}

/// A VEVENT. Spec: RFC 5545 §3.6.1.
public struct Event: CalendarComponentView, Hashable {
    public var component: Component
    public init(_ component: Component) { self.component = component }

    public var dtend: DateTime? { try? component.property(.dtend)?.dateTime() }
    /// TRANSP; OPAQUE when absent (RFC 5545 §3.8.2.7).
    public var isTransparent: Bool { component.property(.transp).map { ASCIIBytes.uppercased($0.value) } == "TRANSPARENT" }
    public var isAllDay: Bool { dtstart?.isDate ?? false }
}

/// A VTODO. Spec: RFC 5545 §3.6.2.
public struct Todo: CalendarComponentView, Hashable {
    public var component: Component
    public init(_ component: Component) { self.component = component }

    public var due: DateTime? { try? component.property(.due)?.dateTime() }
    public var completed: DateTime? { try? component.property(.completed)?.dateTime() }
    public var percentComplete: Int? { try? component.property(.percentComplete)?.integer() }
    public var priority: Int? { try? component.property(.priority)?.integer() }
}

/// A VJOURNAL. Spec: RFC 5545 §3.6.3.
public struct Journal: CalendarComponentView, Hashable {
    public var component: Component
    public init(_ component: Component) { self.component = component }
}

/// A VFREEBUSY. Spec: RFC 5545 §3.6.4.
public struct FreeBusy: CalendarComponentView, Hashable {
    public var component: Component
    public init(_ component: Component) { self.component = component }

    public var dtend: DateTime? { try? component.property(.dtend)?.dateTime() }

    /// Each FREEBUSY period with its FBTYPE (BUSY when absent, RFC 5545 §3.2.9).
    public var busyPeriods: [(type: String, period: Period)] {
        component.properties(.freebusy).flatMap { property -> [(type: String, period: Period)] in
            let type = property[parameter: .fbtype].map(ASCIIBytes.uppercased) ?? "BUSY"
            return ((try? property.periods()) ?? []).map { (type, $0) }
        }
    }
}

/// A VALARM. Spec: RFC 5545 §3.6.6.
public struct Alarm: Hashable, Sendable {
    public enum Trigger: Hashable, Sendable {
        case relative(CalendarDuration, toEnd: Bool)
        case absolute(DateTime)
    }

    public var component: Component
    public init(_ component: Component) { self.component = component }

    public var action: String? { component.property(.action).map { ASCIIBytes.uppercased($0.value) } }

    public var trigger: Trigger? {
        guard let property = component.property(.trigger) else { return nil }
        if property.valueType == .dateTime { return (try? property.dateTime()).map(Trigger.absolute) }
        guard let duration = try? property.duration() else { return nil }
        return .relative(duration, toEnd: property[parameter: .related].map(ASCIIBytes.uppercased) == "END")
    }

    public var repeatCount: Int { (try? component.property(.repeat)?.integer()) ?? 0 }
    public var repeatInterval: CalendarDuration? { try? component.property(.duration)?.duration() }
}
