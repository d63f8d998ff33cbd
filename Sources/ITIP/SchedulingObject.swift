import ICalendar

/// A calendar object resource as scheduling sees it: one UID, its master and overridden instances keyed by
/// RECURRENCE-ID, its ORGANIZER, and the VTIMEZONEs that let RECURRENCE-IDs be compared.
/// Spec: RFC 6638 §3.1 (scheduling object resources), RFC 5545 §3.8.4.4 (RECURRENCE-ID), §3.8.4.7 (UID).
struct SchedulingObject {
    /// The component types that carry scheduling: VEVENT and VTODO (RFC 5546 §3.2, §3.4). VJOURNAL and
    /// VFREEBUSY are read so that an object of one UID is recognised, but they are never scheduled implicitly.
    static let scheduledTypes: Set<ComponentName> = [.vevent, .vtodo]
    static let objectTypes: Set<ComponentName> = [.vevent, .vtodo, .vjournal, .vfreebusy]

    /// The whole VCALENDAR.
    var calendar: Component
    let uid: String
    let zones: EmbeddedTimeZones

    /// - Throws: `.invalidMessage` when the calendar is not a VCALENDAR, a component has no UID or two UIDs
    ///   differ; `.organizerMismatch` when components name different organizers.
    init(_ calendar: Component) throws(ITIPError) {
        guard calendar.name == .vcalendar else {
            throw .invalidMessage("expected a VCALENDAR, found \(calendar.name)")
        }
        let parts = calendar.components.filter { Self.objectTypes.contains($0.name) }
        guard !parts.isEmpty else {
            throw .invalidMessage("the calendar has no VEVENT, VTODO, VJOURNAL or VFREEBUSY component")
        }
        var uid: String?
        var organizer: CalendarUserAddress?
        for part in parts {
            guard let value = part.property(.uid)?.value, !value.isEmpty else {
                throw .invalidMessage("every \(part.name) needs a UID")
            }
            if let uid, uid != value {
                throw .invalidMessage("one scheduling object holds one UID; found '\(uid)' and '\(value)'")
            }
            uid = value
            if let address = part.property(.organizer)?.calendarUserAddress {
                if let organizer, organizer != address { throw .organizerMismatch }
                organizer = address
            }
        }
        self.calendar = calendar
        self.uid = uid ?? ""
        zones = EmbeddedTimeZones(calendar: calendar)
    }

    /// The components of the object (VEVENT, VTODO, VJOURNAL or VFREEBUSY), in order.
    var components: [Component] { calendar.components.filter { Self.objectTypes.contains($0.name) } }

    /// The type of the object's components (VEVENT, VTODO, ...).
    var type: ComponentName { components.first?.name ?? .vevent }

    var isScheduled: Bool { Self.scheduledTypes.contains(type) }

    func key(of component: Component) -> ComponentKey {
        guard let property = component.property(.recurrenceID), let value = try? property.dateTime() else { return .master }
        return .instance(RecurrenceKey(value, zones: zones))
    }

    func key(for value: DateTime) -> RecurrenceKey { RecurrenceKey(value, zones: zones) }

    /// The components by key, in the order they appear (a repeated key keeps the first).
    var keyed: [(key: ComponentKey, component: Component)] {
        var seen: Set<ComponentKey> = []
        return components.compactMap { component in
            let key = key(of: component)
            return seen.insert(key).inserted ? (key, component) : nil
        }
    }

    func component(for key: ComponentKey) -> Component? {
        components.first { self.key(of: $0) == key }
    }

    var master: Component? { component(for: .master) }

    /// The ORGANIZER property of the first component that has one.
    var organizerProperty: Property? { components.lazy.compactMap { $0.property(.organizer) }.first }

    var organizer: CalendarUserAddress? { organizerProperty?.calendarUserAddress }

    /// Every ATTENDEE address in the object, in order of first appearance.
    var attendeeAddresses: [CalendarUserAddress] {
        var seen: Set<CalendarUserAddress> = []
        return components.flatMap(\.attendeeAddresses).filter { seen.insert($0).inserted }
    }

    /// The EXDATE values of a component, keyed.
    func exceptionKeys(of component: Component) -> [RecurrenceKey] {
        component.properties(.exdate).flatMap { (try? $0.dateTimes()) ?? [] }.map { key(for: $0) }
    }

    /// Replaces the component with `key` (or appends it when there is none).
    mutating func replace(_ key: ComponentKey, with component: Component) {
        if let index = calendar.components.firstIndex(where: { Self.objectTypes.contains($0.name) && self.key(of: $0) == key }) {
            calendar.components[index] = component
        } else {
            calendar.components.append(component)
        }
    }

    mutating func remove(_ key: ComponentKey) {
        let object = self
        calendar.components.removeAll { Self.objectTypes.contains($0.name) && object.key(of: $0) == key }
    }

    /// Applies `transform` to every component of the object.
    mutating func mapComponents(_ transform: (ComponentKey, Component) -> Component) {
        for index in calendar.components.indices where Self.objectTypes.contains(calendar.components[index].name) {
            calendar.components[index] = transform(key(of: calendar.components[index]), calendar.components[index])
        }
    }
}
