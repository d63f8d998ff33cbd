import ICalendar

/// The repairs of what has one obvious meaning in a real-world export, applied to the components of one object
/// (a master and its overrides) before it is validated like a PUT.
///
/// Spec: RFC 5545 §3.3.10 (a RECUR value needs FREQ, so an empty `RRULE:` says "no rule"), §3.6.1 (an all-day event
/// without DTEND lasts one day; DTEND must be later than DTSTART), §3.8.7.2 and §3.8.7.4 (DTSTAMP and LAST-MODIFIED
/// are UTC), RFC 4791 §4.1 (one master per UID; of several versions of one event the newest by SEQUENCE, then
/// LAST-MODIFIED and DTSTAMP, is the event).
enum ImportRepairs {
    static func repair(_ members: [Component], uid: String, type: ComponentName) -> (members: [Component], repairs: [ImportRepair]) {
        var repairs: [ImportRepair] = []
        func note(_ message: String) { repairs.append(ImportRepair(uid: uid, message: message)) }
        var members = members.map { member in
            var member = member
            dropEmptyRules(&member, note: note)
            extendZeroLengthAllDay(&member, note: note)
            markTimestampsUTC(&member, note: note)
            return member
        }
        members = newestVersions(of: members, type: type, note: note)
        return (members, repairs)
    }

    /// `RRULE:` with nothing after the colon (a popular holiday site publishes one on every event): no rule.
    private static func dropEmptyRules(_ member: inout Component, note: (String) -> Void) {
        let before = member.properties.count
        member.properties.removeAll { $0.name == .rrule && $0.value.trimmingSpaces.isEmpty }
        if member.properties.count < before { note("an empty RRULE was removed (the event does not repeat)") }
    }

    /// An all-day event whose DTEND equals its DTSTART is meant to last that day (RFC 5545 §3.6.1 requires DTEND
    /// to be later; without DTEND it would last one day).
    private static func extendZeroLengthAllDay(_ member: inout Component, note: (String) -> Void) {
        guard member.name == .vevent, let startProperty = member.property(.dtstart),
              case .date(let start)? = try? startProperty.dateTime(),
              let endIndex = member.properties.firstIndex(where: { $0.name == .dtend }),
              case .date(let end)? = try? member.properties[endIndex].dateTime(), end == start
        else { return }
        let next = CalendarDate(dayNumber: start.dayNumber + 1)
        member.properties[endIndex].value = next.icalValue
        note("DTEND equalled DTSTART \(start.icalValue); the all-day event now lasts that day (DTEND \(next.icalValue))")
    }

    /// Timestamps written without the Z that RFC 5545 requires: read as UTC, which is what they record.
    private static func markTimestampsUTC(_ member: inout Component, note: (String) -> Void) {
        for index in member.properties.indices
        where [.dtstamp, .created, .lastModified, .completed].contains(member.properties[index].name) {
            let property = member.properties[index]
            guard property.parameters.isEmpty, case .floating(let local)? = try? property.dateTime() else { continue }
            member.properties[index].value = DateTime.utc(local).icalValue
            note("\(property.name.rawValue) \(property.value) had no Z; read as UTC")
        }
    }

    /// Several masters (or several overrides of one instance) for one UID, as some clients export after an edit:
    /// the newest is kept (highest SEQUENCE, then LAST-MODIFIED, then DTSTAMP; the later one in the file on a tie).
    private static func newestVersions(of members: [Component], type: ComponentName,
                                       note: (String) -> Void) -> [Component] {
        var kept: [Component] = []
        var position: [String: Int] = [:]
        for member in members {
            let key = member.property(.recurrenceID)?.value ?? ""
            guard let index = position[key] else {
                position[key] = kept.count
                kept.append(member)
                continue
            }
            let (older, newer) = Version(member) < Version(kept[index]) ? (member, kept[index]) : (kept[index], member)
            kept[index] = newer
            let which = key.isEmpty ? "\(type.rawValue)s lacked RECURRENCE-ID" : "\(type.rawValue)s override \(key)"
            note("two \(which); kept the newer (\(Version(newer))), dropped the older (\(Version(older)))")
        }
        return kept
    }

    /// How new one version of a component is.
    private struct Version: Comparable, CustomStringConvertible {
        var sequence: Int
        var lastModified: String
        var stamp: String

        init(_ component: Component) {
            sequence = (try? component.property(.sequence)?.integer()) ?? 0
            lastModified = Self.utc(component.property(.lastModified))
            stamp = Self.utc(component.property(.dtstamp))
        }

        /// UTC DATE-TIME values in their basic format order as the instants they name.
        private static func utc(_ property: Property?) -> String {
            guard let property, let value = try? property.dateTime() else { return "" }
            return value.icalValue
        }

        static func < (a: Version, b: Version) -> Bool {
            (a.sequence, a.lastModified, a.stamp) < (b.sequence, b.lastModified, b.stamp)
        }

        var description: String {
            var parts = ["SEQUENCE \(sequence)"]
            if !lastModified.isEmpty { parts.append("LAST-MODIFIED \(lastModified)") } else if !stamp.isEmpty {
                parts.append("DTSTAMP \(stamp)")
            }
            return parts.joined(separator: ", ")
        }
    }
}
