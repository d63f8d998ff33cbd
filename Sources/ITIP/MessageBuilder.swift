import ICalendar

/// Wraps components into the VCALENDAR of an iTIP message.
/// Spec: RFC 5546 §3 (METHOD, PRODID, VERSION; the VTIMEZONEs the components reference, §3.1 "VTIMEZONE ... MUST
/// be present if any date/time refers to timezone"), RFC 6638 §7.2–§7.3 (no SCHEDULE-FORCE-SEND or SCHEDULE-STATUS
/// in messages).
enum MessageBuilder {
    static let productID = "-//Almanac//iTIP//EN"

    /// A message calendar holding `components` (cleaned for sending) and the VTIMEZONEs of `source` they use.
    static func calendar(method: ITIPMethod, components: [Component], source: Component) -> Component {
        let cleaned = components.map(clean)
        let used = Set(cleaned.flatMap(referencedTZIDs))
        let zones = source.components(.vtimezone).filter { zone in
            zone.property(.tzid).map { used.contains($0.text) } ?? false
        }
        var properties = [
            Property(name: .prodid, value: productID),
            Property(name: .version, value: "2.0"),
            Property(name: .method, value: method.rawValue),
        ]
        if let calscale = source.property(.calscale) { properties.insert(calscale, at: 2) }
        return Component(name: .vcalendar, properties: properties, components: zones + cleaned)
    }

    static func message(_ method: ITIPMethod, uid: String, from originator: CalendarUserAddress,
                        to recipients: [CalendarUserAddress], components: [Component], source: Component) -> ITIPMessage {
        ITIPMessage(method: method, uid: uid, originator: originator, recipients: recipients,
                    calendar: calendar(method: method, components: components, source: source))
    }

    /// Drops the parameters only this server reads. VALARMs are the sender's own reminders; they stay out of
    /// messages so that an organizer's alarms do not land in every attendee's calendar.
    static func clean(_ component: Component) -> Component {
        var copy = component.mappingCalendarUsers { $0.removing(serverOnlyParameters) }
        copy.components.removeAll { $0.name == .valarm }
        return copy
    }

    private static func referencedTZIDs(_ component: Component) -> [String] {
        component.properties.compactMap(\.tzid) + component.components.flatMap(referencedTZIDs)
    }
}
