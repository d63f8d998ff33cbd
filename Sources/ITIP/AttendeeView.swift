import ICalendar

/// The part of an organizer's object one attendee takes part in: the components that list them, with the master
/// excluding (by EXDATE) the instances whose override does not list them, so their copy never shows an instance
/// they were taken off. A master with STATUS:CANCELLED means nothing takes place: the view is empty.
/// Spec: RFC 6638 §3.2.1 ("the server ... only includes the components in which the attendee is listed"),
/// RFC 5546 §3.2.2.
struct AttendeeView {
    let entries: [(key: ComponentKey, component: Component)]

    init(_ object: SchedulingObject, attendee: CalendarUserAddress) {
        let keyed = object.keyed
        if let master = object.master, master.isCancelled {
            entries = []
            return
        }
        let absent = keyed.filter { $0.key != .master && $0.component.attendee(attendee) == nil }.compactMap(\.key.recurrenceKey)
        entries = keyed.compactMap { key, component in
            guard component.attendee(attendee) != nil else { return nil }
            guard key == .master, !absent.isEmpty else { return (key, component) }
            var master = component
            let excluded = Set(object.exceptionKeys(of: component))
            for instance in absent where !excluded.contains(instance) {
                master.properties.append(Property(name: .exdate, dateTime: instance.value))
            }
            return (key, master)
        }
    }

    var isEmpty: Bool { entries.isEmpty }
    var keys: [ComponentKey] { entries.map(\.key) }
    var components: [Component] { entries.map(\.component) }

    subscript(key: ComponentKey) -> Component? { entries.first { $0.key == key }?.component }

    /// The entry of the attendee's own ATTENDEE property that decides how they are scheduled (the first).
    func attendeeProperty(_ address: CalendarUserAddress) -> Property? {
        entries.lazy.compactMap { $0.component.attendee(address) }.first
    }
}
