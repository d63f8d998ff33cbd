import ICalendar

/// A REQUEST (or PUBLISH) arriving in an attendee's calendar: their copy becomes the organizer's version, keeping
/// what is theirs.
/// Spec: RFC 5546 §3.2.2 (a REQUEST with the master replaces the object; one with only RECURRENCE-ID components
/// updates those instances), §2.1.5 (stale SEQUENCE); RFC 6638 §3.2.10 (Schedule-Tag kept when only
/// participation changed).
///
/// Kept from the existing copy: VALARMs and TRANSP (the attendee's own reminders and free/busy choice) and the
/// attendee's own PARTSTAT, RSVP and DELEGATED-TO, unless the organizer moved that component in time (then the
/// organizer's NEEDS-ACTION applies).
struct RequestApplication {
    let message: SchedulingObject
    let existing: SchedulingObject?
    let recipient: CalendarUser

    var result: ITIPApplication {
        let own = message.attendeeAddresses.first(where: recipient.owns)
        var incoming = message
        incoming.calendar.removeProperties(.method)
        guard let existing else {
            if let own {
                incoming.mapComponents { _, component in
                    var copy = component
                    copy.updateAttendee(own) { property in
                        var p = property
                        if p[parameter: .partstat] == nil { p[parameter: .partstat] = "NEEDS-ACTION" }
                        return p
                    }
                    return copy
                }
            }
            return .store(incoming.calendar, significant: true)
        }
        if SequenceOrder.isStale(message, comparedTo: existing) { return .unchanged }
        var merged = merge(incoming, into: existing)
        merged.mapComponents { key, component in keepPersonal(component, previous: existing.component(for: key),
                                                               master: existing.master, own: own) }
        if merged.calendar == existing.calendar { return .unchanged }
        let significant = isSignificant(merged, comparedTo: existing)
        return .store(merged.calendar, significant: significant)
    }

    private func merge(_ incoming: SchedulingObject, into existing: SchedulingObject) -> SchedulingObject {
        guard incoming.master == nil else { return incoming }
        var merged = existing
        for component in incoming.components { merged.replace(existing.key(of: component), with: component) }
        let known = Set(existing.calendar.components(.vtimezone).compactMap { $0.property(.tzid)?.text })
        let added = incoming.calendar.components(.vtimezone).filter { !known.contains($0.property(.tzid)?.text ?? "") }
        merged.calendar.components.insert(contentsOf: added, at: 0)
        return merged
    }

    private func keepPersonal(_ component: Component, previous: Component?, master: Component?,
                              own: CalendarUserAddress?) -> Component {
        var result = component
        // A new override inherits the attendee's alarms from their master.
        guard let personal = previous ?? master else { return result }
        result.components.removeAll { $0.name == .valarm }
        result.components += personal.components(.valarm)
        if let transp = personal.property(.transp) { result.setProperty(.transp, transp) }
        guard let own, let previous, let before = previous.attendee(own),
              !SignificantChange.timeChanged(previous, component) else { return result }
        result.updateAttendee(own) { property in
            var p = property
            for name in [ParameterName.partstat, .rsvp, .delegatedTo] {
                p.parameters.removeAll { $0.name == name }
                if let kept = before.parameter(name) { p.parameters.append(kept) }
            }
            return p
        }
        return result
    }

    private func isSignificant(_ merged: SchedulingObject, comparedTo existing: SchedulingObject) -> Bool {
        let before = existing.keyed, after = merged.keyed
        guard Set(before.map(\.key)) == Set(after.map(\.key)) else { return true }
        return after.contains { key, component in
            guard let previous = existing.component(for: key) else { return true }
            return SignificantChange.isSignificant(previous, component)
        }
    }
}
