import Testing
@testable import ICalendar

@Suite("jCal: round trips")
struct JCalRoundTripTests {
    /// iCalendar that differs from what the jCal round trip writes only in ways that do not change meaning.
    static let equivalentSamples: [String] = [
        // `\N` comes back as `\n`; a VALUE equal to the default disappears; parameter order may change.
        "BEGIN:VEVENT\r\nUID:1\r\nDESCRIPTION:a\\Nb\\:c\r\nDTSTART;VALUE=DATE-TIME;TZID=X:20130214T120000\r\nEND:VEVENT",
        // A DATE without VALUE=DATE comes back with it; a lowercase boolean comes back uppercase.
        "BEGIN:VEVENT\r\nUID:2\r\nDTSTART:20130214\r\nX-OK;VALUE=BOOLEAN:true\r\nEND:VEVENT",
        // Lists, repeated list properties, nested alarms.
        "BEGIN:VEVENT\r\nUID:3\r\nCATEGORIES:a\\,b,c\r\nCATEGORIES:d\r\nEXDATE;TZID=X:20130214T120000,20130215T120000\r\n"
            + "BEGIN:VALARM\r\nACTION:EMAIL\r\nATTENDEE;CN=\"A, B\":mailto:a@x\r\nSUMMARY:s\r\nDESCRIPTION:d\r\nTRIGGER:P1D\r\nEND:VALARM\r\nEND:VEVENT",
    ]

    static func calendar(_ body: String) throws -> Component {
        try Component(parsing: "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n\(body)\r\nEND:VCALENDAR\r\n")
    }

    static func iCalendarRoundTrip(_ calendar: Component) throws -> Component {
        let decoded = try JCalDecoder().decode(JCalEncoder().encode(calendar))
        // The result must also survive being written as text and parsed strictly.
        return try Component(parsing: decoded.serialized)
    }

    @Test("iCalendar → jCal → iCalendar keeps the meaning and the order of fixtures", arguments: JCalRFCExampleTests.pairs)
    func fixtureRoundTrip(_ name: String) throws {
        let original = try Component(parsing: JCalFixture.text(name + ".ics"))
        let back = try Self.iCalendarRoundTrip(original)
        #expect(SemanticComponent(back) == SemanticComponent(original))
        #expect(back.properties.map(\.name) == original.properties.map(\.name))
    }

    @Test("iCalendar → jCal → iCalendar normalises only what does not matter", arguments: equivalentSamples)
    func equivalentRoundTrip(_ body: String) throws {
        let original = try Self.calendar(body)
        let back = try Self.iCalendarRoundTrip(original)
        #expect(SemanticComponent(back) == SemanticComponent(original))
    }

    @Test("the text of RFC 7265 Appendix B.1 comes back byte for byte")
    func exampleOneIsExact() throws {
        let text = try JCalFixture.text("rfc7265-b1-simple.ics")
        #expect(try Self.iCalendarRoundTrip(Component(parsing: text)).serialized == text)
    }

    /// Canonical jCal (what the encoder writes) must survive jCal → iCalendar text → jCal unchanged.
    static let canonicalJCal: [String] = [
        #"["vcalendar",[["version",{},"text","2.0"],["prodid",{},"text","-//t//t//EN"],["x-wr-calname",{},"unknown","Team \\, Co"]],[]]"#,
        #"["vcalendar",[["version",{},"text","2.0"],["prodid",{},"text","-//t//t//EN"]],[["vevent",[["uid",{},"text","a"],["dtstart",{},"date","2013-02-14"],["rrule",{},"recur",{"freq":"MONTHLY","interval":1,"bymonthday":[1,-1],"wkst":"SU"}]],[]]]]"#,
        #"["vcalendar",[["version",{},"text","2.0"],["prodid",{},"text","-//t//t//EN"]],[["vevent",[["attendee",{"member":["mailto:a@x","mailto:b@x"],"partstat":"NEEDS-ACTION","cn":"Line\nbreak ^ \"q\""},"cal-address","mailto:c@x"]],[]]]]"#,
        #"["vcalendar",[["version",{},"text","2.0"],["prodid",{},"text","-//t//t//EN"]],[["vtodo",[["geo",{},"float",[-0.5,179.999999]],["x-float",{},"float",1.0e0],["x-time",{},"time","00:00:00Z"]],[]]]]"#,
        #"["vcalendar",[["version",{},"text","2.0"],["prodid",{},"text","-//t//t//EN"]],[["vfreebusy",[["freebusy",{"fbtype":"BUSY"},"period",["1997-03-08T16:00:00Z","PT3H"],["1997-03-08T20:00:00Z","1997-03-08T21:00:00Z"]]],[]]]]"#,
        #"["vcalendar",[["version",{},"text","2.0"],["prodid",{},"text","-//t//t//EN"]],[["x-thing",[["x-dates",{"x-a":"1"},"date-time","2013-02-14T12:00:00","2013-02-15T12:00:00"],["x-empty",{},"text",""]],[["x-inner",[],[]]]]]]"#,
        #"["vcalendar",[["version",{},"text","2.0"],["prodid",{},"text","-//t//t//EN"],["request-status",{},"text",["3.1","Invalid; value","DTSTART:96-Apr-01"]],["tzoffsetfrom",{},"utc-offset","+00:53:28"]],[]]"#,
    ]

    @Test("jCal → iCalendar → jCal gives identical JSON", arguments: canonicalJCal)
    func canonicalJCalIsStable(_ json: String) throws {
        let expected = json.replacingOccurrences(of: "1.0e0", with: "1")  // the one non-canonical number
        #expect(try JCalFixture.throughICalendar(json) == expected)
    }

    @Test("seeded random TEXT, lists and parameters survive both round trips", arguments: 0..<50)
    func randomText(_ seed: Int) throws {
        var random = SeededGenerator(seed: UInt64(seed))
        let alphabet: [Character] = Array("aZ09 ,;:\\\"'^\n\té€😀/=") + ["\u{301}"]
        func text(_ maxLength: Int) -> String {
            String((0..<Int.random(in: 0...maxLength, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
        }
        var event = Component(name: .vevent, properties: [Property(name: .uid, text: "r\(seed)")])
        for _ in 0..<6 {
            let parameters = [Parameter(name: "X-P", values: (0..<Int.random(in: 1...3, using: &random)).map { _ in text(6) })]
            switch Int.random(in: 0..<4, using: &random) {
            case 0: event.properties.append(Property(name: .summary, text: text(20), parameters: parameters))
            case 1:
                let items = (0..<Int.random(in: 1...4, using: &random)).map { _ in TextValue.escape(text(8)) }
                event.properties.append(Property(name: .categories, parameters: parameters, value: items.joined(separator: ",")))
            case 2:
                let items = (0..<Int.random(in: 1...3, using: &random)).map { _ in TextValue.escape(text(8)) }
                event.properties.append(Property(name: "X-LIST", parameters: [Parameter(.value, "TEXT")] + parameters, value: items.joined(separator: ",")))
            default:
                event.properties.append(Property(name: .comment, text: text(30)))
            }
        }
        let header = [Property(name: .version, value: "2.0"), Property(name: .prodid, value: "-//t//t//EN")]
        let original = try Component(parsing: Component(name: .vcalendar, properties: header, components: [event]).serialized)
        let back = try Self.iCalendarRoundTrip(original)
        for (a, b) in zip(original.components[0].properties, back.components[0].properties) { #expect(a == b) }
        #expect(back == original)
        let json = try JCalFixture.encode(original)
        #expect(try JCalFixture.throughICalendar(json) == json)
    }
}
