import Foundation
import Testing
@testable import ICalendar

@Suite("jCal: iCalendar → jCal")
struct JCalEncoderTests {
    /// The jCal of one property, given as an iCalendar content line.
    static func encode(line: String) throws -> String {
        let calendar = try Component(parsing: "BEGIN:VCALENDAR\r\n\(line)\r\nEND:VCALENDAR\r\n", options: .lenient)
        return try encode(property: #require(calendar.properties.first))
    }

    static func encode(property: Property) throws -> String {
        let json = try JCalEncoder().string(Component(name: .vcalendar, properties: [property]))
        #expect(json.hasPrefix(#"["vcalendar",["#) && json.hasSuffix("],[]]"))
        return String(json.dropFirst(#"["vcalendar",["#.count).dropLast("],[]]".count))
    }

    /// One case per value type and per special rule of RFC 7265 §3.4–§3.6, as (content line, jCal property).
    static let cases: [(String, String)] = [
        // §3.6.11 TEXT: escapes decoded, JSON escapes applied.
        (#"SUMMARY:Hello\, world\; back\\slash\Nnew\nline "quoted""#,
         #"["summary",{},"text","Hello, world; back\\slash\nnew\nline \"quoted\""]"#),
        ("DESCRIPTION:tab\there", #"["description",{},"text","tab\there"]"#),
        ("UID:ünïcødé ✓ 😀", #"["uid",{},"text","ünïcødé ✓ 😀"]"#),
        // §3.6.4 DATE and §3.6.5 DATE-TIME in all their forms.
        ("DTSTART:20130214T120000Z", #"["dtstart",{},"date-time","2013-02-14T12:00:00Z"]"#),
        ("DTSTART;TZID=America/New_York:20130214T120000", #"["dtstart",{"tzid":"America/New_York"},"date-time","2013-02-14T12:00:00"]"#),
        ("DTSTART:20130214T120000", #"["dtstart",{},"date-time","2013-02-14T12:00:00"]"#),
        ("DTSTART;VALUE=DATE:20130214", #"["dtstart",{},"date","2013-02-14"]"#),
        ("DTSTART:20130214", #"["dtstart",{},"date","2013-02-14"]"#),
        ("CREATED:20130214T120000Z", #"["created",{},"date-time","2013-02-14T12:00:00Z"]"#),
        // §3.4.1.1 multi-valued properties.
        ("EXDATE:20130214T120000Z,20130215T120000Z", #"["exdate",{},"date-time","2013-02-14T12:00:00Z","2013-02-15T12:00:00Z"]"#),
        ("EXDATE;VALUE=DATE:20130214,20130215", #"["exdate",{},"date","2013-02-14","2013-02-15"]"#),
        ("RDATE;VALUE=PERIOD:19970101T180000Z/19970102T070000Z,19970101T180000Z/PT5H30M",
         #"["rdate",{},"period",["1997-01-01T18:00:00Z","1997-01-02T07:00:00Z"],["1997-01-01T18:00:00Z","PT5H30M"]]"#),
        (#"CATEGORIES:a\,b,c,"#, #"["categories",{},"text","a,b","c",""]"#),
        ("RESOURCES:EASEL,PROJECTOR", #"["resources",{},"text","EASEL","PROJECTOR"]"#),
        ("FREEBUSY;FBTYPE=BUSY-TENTATIVE:19970308T160000Z/PT3H", #"["freebusy",{"fbtype":"BUSY-TENTATIVE"},"period",["1997-03-08T16:00:00Z","PT3H"]]"#),
        // §3.6.14 UTC-OFFSET, §3.6.6 DURATION.
        ("TZOFFSETFROM:+0530", #"["tzoffsetfrom",{},"utc-offset","+05:30"]"#),
        ("TZOFFSETTO:-013045", #"["tzoffsetto",{},"utc-offset","-01:30:45"]"#),
        ("DURATION:P1W", #"["duration",{},"duration","P1W"]"#),
        ("TRIGGER:-PT15M", #"["trigger",{},"duration","-PT15M"]"#),
        ("TRIGGER;VALUE=DATE-TIME:19980101T050000Z", #"["trigger",{},"date-time","1998-01-01T05:00:00Z"]"#),
        ("REFRESH-INTERVAL;VALUE=DURATION:P1W", #"["refresh-interval",{},"duration","P1W"]"#),
        // §3.6.8 INTEGER, §3.6.7 FLOAT, §3.6.2 BOOLEAN: JSON numbers and booleans, digits kept as written.
        ("PRIORITY:+07", #"["priority",{},"integer",7]"#),
        ("SEQUENCE:0", #"["sequence",{},"integer",0]"#),
        ("X-FLOAT;VALUE=FLOAT:-000.50", #"["x-float",{},"float",-0.50]"#),
        ("X-FLOAT;VALUE=FLOAT:+12", #"["x-float",{},"float",12]"#),
        ("X-BOOL;VALUE=BOOLEAN:false", #"["x-bool",{},"boolean",false]"#),
        // §3.6.12 TIME.
        ("X-T;VALUE=TIME:235960", #"["x-t",{},"time","23:59:60"]"#),
        // §3.6.1 BINARY, §3.6.3 CAL-ADDRESS, §3.6.13 URI.
        ("ATTACH;FMTTYPE=image/png;ENCODING=BASE64;VALUE=BINARY:AAAA", #"["attach",{"fmttype":"image/png","encoding":"BASE64"},"binary","AAAA"]"#),
        ("ORGANIZER:mailto:a@example.org", #"["organizer",{},"cal-address","mailto:a@example.org"]"#),
        ("URL:http://example.org/a,b;c", #"["url",{},"uri","http://example.org/a,b;c"]"#),
        // §3.6.10 RECUR: object, numbers as numbers, one value scalar, several an array, parts in the rule's order.
        ("RRULE:FREQ=WEEKLY;INTERVAL=1;WKST=SU;BYDAY=MO,WE;UNTIL=20131231T235959Z",
         #"["rrule",{},"recur",{"freq":"WEEKLY","interval":1,"wkst":"SU","byday":["MO","WE"],"until":"2013-12-31T23:59:59Z"}]"#),
        ("RRULE:FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU,WE,TH,FR",
         #"["rrule",{},"recur",{"freq":"MONTHLY","bysetpos":-1,"byday":["MO","TU","WE","TH","FR"]}]"#),
        ("RRULE:FREQ=YEARLY;BYMONTH=+3;BYHOUR=9,17;BYMINUTE=0;BYSECOND=0,30;BYYEARDAY=-1;BYWEEKNO=20;X-NAME=a,b",
         #"["rrule",{},"recur",{"freq":"YEARLY","bymonth":3,"byhour":[9,17],"byminute":0,"bysecond":[0,30],"byyearday":-1,"byweekno":20,"x-name":["a","b"]}]"#),
        ("RRULE:FREQ=DAILY;UNTIL=20131231", #"["rrule",{},"recur",{"freq":"DAILY","until":"2013-12-31"}]"#),
        // §3.4.1.2 GEO, §3.4.1.3 REQUEST-STATUS.
        ("GEO:+37.5;-0122.25", #"["geo",{},"float",[37.5,-122.25]]"#),
        ("REQUEST-STATUS:3.1;Invalid property value;DTSTART:96-Apr-01",
         #"["request-status",{},"text",["3.1","Invalid property value","DTSTART:96-Apr-01"]]"#),
        (#"REQUEST-STATUS:2.8;Success\, repeating event ignored;RRULE:FREQ=DAILY;COUNT=2"#,
         #"["request-status",{},"text",["2.8","Success, repeating event ignored","RRULE:FREQ=DAILY;COUNT=2"]]"#),
        // §3.5.2 multi-valued parameters, quoting and RFC 6868 escapes already decoded.
        (#"ATTENDEE;MEMBER="mailto:a@x","mailto:b@x";CN="Doe, ^'J^'";RSVP=TRUE:mailto:c@x"#,
         #"["attendee",{"member":["mailto:a@x","mailto:b@x"],"cn":"Doe, \"J\"","rsvp":"TRUE"},"cal-address","mailto:c@x"]"#),
        // §5.1 unknown properties; X- properties with a VALUE take that type, and lists of splittable types split.
        ("X-EMPTY:", #"["x-empty",{},"unknown",""]"#),
        (#"X-RAW:a\,b;c"#, #"["x-raw",{},"unknown","a\\,b;c"]"#),
        ("FOO-BAR:future IANA property", #"["foo-bar",{},"unknown","future IANA property"]"#),
        ("X-FOO;VALUE=X-BAR:raw,val", #"["x-foo",{},"x-bar","raw,val"]"#),
        (#"X-LIST;VALUE=TEXT:a,b\,c"#, #"["x-list",{},"text","a","b,c"]"#),
        ("X-URI;VALUE=URI:http://a/b,c", #"["x-uri",{},"uri","http://a/b,c"]"#),
        ("X-NUMS;VALUE=INTEGER:1,-2", #"["x-nums",{},"integer",1,-2]"#),
        ("COLOR:turquoise", #"["color",{},"text","turquoise"]"#),
    ]

    @Test("each value type and special rule", arguments: cases)
    func encodesProperty(_ line: String, _ expected: String) throws {
        #expect(try Self.encode(line: line) == expected)
    }

    @Test("every output parses back as JSON", arguments: cases)
    func outputIsJSON(_ line: String, _ expected: String) throws {
        _ = try JSONReader.parse(Array(try Self.encode(line: line).utf8))
    }

    @Test("rule parts the value types do not know (RFC 7529 RSCALE, leap months) travel as strings")
    func rscaleRule() throws {
        let property = Property(name: .rrule, value: "RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=5L;SKIP=FORWARD")
        #expect(try Self.encode(property: property) == #"["rrule",{},"recur",{"rscale":"CHINESE","freq":"YEARLY","bymonth":"5L","skip":"FORWARD"}]"#)
    }

    @Test("control characters in a hand-built value are escaped, names with odd characters still give JSON")
    func escapesControlCharacters() throws {
        let property = Property(name: PropertyName("X-Ä"), parameters: [Parameter("X-P", "a\u{1}b")], value: "\u{7}\u{1F}")
        let json = try Self.encode(property: property)
        #expect(json == #"["x-ä",{"x-p":"a\u0001b"},"unknown","\u0007\u001F"]"#)
        _ = try JSONReader.parse(Array(json.utf8))
    }

    @Test("a parameter repeated in the tree becomes one member; an empty parameter is an empty string")
    func mergesRepeatedParameters() throws {
        let property = Property(
            name: .attendee,
            parameters: [Parameter("MEMBER", "mailto:a@x"), Parameter(name: "X-EMPTY", values: []), Parameter("MEMBER", "mailto:b@x")],
            value: "mailto:c@x")
        #expect(try Self.encode(property: property) == #"["attendee",{"member":["mailto:a@x","mailto:b@x"],"x-empty":""},"cal-address","mailto:c@x"]"#)
    }

    @Test("nested components: VTIMEZONE with STANDARD/DAYLIGHT, VEVENT with VALARM")
    func nestedComponents() throws {
        let alarm = Component(name: .valarm, properties: [Property(name: .action, value: "DISPLAY"), Property(name: .trigger, value: "-PT5M")])
        let event = Component(name: .vevent, properties: [Property(name: .uid, value: "1")], components: [alarm])
        let zone = Component(name: .vtimezone, properties: [Property(name: .tzid, value: "X")], components: [
            Component(name: .standard, properties: [Property(name: .tzoffsetto, value: "+0100")]),
            Component(name: .daylight, properties: [Property(name: .tzoffsetto, value: "+0200")]),
        ])
        let calendar = Component(name: .vcalendar, components: [zone, event])
        #expect(try JCalEncoder().string(calendar) == #"["vcalendar",[],[["vtimezone",[["tzid",{},"text","X"]],[["standard",[["tzoffsetto",{},"utc-offset","+01:00"]],[]],["daylight",[["tzoffsetto",{},"utc-offset","+02:00"]],[]]]],["vevent",[["uid",{},"text","1"]],[["valarm",[["action",{},"text","DISPLAY"],["trigger",{},"duration","-PT5M"]],[]]]]]]"#)
    }

    @Test("a value that cannot be read fails with the path of its property")
    func invalidValueFails() throws {
        let bad = Component(name: .vevent, properties: [Property(name: .uid, value: "2"), Property(name: .dtstart, value: "tomorrow")])
        let calendar = Component(name: .vcalendar, components: [Component(name: .vevent), Component(name: .vtodo), bad])
        let error = #expect(throws: JCalError.self) { try JCalEncoder().encode(calendar) }
        #expect(error?.code == .invalidValue)
        #expect(error?.path == "vcalendar/vevent[1]/dtstart")
        #expect(error?.message == "'tomorrow' is not a DATE-TIME like 20130214T120000 or 20130214T120000Z")
    }

    @Test("the path numbers repeated properties and stream members")
    func pathsOfRepeatedProperties() throws {
        let event = Component(name: .vevent, properties: [
            Property(name: .attendee, value: "mailto:a@x"), Property(name: .sequence, value: "1"),
            Property(name: .attendee, value: "mailto:b@x"), Property(name: .priority, value: "high"),
        ])
        let error = #expect(throws: JCalError.self) {
            try JCalEncoder().encode(stream: [Component(name: .vcalendar), Component(name: .vcalendar, components: [event])])
        }
        #expect(error?.path == "vcalendar[1]/vevent[0]/priority")
        let geo = Component(name: .vcalendar, properties: [Property(name: .geo, value: "1;2"), Property(name: .geo, value: "north")])
        #expect(throws: JCalError(.invalidValue, path: "vcalendar/geo[1]", message: "'north' is not a GEO value like 37.386013;-122.082932")) {
            try JCalEncoder().encode(geo)
        }
    }

    @Test("writeAsUnknown serves the rest of the calendar and keeps the raw text")
    func writeAsUnknownPolicy() throws {
        let calendar = Component(name: .vcalendar, properties: [
            Property(name: .dtstart, parameters: [Parameter(.tzid, "X")], value: "tomorrow"),
            Property(name: .geo, value: "37.5"),
            Property(name: .summary, value: "fine"),
        ])
        let json = try JCalEncoder(invalidValues: .writeAsUnknown).string(calendar)
        #expect(json == #"["vcalendar",[["dtstart",{"tzid":"X"},"unknown","tomorrow"],["geo",{},"unknown","37.5"],["summary",{},"text","fine"]],[]]"#)
        // The decoder is as strict as the iCalendar parser, so it refuses what was passed through.
        let error = #expect(throws: JCalError.self) { try JCalDecoder().decode(json) }
        #expect(error?.path == "vcalendar/dtstart")
    }

    @Test("streams, appending to a buffer, Data, and deterministic bytes")
    func outputForms() throws {
        let calendar = try Component(parsing: JCalFixture.text("value-types.ics"))
        let encoder = JCalEncoder()
        let once = try encoder.encode(calendar)
        #expect(try encoder.encode(calendar) == once)
        #expect(try encoder.data(calendar) == Data(once))
        #expect(try calendar.jCalString() == String(decoding: once, as: UTF8.self))
        var buffer = Array("{\"calendar\":".utf8)
        try encoder.write(calendar, to: &buffer)
        #expect(buffer == Array("{\"calendar\":".utf8) + once)
        let stream = try encoder.encode(stream: [calendar, Component(name: .vcalendar)])
        #expect(stream == Array("[".utf8) + once + Array(#",["vcalendar",[],[]]]"#.utf8))
        #expect(try encoder.encode(stream: []) == Array("[]".utf8))
    }
}
