import ICalendar

/// The component of a CANCEL message: enough to identify what is cancelled, for whom, and in which revision.
/// Spec: RFC 5546 §3.2.5 (VEVENT CANCEL: ATTENDEE, DTSTAMP, ORGANIZER, SEQUENCE, UID, RECURRENCE-ID for an
/// instance; STATUS SHOULD be CANCELLED), §3.4.5 (VTODO CANCEL, the same).
enum CancelComponent {
    /// - Parameter attendee: the recipient's ATTENDEE property as their copy has it.
    static func make(from source: Component, instance: RecurrenceKey?, sequence: Int, attendee: Property,
                     organizer: Property?) -> Component {
        var properties: [Property] = []
        if let uid = source.property(.uid) { properties.append(uid) }
        if let dtstamp = source.property(.dtstamp) { properties.append(dtstamp) }
        properties.append(Property(name: .sequence, value: String(sequence)))
        if let organizer = source.property(.organizer) ?? organizer { properties.append(organizer) }
        properties.append(attendee)
        if let instance {
            let written = source.property(.recurrenceID) ?? instance.recurrenceIDProperty
            properties.append(written)
            properties.append(Property(name: .dtstart, dateTime: instance.value))
        } else if let start = source.property(.dtstart) {
            properties.append(start)
        }
        if let summary = source.property(.summary) { properties.append(summary) }
        properties.append(Property(name: .status, value: "CANCELLED"))
        return Component(name: source.name, properties: properties)
    }
}
