import ICalendar

/// Joins the objects of a calendar into one .ics file, the form calendar applications import.
///
/// Spec: RFC 5545 §3.4 (one VCALENDAR with VERSION and PRODID), §3.6.5 (each TZID used has its VTIMEZONE: they are
/// collected from all objects, once per TZID, the first definition winning). X-WR-CALNAME, the name Google, Apple and
/// Thunderbird show for an imported file, is written when a name is given. Objects that cannot be parsed are left
/// out (they were validated when stored, so only data from before that check).
public enum CalendarExporter {
    public static func export(objects: [[UInt8]], name: String?) -> [UInt8] {
        var zones = TimeZoneSet()
        var components: [Component] = []
        let parser = ICalendarParser(options: .lenient)
        for data in objects {
            guard let calendar = try? parser.parseCalendar(data) else { continue }
            for component in calendar.components {
                if component.name == .vtimezone { zones.add(component) } else { components.append(component) }
            }
        }
        var properties = [
            Property(name: .version, value: "2.0"),
            Property(name: .prodid, value: FreeBusyQuery.productID),
            Property(name: .calscale, value: "GREGORIAN"),
        ]
        if let name, !name.isEmpty { properties.append(Property(name: .xWRCalname, text: name)) }
        return ICalendarSerializer().serialize(Component(name: .vcalendar, properties: properties, components: zones.zones + components))
    }
}
