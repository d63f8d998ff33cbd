import ICalendar
import ICalendarRecurrence

/// The attendee side of implicit scheduling: a REPLY to the organizer for every component whose participation the
/// attendee changed. Other changes an attendee makes to their copy (alarms, TRANSP, even the summary) stay in
/// their copy and send nothing.
/// Spec: RFC 6638 §3.2.2 (attendee modifies or removes), §3.2.2.1 (allowed attendee changes); RFC 5546 §3.2.3
/// (REPLY: ATTENDEE, DTSTAMP, ORGANIZER, RECURRENCE-ID, UID, SEQUENCE; DTSTART and DTEND/DURATION/DUE so the
/// organizer's client can show which instance), §3.2.2.3 (delegation: PARTSTAT=DELEGATED with DELEGATED-TO).
struct AttendeeReply {
    let old: SchedulingObject?
    let new: SchedulingObject?
    let attendee: CalendarUserAddress
    let organizer: CalendarUserAddress

    var outcome: SchedulingOutcome {
        SchedulingOutcome(role: .attendee(attendee, organizer: organizer), messages: message.map { [$0] } ?? [],
                          stored: new?.calendar)
    }

    private var schedulingDisabled: Bool {
        guard let object = new ?? old else { return true }
        if (object.organizerProperty?.scheduleAgent ?? .server) != .server { return true }
        let own = object.components.lazy.compactMap { $0.attendee(attendee) }.first
        return (own?.scheduleAgent ?? .server) != .server
    }

    var message: ITIPMessage? {
        guard !schedulingDisabled, let object = new ?? old else { return nil }
        let components = new == nil ? declinedWhole : changedComponents
        guard !components.isEmpty else { return nil }
        return MessageBuilder.message(.reply, uid: object.uid, from: attendee, to: [organizer], components: components,
                                      source: object.calendar)
    }

    /// The attendee deleted their copy: they decline whatever they had not declined yet.
    private var declinedWhole: [Component] {
        guard let old else { return [] }
        let entries = old.master.map { [(ComponentKey.master, $0)] } ?? old.keyed.map { ($0.key, $0.component) }
        return entries.compactMap { _, component in
            guard let own = component.attendee(attendee), own.participationStatus != "DECLINED" else { return nil }
            return Self.replyComponent(from: component, attendee: own.replacingPartstat("DECLINED"))
        }
    }

    private var changedComponents: [Component] {
        guard let new else { return [] }
        var result: [Component] = []
        for (key, component) in new.keyed {
            guard let own = component.attendee(attendee) else { continue }
            // A new override is compared with what the master said for every instance.
            let previous = old?.component(for: key) ?? old?.master
            let before = previous?.attendee(attendee)
            if let before, before.participationStatus == own.participationStatus,
               Set(before.delegatedTo) == Set(own.delegatedTo) { continue }
            if before == nil, old == nil, own.participationStatus == "NEEDS-ACTION" { continue }
            result.append(Self.replyComponent(from: component, attendee: own))
        }
        result += exdatedInstances
        return result
    }

    /// Instances the attendee removed from their copy with EXDATE: declined.
    private var exdatedInstances: [Component] {
        guard let new, let master = new.master, let own = master.attendee(attendee) else { return [] }
        let had = Set(old?.master.map { old!.exceptionKeys(of: $0) } ?? [])
        let added = new.exceptionKeys(of: master).filter { !had.contains($0) }
        guard old?.master != nil else { return [] }
        return added.map { instance in
            let occurrence = InstanceOverride.make(from: master, instance: instance, zones: new.zones)
            return Self.replyComponent(from: occurrence, attendee: own.replacingPartstat("DECLINED"))
        }
    }

    static let replyProperties: [PropertyName] = [
        .uid, .recurrenceID, .dtstamp, .sequence, .organizer, .dtstart, .dtend, .duration, .due,
    ]

    /// A REPLY component: identity, time and the attendee's own ATTENDEE property, nothing else.
    static func replyComponent(from component: Component, attendee: Property) -> Component {
        var properties = component.properties.filter { replyProperties.contains($0.name) }
            .map { $0.name == .organizer ? $0.removing(serverOnlyParameters) : $0 }
        properties.append(attendee.removing(serverOnlyParameters.union([.rsvp])))
        return Component(name: component.name, properties: properties)
    }
}

extension Property {
    func replacingPartstat(_ value: String) -> Property {
        var copy = self
        copy[parameter: .partstat] = value
        if value != "DELEGATED" { copy[parameter: .delegatedTo] = nil }
        return copy
    }
}
