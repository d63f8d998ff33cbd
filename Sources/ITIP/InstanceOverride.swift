import ICalendar
import ICalendarRecurrence

/// One instance of a recurring master written out as its own component: what the organizer's copy gets when an
/// attendee answers for a single instance that had no override yet, and what an attendee's REPLY describes when
/// they remove one instance.
/// Spec: RFC 5545 §3.8.4.4 (RECURRENCE-ID names the instance by its original start, in the form of DTSTART),
/// §3.8.5.3 (each instance keeps the master's exact length); RFC 5546 §3.2.3 (a REPLY for one instance).
enum InstanceOverride {
    static func make(from master: Component, instance: RecurrenceKey, zones: EmbeddedTimeZones) -> Component {
        var component = master
        for name in [PropertyName.rrule, .rdate, .exdate, .exrule, .recurrenceID] { component.removeProperties(name) }
        let context = zones.context
        guard let startProperty = master.property(.dtstart), let start = try? startProperty.dateTime() else {
            component.properties.insert(instance.recurrenceIDProperty, at: 0)
            return component
        }
        let newStart = written(instance.value, like: start, context: context)
        let startInstant = context.instant(newStart)
        component.setProperty(.dtstart, Property(name: .dtstart, dateTime: newStart, parameters: startProperty.parameters))
        for name in [PropertyName.dtend, .due] {
            guard let property = master.property(name), let end = try? property.dateTime() else { continue }
            let moved = context.moving(end: end, from: start, to: startInstant)
            let local = context.zone(of: end).local(at: moved)
            component.setProperty(name, Property(name: name, dateTime: end.with(local: local), parameters: property.parameters))
        }
        let index = component.properties.firstIndex { $0.name == .dtstart } ?? 0
        component.properties.insert(Property(name: .recurrenceID, dateTime: newStart), at: index)
        return component
    }

    /// `value` in the form `reference` is written in (UTC, a TZID, floating or DATE), when the zones allow the
    /// conversion; otherwise as it is.
    static func written(_ value: DateTime, like reference: DateTime, context: TimeContext) -> DateTime {
        switch (value, reference) {
        case (.date, _), (_, .date), (_, .floating), (.floating, _): return value
        case (.utc, .utc): return value
        case (.zoned(_, let a), .zoned(_, let b)) where a == b: return value
        case (_, .utc): return .utc(context.instant(value).utc)
        case (_, .zoned(_, let tzid)):
            guard let rules = context.resolver.rules(for: tzid) else { return value }
            return .zoned(rules.local(at: context.instant(value)), tzid: tzid)
        }
    }
}
