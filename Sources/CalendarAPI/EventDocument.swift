import Calendaring
import ICalendar
import ICalendarRecurrence

/// An event's calendar object as the API reads and edits it: one VCALENDAR holding a master VEVENT (or a single
/// event) and its overrides (RECURRENCE-ID), with the VTIMEZONEs they use. Everything the JSON does not model stays
/// in the tree as it was stored.
///
/// Spec: RFC 4791 §4.1 (one UID per object; overrides in the same resource), RFC 5545 §3.8.4.4 (RECURRENCE-ID).
struct EventDocument {
    static let productID = "-//Almanac//JSON API//EN"

    var calendar: Component

    /// Reads a stored object; it was validated when stored, so failing here is the server's fault.
    init(data: [UInt8]) throws(APIError) {
        guard let calendar = try? ICalendarParser(options: .storedObject).parse(data).components.first else {
            throw APIError.serverFault()
        }
        self.calendar = calendar
    }

    init(calendar: Component) {
        self.calendar = calendar
    }

    /// A new object with one VEVENT carrying `uid` and the stamps of its creation.
    static func new(uid: String, now: Instant) -> EventDocument {
        let stamp = DateTime.utc(now.utc)
        let event = Component(name: .vevent, properties: [
            Property(name: .uid, text: uid),
            Property(name: .dtstamp, dateTime: stamp),
            Property(name: .created, dateTime: stamp),
            Property(name: .lastModified, dateTime: stamp),
            Property(name: .sequence, value: "0"),
        ])
        return EventDocument(calendar: Component(name: .vcalendar, properties: [
            Property(name: .version, value: "2.0"), Property(name: .prodid, value: productID),
        ], components: [event]))
    }

    /// The VEVENTs: the master and its overrides.
    var events: [Component] { calendar.components(.vevent) }

    /// Where the master (the VEVENT without RECURRENCE-ID) is in `calendar.components`.
    var masterIndex: Int? {
        calendar.components.firstIndex { $0.name == .vevent && $0.property(.recurrenceID) == nil }
    }

    var master: Component? { masterIndex.map { calendar.components[$0] } }

    var uid: String? { events.first?.property(.uid)?.text }

    /// Where the override of the instance originally at `recurrenceID` is, compared as instants (a RECURRENCE-ID may
    /// be written in another form than the id carries).
    func overrideIndex(for recurrenceID: DateTime, context: TimeContext) -> Int? {
        let wanted = context.instant(recurrenceID)
        return calendar.components.firstIndex { component in
            guard component.name == .vevent,
                  let value = try? component.property(.recurrenceID)?.dateTime() else { return false }
            return recurrenceID.isDate == value.isDate && context.instant(value) == wanted
        }
    }

    /// Adds a VTIMEZONE for every TZID the events name that has none, from the tz database, so the object stands on
    /// its own (RFC 5545 §3.6.5: a TZID needs its VTIMEZONE in the object).
    mutating func addMissingTimeZones(_ database: TimeZoneDatabase) {
        let defined = Set(calendar.components(.vtimezone).compactMap { $0.property(.tzid)?.text })
        var used: [String] = []
        for event in events {
            for property in event.properties {
                if let tzid = property.tzid, !defined.contains(tzid), !used.contains(tzid) { used.append(tzid) }
            }
        }
        var zones: [Component] = []
        for tzid in used {
            guard let zone = database.zone(for: tzid) else { continue }
            let instants = events.flatMap { event in
                event.properties.filter { $0.tzid == tzid }.compactMap { try? $0.dateTime() }
            }.map { Instant(utc: $0.local) }
            let first = instants.min() ?? Instant(secondsSinceEpoch: 0)
            let last = instants.max() ?? first
            zones.append(VTimeZoneGenerator().component(for: zone, from: first.adding(seconds: -86_400 * 2),
                                                        to: last.adding(seconds: 86_400 * 366 * 2)))
        }
        calendar.components.insert(contentsOf: zones, at: 0)
    }

    func serialized() -> [UInt8] {
        ICalendarSerializer().serialize(calendar)
    }
}
