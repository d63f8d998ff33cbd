import ICalendar

extension ITIP {
    /// The properties an attendee may propose in a COUNTER and an organizer takes over when accepting it.
    static let counterProposedProperties: [PropertyName] = [.dtstart, .dtend, .duration, .due, .location, .summary, .description]

    /// Organizer accepts a COUNTER: the organizer copy with the proposed DTSTART/DTEND/DURATION/DUE/LOCATION/SUMMARY/
    /// DESCRIPTION of the countered component (matched by RECURRENCE-ID; an instance counter makes an override),
    /// SEQUENCE+1, other attendees' PARTSTAT reset to NEEDS-ACTION (RSVP=TRUE), the proposer's PARTSTAT taken from the COUNTER.
    /// Spec: RFC 5546 §3.2.7 (COUNTER; "the Organizer ... accepts the counter proposal by sending ... an updated
    /// REQUEST"). Store the result with `messages(old:new:actor:)` to get that REQUEST.
    public static func acceptingCounter(_ counter: ITIPMessage, organizerCopy: Component) throws(ITIPError) -> Component {
        let proposal = try counterObject(counter)
        var copy = try SchedulingObject(organizerCopy)
        let organizer = copy.organizer
        for proposed in proposal.components {
            let key = copy.key(of: proposed)
            guard var target = copy.component(for: key) ?? override(for: key, in: copy) else {
                throw .invalidMessage("the COUNTER is about an instance '\(counter.uid)' does not have")
            }
            let endNames: Set<PropertyName> = [.dtend, .duration]
            let proposedNames = Set(counterProposedProperties.filter { proposed.property($0) != nil })
            if !proposedNames.isDisjoint(with: endNames) { endNames.forEach { target.removeProperties($0) } }
            for name in counterProposedProperties {
                guard let value = proposed.property(name) else { continue }
                target.setProperty(name, value)
            }
            target.setSequence(target.sequenceNumber + 1)
            for address in target.attendeeAddresses where address != organizer {
                if address == counter.originator {
                    let status = proposed.attendee(address)?[parameter: .partstat]
                    target.updateAttendee(address) { property in
                        var p = property
                        if let status { p[parameter: .partstat] = status }
                        return p
                    }
                } else {
                    target.updateAttendee(address) { $0.resettingParticipation() }
                }
            }
            copy.replace(key, with: target)
        }
        return copy.calendar
    }

    /// Organizer declines a COUNTER: the DECLINECOUNTER message to the proposer (RFC 5546 §3.2.8).
    /// Each component names the countered instance with the organizer's current SEQUENCE and DTSTAMP, the
    /// ORGANIZER and the proposer's ATTENDEE.
    public static func decliningCounter(_ counter: ITIPMessage, organizerCopy: Component) throws(ITIPError) -> ITIPMessage {
        let proposal = try counterObject(counter)
        let copy = try SchedulingObject(organizerCopy)
        guard let organizer = copy.organizer else { throw .invalidMessage("the organizer's copy has no ORGANIZER") }
        let components = proposal.components.map { proposed -> Component in
            let key = copy.key(of: proposed)
            let current = copy.component(for: key) ?? copy.master ?? proposed
            var properties = current.properties.filter { [.uid, .dtstamp, .sequence, .organizer].contains($0.name) }
            if let recurrenceID = proposed.property(.recurrenceID) { properties.append(recurrenceID) }
            properties.append(current.attendee(counter.originator) ?? proposed.attendee(counter.originator)
                ?? Property(name: .attendee, value: counter.originator.value))
            return Component(name: current.name, properties: properties)
        }
        return MessageBuilder.message(.declineCounter, uid: copy.uid, from: organizer, to: [counter.originator],
                                      components: components, source: copy.calendar)
    }

    private static func counterObject(_ counter: ITIPMessage) throws(ITIPError) -> SchedulingObject {
        guard counter.method == .counter else {
            throw .invalidMessage("expected a COUNTER, got a \(counter.method.rawValue)")
        }
        return try SchedulingObject(counter.calendar)
    }

    private static func override(for key: ComponentKey, in object: SchedulingObject) -> Component? {
        guard case .instance(let instance) = key, let master = object.master else { return nil }
        return InstanceOverride.make(from: master, instance: instance, zones: object.zones)
    }
}
