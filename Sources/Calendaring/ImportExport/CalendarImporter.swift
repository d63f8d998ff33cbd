import CalendarStore
import ICalendar

/// Splits an exported calendar (one .ics holding many events, as Google, Apple, Outlook and Thunderbird write it)
/// into calendar object resources: one per UID and component type, the master with its overrides.
///
/// Spec: RFC 4791 §4.1 (what one resource may hold), RFC 5545 §3.6.5 (each object keeps the VTIMEZONEs its TZIDs
/// name). Each object keeps the source's VERSION, PRODID, CALSCALE and X-WR-TIMEZONE (which says how its floating
/// times were meant); METHOD (exports say PUBLISH, which a stored object must not) and calendar-wide names are left
/// out. A component without UID gets a stable one derived from its content, so importing the same file twice
/// gives the same names. Exact duplicates of a component are kept once. What has one obvious meaning is repaired
/// (`ImportRepairs`), and every repair, like every quirk lenient parsing met in the file, is reported.
public enum CalendarImporter {
    /// The objects of a file and what was repaired in the file as a whole (each object carries its own repairs).
    public struct Split: Sendable {
        public var objects: [ImportedObject]
        public var fileRepairs: [ImportRepair]
    }

    /// Refuses with valid-calendar-data when the data holds no VCALENDAR at all.
    public static func split(_ data: [UInt8]) throws(CalendaringError) -> Split {
        let parsed: [Component]
        var fileRepairs: [ImportRepair] = []
        do {
            let result = try ICalendarParser(options: .lenient).parse(data)
            parsed = result.components
            // Malformed values are the objects' business: `ImportRepairs` repairs them, or the object is skipped.
            fileRepairs = result.warnings.filter { $0.code != .invalidValue }
                .map { ImportRepair(uid: nil, message: CalendarDataPolicy.describe($0)) }
        } catch {
            throw .refused(.validCalendarData, reason: "the file is not iCalendar data: \(error.description)")
        }
        let calendars = parsed.filter { $0.name == .vcalendar }
        guard !calendars.isEmpty else {
            throw .refused(.validCalendarData, reason: "the file holds no VCALENDAR")
        }
        var zones = TimeZoneSet()
        var groups: [Group] = []
        var groupIndex: [String: Int] = [:]
        for calendar in calendars {
            if let method = calendar.property(.method) {
                fileRepairs.append(ImportRepair(uid: nil, message: "METHOD:\(method.value) was dropped (a stored calendar object has no METHOD, RFC 4791 §4.1)"))
            }
            let header = Self.header(of: calendar)
            for component in calendar.components {
                if component.name == .vtimezone {
                    zones.add(component)
                    continue
                }
                guard !component.name.isExtension else { continue }
                let (uid, member) = Self.identified(component)
                let key = component.name.rawValue + "\u{0}" + uid
                if let index = groupIndex[key] {
                    if !groups[index].members.contains(member) { groups[index].members.append(member) }
                } else {
                    groupIndex[key] = groups.count
                    groups.append(Group(uid: uid, type: component.name, header: header, members: [member]))
                }
            }
        }
        var names: Set<String> = []
        let objects = groups.map { group in
            var name = resourceName(forUID: group.uid)
            if !names.insert(name).inserted {
                name = resourceName(forUID: group.uid + "\u{0}" + group.type.rawValue)
                names.insert(name)
            }
            let (members, repairs) = ImportRepairs.repair(group.members, uid: group.uid, type: group.type)
            let object = Component(name: .vcalendar, properties: group.header,
                                   components: zones.referenced(by: members) + members)
            return ImportedObject(uid: group.uid, componentType: group.type.rawValue,
                                  data: ICalendarSerializer().serialize(object), name: name, repairs: repairs)
        }
        return Split(objects: objects, fileRepairs: fileRepairs)
    }

    /// A resource name for an object with this UID: the UID itself plus ".ics" when it is made of characters that
    /// need no escaping in a URL path segment (RFC 3986 unreserved, plus '@' and '+') and is not too long; otherwise
    /// a hash of the UID (32 hex digits) plus ".ics". The same UID always gives the same name.
    public static func resourceName(forUID uid: String) -> String {
        let safe = uid.utf8.count <= 200 && !uid.isEmpty && uid.first != "." && uid.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x7E || byte == 0x40 || byte == 0x2B
        }
        return (safe ? uid : ETag(of: Array(uid.utf8)).value) + ".ics"
    }

    private struct Group {
        var uid: String
        var type: ComponentName
        var header: [Property]
        var members: [Component]
    }

    private static let keptCalendarProperties: [PropertyName] = [.version, .prodid, .calscale, .xWRTimezone]

    private static func header(of calendar: Component) -> [Property] {
        var properties = calendar.properties.filter { keptCalendarProperties.contains($0.name) }
        if calendar.property(.prodid) == nil { properties.insert(Property(name: .prodid, value: FreeBusyQuery.productID), at: 0) }
        if calendar.property(.version) == nil { properties.insert(Property(name: .version, value: "2.0"), at: 0) }
        return properties
    }

    /// The component's UID, adding a stable generated one when it has none.
    private static func identified(_ component: Component) -> (String, Component) {
        if let uid = component.property(.uid)?.text, !uid.isEmpty { return (uid, component) }
        let uid = "almanac-import-" + ETag(of: ICalendarSerializer().serialize(component)).value
        var copy = component
        copy.properties.insert(Property(name: .uid, text: uid), at: 0)
        return (uid, copy)
    }
}
