import ICalendar

/// Readers and writers for the scheduling parameters of ORGANIZER and ATTENDEE.
/// Spec: RFC 5545 §3.2.12 (PARTSTAT), §3.2.17 (RSVP), §3.2.4/§3.2.5 (DELEGATED-FROM/-TO); RFC 6638 §7.1–§7.3.
extension Property {
    var calendarUserAddress: CalendarUserAddress { CalendarUserAddress(value) }

    /// SCHEDULE-AGENT; SERVER when absent. An unknown value means the server must not schedule (RFC 6638 §7.1
    /// lets the server refuse it), so it reads as NONE rather than risking messages nobody asked for.
    var scheduleAgent: SchedulingAgent {
        guard let raw = self[parameter: .scheduleAgent] else { return .server }
        return SchedulingAgent(rawValue: raw.uppercased()) ?? .none
    }

    /// PARTSTAT, upper-cased; NEEDS-ACTION when absent (RFC 5545 §3.2.12).
    var participationStatus: String { self[parameter: .partstat]?.uppercased() ?? "NEEDS-ACTION" }

    /// The addresses of DELEGATED-TO (a list parameter).
    var delegatedTo: [CalendarUserAddress] {
        (parameter(.delegatedTo)?.values ?? []).map { CalendarUserAddress($0) }
    }

    /// Whether SCHEDULE-FORCE-SEND asks for a REQUEST (RFC 6638 §7.2).
    var forcesRequest: Bool { self[parameter: .scheduleForceSend]?.uppercased() == "REQUEST" }

    func removing(_ names: Set<ParameterName>) -> Property {
        var copy = self
        copy.parameters.removeAll { names.contains($0.name) }
        return copy
    }

    /// NEEDS-ACTION with RSVP=TRUE: what an attendee is asked after the organizer moves the meeting.
    func resettingParticipation() -> Property {
        var copy = self
        copy[parameter: .partstat] = "NEEDS-ACTION"
        copy[parameter: .rsvp] = "TRUE"
        return copy
    }
}

/// The parameters that exist only between a client and its server and never go into an iTIP message.
/// Spec: RFC 6638 §7.2 (SCHEDULE-FORCE-SEND), §7.3 (SCHEDULE-STATUS); SCHEDULE-AGENT only tells this server what to do.
let serverOnlyParameters: Set<ParameterName> = [.scheduleStatus, .scheduleForceSend, .scheduleAgent]

extension Component {
    /// Applies `transform` to every ORGANIZER and ATTENDEE property.
    func mappingCalendarUsers(_ transform: (Property) -> Property) -> Component {
        var copy = self
        copy.properties = properties.map { $0.name == .attendee || $0.name == .organizer ? transform($0) : $0 }
        return copy
    }

    /// The ATTENDEE property of `address`, if it attends.
    func attendee(_ address: CalendarUserAddress) -> Property? {
        properties.first { $0.name == .attendee && $0.calendarUserAddress == address }
    }

    /// The ATTENDEE addresses, in order, without repeats.
    var attendeeAddresses: [CalendarUserAddress] {
        var seen: Set<CalendarUserAddress> = []
        return properties(.attendee).map(\.calendarUserAddress).filter { seen.insert($0).inserted }
    }

    /// Replaces the ATTENDEE property of `address` (keeping its position).
    mutating func updateAttendee(_ address: CalendarUserAddress, _ transform: (Property) -> Property) {
        for index in properties.indices where properties[index].name == .attendee
            && properties[index].calendarUserAddress == address {
            properties[index] = transform(properties[index])
        }
    }

    var sequenceNumber: Int { (try? property(.sequence)?.integer()) ?? 0 }

    mutating func setSequence(_ value: Int) {
        setProperty(.sequence, Property(name: .sequence, value: String(value)))
    }

    /// STATUS:CANCELLED (RFC 5545 §3.8.1.11): the component, or the instance it overrides, no longer takes place.
    var isCancelled: Bool { property(.status)?.value.uppercased() == "CANCELLED" }
}
