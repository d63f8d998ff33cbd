import CalDAV
import Calendaring
import ICalendar
import Testing
import WebDAV

/// Splitting exported calendars into calendar object resources, and joining them back.
@Suite struct CalendarImportExportTests {
    static let corpus = ["apple-calendar-export", "google-calendar-export", "outlook-export", "rfc7986-and-availability", "thunderbird-export"]

    let validator = CalendarObjectValidator(maxResourceSize: 1 << 20, supportedComponents: ["VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VAVAILABILITY"])

    /// Every component of the export, VTIMEZONE aside, in canonical form.
    func members(_ calendars: [Component]) -> [String] {
        calendars.flatMap(\.components).filter { $0.name != .vtimezone }.map(\.canonicalForm).sorted()
    }

    /// Each object is a valid calendar object resource, every component lands in exactly one object, and the
    /// export of all objects holds every component once.
    @Test(arguments: corpus) func roundTrip(name: String) throws {
        let bytes = fixtureBytes("corpus/\(name).ics")
        let source = parse(bytes)
        let objects = try CalendarImporter.split(bytes).objects
        #expect(!objects.isEmpty)
        #expect(Set(objects.map(\.name)).count == objects.count)
        var parsed: [Component] = []
        for object in objects {
            let validated = try validator.validate(data: object.data, contentType: "text/calendar")
            #expect(validated.uid == object.uid)
            #expect(validated.componentType == object.componentType)
            #expect(validated.calendar.property(.method) == nil)
            if let version = source.property(.version) { #expect(validated.calendar.property(.version) == version) }
            if let prodid = source.property(.prodid) { #expect(validated.calendar.property(.prodid) == prodid) }
            // Each TZID used is defined when the source defined it.
            for tzid in tzids(in: validated.calendar) where source.components(.vtimezone).contains(where: { $0.property(.tzid)?.text == tzid }) {
                #expect(validated.calendar.components(.vtimezone).contains { $0.property(.tzid)?.text == tzid }, "\(tzid) in \(object.name)")
            }
            parsed.append(validated.calendar)
        }
        let withUIDs = source.components.filter { $0.name != .vtimezone && !$0.name.isExtension && $0.property(.uid) != nil }
        #expect(members(parsed).count == source.components.filter { $0.name != .vtimezone && !$0.name.isExtension }.count)
        for component in withUIDs { #expect(members(parsed).contains(component.canonicalForm)) }

        let exported = parse(CalendarExporter.export(objects: objects.map(\.data), name: "Round trip"))
        #expect(members([exported]) == members(parsed))
        let zones = exported.components(.vtimezone).compactMap { $0.property(.tzid)?.text }
        #expect(Set(zones).count == zones.count)
        #expect(exported.property(.xWRCalname)?.text == "Round trip")
    }

    private func tzids(in component: Component) -> Set<String> {
        Set(component.properties.compactMap(\.tzid)).union(component.components.flatMap { tzids(in: $0) })
    }

    /// Overrides travel with their master; METHOD is dropped; a component without UID gets a stable one.
    @Test func grouping() throws {
        let data = ics("""
            BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:-//Test//Export//EN
            METHOD:PUBLISH
            X-WR-CALNAME:Work
            BEGIN:VEVENT
            UID:series@example.com
            DTSTART:20240101T100000Z
            RRULE:FREQ=DAILY
            END:VEVENT
            BEGIN:VTODO
            SUMMARY:no uid
            END:VTODO
            BEGIN:VEVENT
            UID:series@example.com
            RECURRENCE-ID:20240102T100000Z
            DTSTART:20240102T110000Z
            END:VEVENT
            BEGIN:VEVENT
            UID:odd/uid with spaces
            DTSTART:20240105T100000Z
            END:VEVENT
            END:VCALENDAR
            """)
        let objects = try CalendarImporter.split(data).objects
        #expect(objects.map(\.componentType) == ["VEVENT", "VTODO", "VEVENT"])
        #expect(objects[0].name == "series@example.com.ics")
        #expect(parse(objects[0].data).components(.vevent).count == 2)
        #expect(objects[1].uid.hasPrefix("almanac-import-"))
        #expect(try CalendarImporter.split(data).objects[1].uid == objects[1].uid)
        #expect(objects[2].name.count == 36 && objects[2].name.hasSuffix(".ics") && !objects[2].name.contains("/"))
        let text = String(decoding: objects[0].data, as: UTF8.self)
        #expect(!text.contains("METHOD") && !text.contains("X-WR-CALNAME") && text.contains("PRODID:-//Test//Export//EN"))
    }

    @Test func notACalendar() {
        #expect(davError { () throws(CalendaringError) in try CalendarImporter.split(Array("just text".utf8)) } == "403 valid-calendar-data")
    }
}
