import ICalendar

/// Writes one .ics file from a calendar's objects a page at a time: the VCALENDAR header, then each page's new
/// VTIMEZONEs and its components, then `footer`. Only the TZIDs already written are remembered, so memory is
/// bounded by a page, not the calendar.
///
/// Spec: RFC 5545 §3.4 (one VCALENDAR with VERSION and PRODID), §3.6.5 (each TZID used has its VTIMEZONE, written
/// once, the first definition winning; a VTIMEZONE may stand anywhere among the calendar's components, so one
/// first met on a later page is written there). X-WR-CALNAME, the name Google, Apple and Thunderbird show for an
/// imported file, is written when a name is given. Objects that cannot be parsed are left out (they were validated
/// when stored, so only data from before that check).
public struct CalendarExportWriter: Sendable {
    public static let footer = Array("END:VCALENDAR\r\n".utf8)

    private var writtenZones: Set<String> = []
    /// Whether objects are written as a sharee sees them (`ClassifiedView`), not as their owner does.
    private let classified: Bool

    public init(classified: Bool = false) {
        self.classified = classified
    }

    /// BEGIN:VCALENDAR and the calendar's properties.
    public static func header(name: String?) -> [UInt8] {
        var properties = [
            Property(name: .version, value: "2.0"),
            Property(name: .prodid, value: FreeBusyQuery.productID),
            Property(name: .calscale, value: "GREGORIAN"),
        ]
        if let name, !name.isEmpty { properties.append(Property(name: .xWRCalname, text: name)) }
        // The serializer writes a component whole; the open envelope is the empty calendar without its END line.
        let empty = ICalendarSerializer().serialize(Component(name: .vcalendar, properties: properties))
        return Array(empty.dropLast(footer.count))
    }

    /// The components of `objects` (stored VCALENDAR texts), VTIMEZONEs not written before first.
    public mutating func page(_ objects: [[UInt8]]) -> [UInt8] {
        var zones: [Component] = []
        var components: [Component] = []
        let parser = ICalendarParser(options: .storedObject)
        for data in objects {
            guard let parsed = try? parser.parseCalendar(data) else { continue }
            let calendar = classified ? ClassifiedView.view(of: parsed) : parsed
            for component in calendar.components {
                guard component.name == .vtimezone else { components.append(component); continue }
                guard let tzid = component.property(.tzid)?.text, !tzid.isEmpty,
                      writtenZones.insert(tzid).inserted else { continue }
                zones.append(component)
            }
        }
        var out: [UInt8] = []
        let serializer = ICalendarSerializer()
        for component in zones + components { serializer.write(component, to: &out) }
        return out
    }
}
