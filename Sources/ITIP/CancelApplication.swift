import ICalendar

/// A CANCEL arriving in an attendee's calendar: the whole copy goes, or the cancelled instances leave it (their
/// override removed, their RECURRENCE-ID added to the master's EXDATE).
/// Spec: RFC 5546 §3.2.5 (a CANCEL without RECURRENCE-ID cancels the whole object; with it, those instances),
/// §2.1.5 (stale SEQUENCE).
struct CancelApplication {
    let message: SchedulingObject
    let existing: SchedulingObject?

    var result: ITIPApplication {
        guard let existing else { return .unchanged }
        if SequenceOrder.isStale(message, comparedTo: existing) { return .unchanged }
        let keys = message.components.map { existing.key(of: $0) }
        if keys.contains(.master) { return .remove }
        var copy = existing
        for case .instance(let instance) in keys {
            copy.remove(.instance(instance))
            guard var master = copy.master else { continue }
            if !copy.exceptionKeys(of: master).contains(instance) {
                master.properties.append(ExceptionDate.property(for: instance, in: master, zones: copy.zones))
                copy.replace(.master, with: master)
            }
        }
        if copy.components.isEmpty { return .remove }
        return copy.calendar == existing.calendar ? .unchanged : .store(copy.calendar, significant: true)
    }
}

/// An EXDATE for one instance, written in the form of the master's DTSTART (RFC 5545 §3.8.5.1 wants the same
/// value type; the same zone keeps clients that compare wall clocks happy).
enum ExceptionDate {
    static func property(for instance: RecurrenceKey, in master: Component, zones: EmbeddedTimeZones) -> Property {
        guard let start = try? master.property(.dtstart)?.dateTime() else {
            return Property(name: .exdate, dateTime: instance.value)
        }
        return Property(name: .exdate, dateTime: InstanceOverride.written(instance.value, like: start, context: zones.context))
    }
}
