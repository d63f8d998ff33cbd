import Foundation
import Testing
@testable import ICalendar

@Suite("jCal: jCal → iCalendar")
struct JCalDecoderTests {
    /// VERSION and PRODID, which every VCALENDAR needs.
    static let header = #"["version",{},"text","2.0"],["prodid",{},"text","-//t//t//EN"]"#

    /// The iCalendar content line of one jCal property (unfolded, without CRLF).
    static func decode(property json: String) throws -> String {
        let calendar = try JCalDecoder().decode(#"["vcalendar",["# + header + "," + json + "],[]]")
        var line: [UInt8] = []
        ICalendarSerializer.contentLine(try #require(calendar.properties.last), into: &line)
        return String(decoding: line, as: UTF8.self)
    }

    /// (jCal property, iCalendar content line): VALUE appears exactly when the type is not the property's default.
    static let cases: [(String, String)] = [
        (#"["dtstart",{},"date","2013-02-14"]"#, "DTSTART;VALUE=DATE:20130214"),
        (#"["dtstart",{"tzid":"Europe/Berlin"},"date-time","2013-02-14T12:00:00"]"#, "DTSTART;TZID=Europe/Berlin:20130214T120000"),
        (#"["dtstamp",{},"date-time","2013-02-14T12:00:00Z"]"#, "DTSTAMP:20130214T120000Z"),
        (#"["exdate",{},"date","2013-02-14","2013-02-15"]"#, "EXDATE;VALUE=DATE:20130214,20130215"),
        (#"["rdate",{"tzid":"US/Eastern"},"period",["2006-01-02T15:00:00","PT2H"],["2006-01-03T15:00:00","2006-01-03T16:00:00"]]"#,
         "RDATE;VALUE=PERIOD;TZID=US/Eastern:20060102T150000/PT2H,20060103T150000/20060103T160000"),
        (#"["freebusy",{"fbtype":"BUSY"},"period",["1997-03-08T16:00:00Z","PT3H"]]"#, "FREEBUSY;FBTYPE=BUSY:19970308T160000Z/PT3H"),
        (#"["summary",{"language":"en"},"text","a, b; c\\d\ne"]"#, #"SUMMARY;LANGUAGE=en:a\, b\; c\\d\ne"#),
        (#"["description",{},"text","windows\r\nline"]"#, #"DESCRIPTION:windows\nline"#),
        (#"["categories",{},"text","a,b","c"]"#, #"CATEGORIES:a\,b,c"#),
        (#"["geo",{},"float",[1.5e1,-1E-2]]"#, "GEO:15;-0.01"),
        (#"["geo",{},"float",[37.386013,-122.082932]]"#, "GEO:37.386013;-122.082932"),
        (#"["x-f",{},"float",2.50]"#, "X-F;VALUE=FLOAT:2.50"),
        (#"["x-f",{},"float",-12.5e-3]"#, "X-F;VALUE=FLOAT:-0.0125"),
        (#"["x-f",{},"float",1e2]"#, "X-F;VALUE=FLOAT:100"),
        (#"["priority",{},"integer",9]"#, "PRIORITY:9"),
        (#"["x-n",{},"integer",-2147483648]"#, "X-N;VALUE=INTEGER:-2147483648"),
        (#"["x-bool",{},"boolean",false]"#, "X-BOOL;VALUE=BOOLEAN:FALSE"),
        (#"["tzoffsetfrom",{},"utc-offset","+01:30:45"]"#, "TZOFFSETFROM:+013045"),
        (#"["tzoffsetto",{},"utc-offset","-05:00"]"#, "TZOFFSETTO:-0500"),
        (#"["x-t",{},"time","23:00:00Z"]"#, "X-T;VALUE=TIME:230000Z"),
        (#"["duration",{},"duration","P1W"]"#, "DURATION:P1W"),
        (#"["trigger",{"related":"END"},"date-time","1998-01-01T05:00:00Z"]"#, "TRIGGER;VALUE=DATE-TIME;RELATED=END:19980101T050000Z"),
        (#"["attach",{"encoding":"BASE64"},"binary","AAAA"]"#, "ATTACH;VALUE=BINARY;ENCODING=BASE64:AAAA"),
        (#"["attendee",{"member":["mailto:a@x","mailto:b@x"],"cn":"A \"B\""},"cal-address","mailto:c@x"]"#,
         #"ATTENDEE;MEMBER="mailto:a@x","mailto:b@x";CN=A ^'B^':mailto:c@x"#),
        (#"["attendee",{"delegated-from":["mailto:a@x"]},"cal-address","mailto:c@x"]"#, #"ATTENDEE;DELEGATED-FROM="mailto:a@x":mailto:c@x"#),
        (#"["request-status",{},"text",["3.7","Bad; user","ATTENDEE:x"]]"#, #"REQUEST-STATUS:3.7;Bad\; user;ATTENDEE:x"#),
        (#"["request-status",{},"text",["2.0","Success"]]"#, "REQUEST-STATUS:2.0;Success"),
        // RECUR: FREQ first, the rest in the object's order, arrays joined.
        (#"["rrule",{},"recur",{"count":3,"freq":"DAILY","byday":"MO"}]"#, "RRULE:FREQ=DAILY;COUNT=3;BYDAY=MO"),
        (#"["rrule",{},"recur",{"freq":"YEARLY","byday":["-1SU","2MO"],"bymonth":[4,10],"until":"2013-10-01T00:00:00Z"}]"#,
         "RRULE:FREQ=YEARLY;BYDAY=-1SU,2MO;BYMONTH=4,10;UNTIL=20131001T000000Z"),
        (#"["exrule",{},"recur",{"freq":"WEEKLY","until":"2013-10-01","x-name":"v"}]"#, "EXRULE:FREQ=WEEKLY;UNTIL=20131001;X-NAME=v"),
        // §5.2: unknown is copied as is without VALUE; X- properties with a type keep it as VALUE.
        (#"["x-foo",{},"unknown","a\\,b;c"]"#, #"X-FOO:a\,b;c"#),
        (#"["summary",{},"unknown","raw\\,text"]"#, #"SUMMARY:raw\,text"#),
        (#"["x-foo",{},"text","a, b"]"#, #"X-FOO;VALUE=TEXT:a\, b"#),
        (#"["x-foo",{},"text","a","b"]"#, "X-FOO;VALUE=TEXT:a,b"),
        (#"["x-foo",{},"x-custom","raw"]"#, "X-FOO;VALUE=X-CUSTOM:raw"),
        (#"["x-foo",{"x-list":["a","b"]},"uri","http://example.org/?a=1,2"]"#, "X-FOO;VALUE=URI;X-LIST=a,b:http://example.org/?a=1,2"),
        (#"["foo-bar",{},"unknown","future"]"#, "FOO-BAR:future"),
    ]

    @Test("each value type back to iCalendar text", arguments: cases)
    func decodesProperty(_ json: String, _ expected: String) throws {
        // VALUE, when added, goes before the parameters the jCal gave.
        #expect(try Self.decode(property: json) == expected)
    }

    @Test("names in any case are accepted and come out uppercase; a default type given explicitly adds no VALUE")
    func namesAnyCase() throws {
        let calendar = try JCalDecoder().decode(#"["VCALENDAR",[["VERSION",{},"text","2.0"],["ProdID",{},"Text","x"],["SUMMARY",{"LANGUAGE":"en"},"TEXT","x"]],[["VEvent",[],[]]]]"#)
        #expect(calendar.name == .vcalendar)
        #expect(calendar.properties.last == Property(name: .summary, parameters: [Parameter(.language, "en")], value: "x"))
        #expect(calendar.components.map(\.name) == [.vevent])
    }

    @Test("streams: an array of components, a single component, or none")
    func streams() throws {
        let decoder = JCalDecoder()
        let calendar = #"["vcalendar",[["version",{},"text","2.0"],["prodid",{},"text","-//t//t//EN"]],[]]"#
        #expect(try decoder.decodeStream("[" + calendar + "," + calendar + "]").count == 2)
        #expect(try decoder.decodeStream(calendar).count == 1)
        #expect(try decoder.decodeStream("[]").isEmpty)
    }

    @Test("bytes, String and Data inputs agree; a byte order mark is skipped")
    func inputForms() throws {
        let json = try JCalFixture.text("rfc7265-b1-simple.json")
        let decoder = JCalDecoder()
        let fromString = try decoder.decode(json)
        #expect(try decoder.decode(Array(json.utf8)) == fromString)
        #expect(try decoder.decode(Data(json.utf8)) == fromString)
        #expect(try decoder.decode([0xEF, 0xBB, 0xBF] + Array(json.utf8)) == fromString)
        #expect(try Component(jCal: json) == fromString)
        #expect(try Component(jCal: Array(json.utf8)) == fromString)
    }

    @Test("decoded calendars pass the strict iCalendar parser unchanged")
    func decodedTextParses() throws {
        for name in JCalRFCExampleTests.pairs {
            let decoded = try JCalDecoder().decode(JCalFixture.text(name + ".json"))
            #expect(try Component(parsing: decoded.serialized) == decoded)
        }
    }
}
