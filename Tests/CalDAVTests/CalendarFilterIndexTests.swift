import CalDAV
import CalendarStore
import Calendaring
import DAVXML
import Testing

/// What a calendar-query filter compiles to for the store (RFC 4791 §7.8, §9.7): conditions the full filter
/// requires, never more, and the pure time-range the index can decide alone.
@Suite struct CalendarFilterIndexTests {
    static let start = "20060104T000000Z", end = "20060105T000000Z"
    static var window: TimeWindow { TimeWindow(start: seconds(start), end: seconds(end)) }

    static func textMatch(_ text: String, _ attributes: KeyValuePairs<String, String> = [:]) -> XMLElement {
        C.text("text-match", attributes, text)
    }

    static func event(_ children: XMLElement...) -> XMLElement {
        C.filter(C.comp("VCALENDAR", XMLElement(XMLName.calDAV.compFilter, attributes: [XMLAttribute("name", "VEVENT")], elements: children)))
    }

    static let cases: [(String, XMLElement, ObjectQuery)] = [
        ("time-range", event(C.timeRange(start, end)), ObjectQuery(componentType: "VEVENT", window: window)),
        ("summary text", event(C.prop("SUMMARY", textMatch("Lunch"))),
         ObjectQuery(componentType: "VEVENT", text: [TextCondition(field: .summary, needle: "Lunch")])),
        ("time-range and three fields", event(C.timeRange(start, end), C.prop("DESCRIPTION", textMatch("agenda")),
                                              C.prop("LOCATION", textMatch("Room", ["collation": "i;octet"])),
                                              C.prop("ATTENDEE", textMatch("alice", ["collation": "i;unicode-casemap"]))),
         ObjectQuery(componentType: "VEVENT", window: window, text: [
            TextCondition(field: .description, needle: "agenda"), TextCondition(field: .location, needle: "Room"),
            TextCondition(field: .attendees, needle: "alice")])),
        ("negated", event(C.prop("SUMMARY", textMatch("Lunch", ["negate-condition": "yes"]))), ObjectQuery(componentType: "VEVENT")),
        ("unicode needle", event(C.prop("SUMMARY", textMatch("Café", ["collation": "i;unicode-casemap"]))),
         ObjectQuery(componentType: "VEVENT")),
        ("non-ASCII ascii-casemap needle", event(C.prop("SUMMARY", textMatch("Café"))),
         ObjectQuery(componentType: "VEVENT", text: [TextCondition(field: .summary, needle: "Café")])),
        ("unindexed property", event(C.prop("CATEGORIES", textMatch("work"))), ObjectQuery(componentType: "VEVENT")),
        ("is-not-defined", event(C.prop("SUMMARY", C.isNotDefined)), ObjectQuery(componentType: "VEVENT")),
        ("empty needle", event(C.prop("SUMMARY", textMatch(""))), ObjectQuery(componentType: "VEVENT")),
        ("anyof component", C.filter(C.comp("VCALENDAR", C.el("comp-filter", ["name": "VEVENT", "test": "anyof"],
            C.timeRange(start, end), C.prop("SUMMARY", textMatch("Lunch"))))), ObjectQuery(componentType: "VEVENT")),
        ("anyof property with a param-filter", event(C.el("prop-filter", ["name": "ATTENDEE", "test": "anyof"],
            textMatch("alice"), C.el("param-filter", ["name": "PARTSTAT"]))), ObjectQuery(componentType: "VEVENT")),
        ("allof property with a param-filter", event(C.el("prop-filter", ["name": "ATTENDEE"],
            textMatch("alice"), C.el("param-filter", ["name": "PARTSTAT"]))),
         ObjectQuery(componentType: "VEVENT", text: [TextCondition(field: .attendees, needle: "alice")])),
        ("text inside a VALARM", event(C.comp("VALARM", C.prop("SUMMARY", textMatch("x")))), ObjectQuery(componentType: "VEVENT")),
        ("two required components", C.filter(C.comp("VCALENDAR", C.comp("VEVENT"), C.comp("VTODO"))), ObjectQuery()),
        ("component beside is-not-defined", C.filter(C.comp("VCALENDAR", C.comp("VEVENT", C.timeRange(start, end)),
            C.comp("VTODO", C.isNotDefined))), ObjectQuery(componentType: "VEVENT", window: window)),
        ("VTIMEZONE names no object type", C.filter(C.comp("VCALENDAR", C.comp("VTIMEZONE"))), ObjectQuery()),
        ("X- component names no object type", C.filter(C.comp("VCALENDAR", C.comp("X-VENDOR"))), ObjectQuery()),
        ("time-range on VCALENDAR", C.filter(C.comp("VCALENDAR", C.timeRange(start, end))), ObjectQuery(window: window)),
        ("anyof VCALENDAR", C.filter(C.el("comp-filter", ["name": "VCALENDAR", "test": "anyof"],
            C.timeRange(start, end), C.comp("VEVENT"))), ObjectQuery()),
        ("VCALENDAR is-not-defined", C.filter(C.comp("VCALENDAR", C.isNotDefined)), ObjectQuery()),
    ]

    @Test func objectQueryTable() throws {
        for (name, element, expected) in Self.cases {
            #expect(try CalendarFilter.parse(element).objectQuery == expected, "\(name)")
        }
    }

    /// Only `VCALENDAR > comp-filter X > time-range` with nothing else is decided from the index.
    @Test func indexTimeRangeTable() throws {
        let pure = try CalendarFilter.parse(Self.event(C.timeRange(Self.start, Self.end))).indexTimeRange
        #expect(pure == ComponentTimeRange(componentType: "VEVENT", window: Self.window))
        let journal = try CalendarFilter.parse(C.filter(C.comp("VCALENDAR", C.comp("VJOURNAL", C.timeRange(Self.start, nil))))).indexTimeRange
        #expect(journal == ComponentTimeRange(componentType: "VJOURNAL", window: TimeWindow(start: seconds(Self.start), end: nil)))
        let notPure: [XMLElement] = [
            Self.event(C.timeRange(Self.start, Self.end), C.prop("SUMMARY", Self.textMatch("x"))),
            Self.event(C.timeRange(Self.start, Self.end), C.comp("VALARM")),
            Self.event(C.prop("DTSTART", C.timeRange(Self.start, Self.end))),
            Self.event(),
            C.filter(C.comp("VCALENDAR", C.timeRange(Self.start, Self.end))),
            C.filter(C.comp("VCALENDAR", C.comp("VEVENT", C.timeRange(Self.start, Self.end)), C.comp("VTODO", C.isNotDefined))),
            C.filter(C.comp("VCALENDAR", C.comp("VEVENT", C.timeRange(Self.start, Self.end)), C.prop("PRODID"))),
            C.filter(C.comp("VCALENDAR", C.comp("VTIMEZONE"))),
        ]
        for element in notPure {
            #expect(try CalendarFilter.parse(element).indexTimeRange == nil, "\(element)")
        }
    }
}
