import ICalendar

/// The organizer side of implicit scheduling: what the organizer's change means for each attendee, and the object
/// to store.
/// Spec: RFC 6638 §3.2.1 (organizer creates, modifies, removes), §3.2.3 (SCHEDULE-FORCE-SEND), §7.1
/// (SCHEDULE-AGENT); RFC 5546 §2.1.4 (SEQUENCE), §3.2.2 (REQUEST), §3.2.5 (CANCEL).
///
/// Each attendee gets at most one message: a REQUEST with every component they attend when any of those is new
/// to them or changed significantly (or SCHEDULE-FORCE-SEND=REQUEST is on them); else a CANCEL of the whole object
/// when they attend nothing any more; else a CANCEL with the RECURRENCE-IDs of the instances taken from them
/// (EXDATE added, override cancelled, removed from an override). A REQUEST already carries those removals (the
/// master with its EXDATEs), so it is never paired with a CANCEL.
struct OrganizerScheduling {
    let old: SchedulingObject?
    /// The new object as it will be stored (nil for a delete).
    let stored: SchedulingObject?
    let organizer: CalendarUserAddress
    let actor: CalendarUser
    /// Attendees the client marked SCHEDULE-FORCE-SEND=REQUEST (read before storage strips the parameter).
    let forced: Set<CalendarUserAddress>

    init(old: SchedulingObject?, new: SchedulingObject?, organizer: CalendarUserAddress, actor: CalendarUser) {
        self.old = old
        self.organizer = organizer
        self.actor = actor
        forced = Set(new?.components.flatMap { $0.properties(.attendee).filter(\.forcesRequest).map(\.calendarUserAddress) } ?? [])
        stored = new.map { Self.prepareForStorage($0, old: old, organizer: organizer) }
    }

    var outcome: SchedulingOutcome {
        SchedulingOutcome(role: .organizer(organizer), messages: messages, stored: stored?.calendar)
    }

    /// SCHEDULE-FORCE-SEND removed; SEQUENCE bumped for a significant change the client did not bump; attendees
    /// asked again (NEEDS-ACTION, RSVP=TRUE) when the time changed, unless the client itself set their PARTSTAT in
    /// this change (accepting a COUNTER sets the proposer's).
    static func prepareForStorage(_ new: SchedulingObject, old: SchedulingObject?, organizer: CalendarUserAddress)
        -> SchedulingObject {
        var object = new
        object.mapComponents { key, component in
            var result = component.mappingCalendarUsers { $0.removing([.scheduleForceSend]) }
            guard let previous = old?.component(for: key) else { return result }
            if SignificantChange.contentChanged(previous, component), component.sequenceNumber <= previous.sequenceNumber {
                result.setSequence(previous.sequenceNumber + 1)
            }
            if SignificantChange.timeChanged(previous, component) {
                for address in result.attendeeAddresses where address != organizer {
                    let before = previous.attendee(address)?.participationStatus
                    let now = result.attendee(address)?.participationStatus
                    guard before == nil || before == now else { continue }
                    result.updateAttendee(address) { $0.resettingParticipation() }
                }
            }
            return result
        }
        return object
    }

    private var schedulingDisabled: Bool {
        let property = stored?.organizerProperty ?? old?.organizerProperty
        return (property?.scheduleAgent ?? .server) != .server
    }

    /// Attendees of the new object in order, then those only the old one had.
    private var recipients: [CalendarUserAddress] {
        var seen: Set<CalendarUserAddress> = [organizer]
        let all = (stored?.attendeeAddresses ?? []) + (old?.attendeeAddresses ?? [])
        return all.filter { !actor.owns($0) && seen.insert($0).inserted }
    }

    var messages: [ITIPMessage] {
        guard !schedulingDisabled else { return [] }
        var requests: [ITIPMessage] = []
        var cancels: [ITIPMessage] = []
        for attendee in recipients {
            let before = old.map { AttendeeView($0, attendee: attendee) }
            let after = stored.map { AttendeeView($0, attendee: attendee) }
            let property = after?.attendeeProperty(attendee) ?? before?.attendeeProperty(attendee)
                ?? stored?.components.lazy.compactMap { $0.attendee(attendee) }.first
                ?? old?.components.lazy.compactMap { $0.attendee(attendee) }.first
            guard property?.scheduleAgent ?? .server == .server else { continue }
            switch decision(before: before, after: after, attendee: attendee) {
            case .nothing: break
            case .request: requests.append(request(after!, to: attendee))
            case .cancelAll: cancels.append(cancelAll(before ?? .empty, to: attendee))
            case .cancelInstances(let keys): cancels.append(cancel(keys, to: attendee, before: before ?? .empty))
            }
        }
        return requests + cancels
    }

