import ICalendar

extension ITIP {
    /// Sets SCHEDULE-STATUS (RFC 6638 §7.3) on the ATTENDEE (pass .attendee) or ORGANIZER (pass .organizer) properties
    /// whose address is a key, in every component; removes SCHEDULE-FORCE-SEND from them.
    /// Spec: RFC 6638 §7.3 (the status of the last delivery, e.g. 1.2 delivered, 3.7 invalid user, 5.1 no
    /// delivery), §7.2.
    public static func settingScheduleStatus(_ statuses: [CalendarUserAddress: String], on property: PropertyName,
                                             in calendar: Component) -> Component {
        mappingProperties(of: calendar) { candidate in
            guard candidate.name == property, let status = statuses[candidate.calendarUserAddress] else { return candidate }
            var p = candidate.removing([.scheduleForceSend])
            p[parameter: .scheduleStatus] = status
            return p
        }
    }

    /// `calendar` with `transform` applied to every property of its scheduling components (VEVENT, VTODO, ...).
    static func mappingProperties(of calendar: Component, _ transform: (Property) -> Property) -> Component {
        var result = calendar
        result.components = calendar.components.map { component in
            guard SchedulingObject.objectTypes.contains(component.name) else { return component }
            var updated = component
            updated.properties = component.properties.map(transform)
            return updated
        }
        return result
    }

    /// The largest number of ATTENDEE properties in any one component (for the server's attendee cap).
    /// Spec: RFC 4791 §5.2.9 (CALDAV:max-attendees-per-instance).
    public static func maxAttendeesPerInstance(_ calendar: Component) -> Int {
        calendar.components.filter { SchedulingObject.objectTypes.contains($0.name) }
            .map { $0.properties(.attendee).count }.max() ?? 0
    }
}
