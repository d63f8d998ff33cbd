import ICalendar

/// An ADD arriving in an attendee's calendar: new instances of an existing recurring object. Each becomes an RDATE
/// of the master and an override carrying the component's details. Without a copy to add to, nothing happens (the
/// recipient's client may send a REFRESH).
/// Spec: RFC 5546 §3.2.4 (ADD; "if the ... UID ... is not found, the recipient SHOULD send a REFRESH").
struct AddApplication {
    let message: SchedulingObject
    let existing: SchedulingObject?

    var result: ITIPApplication {
        guard let existing, var master = existing.master else { return .unchanged }
        if SequenceOrder.isStale(message, comparedTo: existing) { return .unchanged }
        var copy = existing
        for component in message.components {
            guard let start = try? component.property(.dtstart)?.dateTime() else { continue }
            let instance = existing.key(for: start)
            var added = component
            for name in [PropertyName.rrule, .rdate, .exdate, .exrule] { added.removeProperties(name) }
            added.setProperty(.recurrenceID, Property(name: .recurrenceID, dateTime: start))
            copy.replace(.instance(instance), with: added)
            var rdate = ExceptionDate.property(for: instance, in: master, zones: existing.zones)
            rdate.name = .rdate
            master.properties.append(rdate)
            master.setSequence(max(master.sequenceNumber, component.sequenceNumber))
        }
        copy.replace(.master, with: master)
        return copy.calendar == existing.calendar ? .unchanged : .store(copy.calendar, significant: true)
    }
}
