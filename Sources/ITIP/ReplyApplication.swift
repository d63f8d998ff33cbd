import ICalendar
import ICalendarRecurrence

/// A REPLY arriving in the organizer's calendar: the replying attendee's PARTSTAT (and delegation) recorded in
/// the components the reply is about.
/// Spec: RFC 5546 §3.2.3 (REPLY), §3.2.2.3 (delegation: the organizer adds the delegate with DELEGATED-FROM),
/// §2.1.5 (a reply to an older SEQUENCE is ignored); RFC 6638 §3.2.10 (participation only: the Schedule-Tag stays).
///
/// A reply about an instance without override creates the override from the master, so the organizer sees who
/// comes to that instance. Replies from someone who is not an attendee of the component are ignored.
struct ReplyApplication {
    let message: SchedulingObject
    let replier: CalendarUserAddress
    let existing: SchedulingObject?

    var result: ITIPApplication {
        guard let existing else { return .unchanged }
        var copy = existing
        for component in message.components {
            guard let reply = component.attendee(replier) else { continue }
            let key = existing.key(of: component)
            guard var target = copy.component(for: key) ?? newOverride(for: key, in: copy),
                  target.attendee(replier) != nil,
                  component.sequenceNumber >= target.sequenceNumber else { continue }
            record(reply, in: &target)
            copy.replace(key, with: target)
        }
        return copy.calendar == existing.calendar ? .unchanged : .store(copy.calendar, significant: false)
    }

    private func newOverride(for key: ComponentKey, in object: SchedulingObject) -> Component? {
        guard case .instance(let instance) = key, let master = object.master, isInstance(instance, of: master, object)
        else { return nil }
        return InstanceOverride.make(from: master, instance: instance, zones: object.zones)
    }

    /// Whether the master's recurrence set has an instance starting at `instance` (and EXDATE does not remove it).
    private func isInstance(_ instance: RecurrenceKey, of master: Component, _ object: SchedulingObject) -> Bool {
        guard let set = try? RecurrenceSet(component: master), set.isRecurring else { return false }
        let at = object.zones.context.instant(instance.value)
        let found = set.occurrences(from: at, to: at.adding(seconds: 1), resolver: object.zones)
        return found.contains { object.key(for: $0.start) == instance }
    }

    private func record(_ reply: Property, in component: inout Component) {
        var delegator: Property?
        component.updateAttendee(replier) { property in
            var p = property
            p[parameter: .partstat] = reply.participationStatus
            p.parameters.removeAll { $0.name == .delegatedTo }
            if let delegated = reply.parameter(.delegatedTo) { p.parameters.append(delegated) }
            delegator = p
            return p
        }
        guard let delegator else { return }
        for delegate in reply.parameter(.delegatedTo)?.values ?? [] {
            let address = CalendarUserAddress(delegate)
            guard component.attendee(address) == nil else { continue }
            var parameters = [Parameter(.delegatedFrom, delegator.value), Parameter(.partstat, "NEEDS-ACTION"),
                              Parameter(.rsvp, "TRUE")]
            if let role = delegator.parameter(.role) { parameters.insert(role, at: 0) }
            let position = (component.properties.lastIndex { $0.name == .attendee } ?? component.properties.count - 1) + 1
            component.properties.insert(Property(name: .attendee, parameters: parameters, value: delegate), at: position)
        }
    }
}