    private enum Decision {
        case nothing, request, cancelAll
        case cancelInstances([RecurrenceKey])
    }

    private func decision(before: AttendeeView?, after: AttendeeView?, attendee: CalendarUserAddress) -> Decision {
        let before = before ?? AttendeeView.empty
        guard let after, !after.isEmpty else { return before.isEmpty ? .nothing : .cancelAll }
        if before.isEmpty || forced.contains(attendee) {
            return .request
        }
        var removed: [RecurrenceKey] = []
        for (key, component) in after.entries {
            guard let previous = before[key] else {
                // A new override: a cancelled one takes an instance away, any other is news.
                if component.isCancelled, let instance = key.recurrenceKey { removed.append(instance); continue }
                return .request
            }
            if component.isCancelled {
                if !previous.isCancelled, let instance = key.recurrenceKey { removed.append(instance) }
                continue
            }
            if SignificantChange.contentChanged(previous, component, ignoringExdates: true) { return .request }
            if key == .master, let stored, let old {
                let had = Set(old.exceptionKeys(of: previous))
                let has = stored.exceptionKeys(of: component)
                // An EXDATE taken away brings an instance back: only a REQUEST can say so.
                if !had.isSubset(of: Set(has)) { return .request }
                removed += has.filter { !had.contains($0) }
            }
        }
        for key in before.keys where after[key] == nil {
            // Off the master but still in overrides: their copy's master must go, which only a REQUEST replaces.
            guard let instance = key.recurrenceKey else { return .request }
            if !(before[key]?.isCancelled ?? false) { removed.append(instance) }
        }
        var seen: Set<RecurrenceKey> = []
        removed = removed.filter { seen.insert($0).inserted }
        return removed.isEmpty ? .nothing : .cancelInstances(removed)
    }

    // MARK: Messages

    private func request(_ view: AttendeeView, to attendee: CalendarUserAddress) -> ITIPMessage {
        MessageBuilder.message(.request, uid: stored!.uid, from: organizer, to: [attendee], components: view.components,
                               source: stored!.calendar)
    }

    /// The whole object is gone for this attendee: deleted, cancelled, or they were removed from it.
    private func cancelAll(_ before: AttendeeView, to attendee: CalendarUserAddress) -> ITIPMessage {
        let object = stored ?? old!
        let keys = before[.master] != nil ? [ComponentKey.master] : before.keys
        let components = keys.map { key -> Component in
            let source = stored?.component(for: key) ?? before[key]!
            let sequence = stored?.component(for: key)?.sequenceNumber ?? (source.sequenceNumber + 1)
            let property = before[key]?.attendee(attendee) ?? Property(name: .attendee, value: attendee.value)
            return CancelComponent.make(from: source, instance: key.recurrenceKey, sequence: sequence,
                                        attendee: property, organizer: object.organizerProperty)
        }
        return MessageBuilder.message(.cancel, uid: object.uid, from: organizer, to: [attendee], components: components,
                                      source: object.calendar)
    }

    private func cancel(_ instances: [RecurrenceKey], to attendee: CalendarUserAddress, before: AttendeeView) -> ITIPMessage {
        let object = stored!
        let components = instances.map { instance -> Component in
            let key = ComponentKey.instance(instance)
            let source = object.component(for: key) ?? before[key] ?? object.master ?? object.components[0]
            let sequence = max(object.master?.sequenceNumber ?? 0, source.sequenceNumber)
            let property = before[key]?.attendee(attendee) ?? before[.master]?.attendee(attendee)
                ?? Property(name: .attendee, value: attendee.value)
            return CancelComponent.make(from: source, instance: instance, sequence: sequence, attendee: property,
                                        organizer: object.organizerProperty)
        }
        return MessageBuilder.message(.cancel, uid: object.uid, from: organizer, to: [attendee], components: components,
                                      source: object.calendar)
    }
}

extension AttendeeView {
    static let empty = AttendeeView(entries: [])

    init(entries: [(key: ComponentKey, component: Component)]) { self.entries = entries }
}
