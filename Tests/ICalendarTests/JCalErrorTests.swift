import Testing
@testable import ICalendar

@Suite("jCal: errors say where and what")
struct JCalErrorTests {
    /// (jCal, code, path, a phrase the message must contain).
    static let cases: [(String, JCalError.Code, String, String)] = [
        // Shape of components and properties (§3.3, §3.4).
        (#"{"vcalendar":1}"#, .invalidStructure, "", "jCal must be an array: a component, or an array of components; found an object"),
        (#"["vcalendar",[]]"#, .invalidStructure, "vcalendar", "found an array of 2 elements"),
        (#"[42,[],[]]"#, .invalidName, "", "a component name must be a string"),
        (#"["vcalendar",{},[]]"#, .invalidStructure, "vcalendar", "must be an array of properties, not an object"),
        (#"["vcalendar",[],{}]"#, .invalidStructure, "vcalendar", "must be an array of components, not an object"),
        (#"["vcalendar",[],[["vevent",[],[]],["vevent",[],[["valarm",[]]]]]]"#, .invalidStructure, "vcalendar/vevent[1]/valarm[0]", "found an array of 2"),
        (#"["vcalendar",[["dtstart",{},"date-time"]],[]]"#, .invalidStructure, "vcalendar/dtstart", "at least four elements; this one has 3"),
        (#"["vcalendar",["dtstart"],[]]"#, .invalidStructure, "vcalendar/[0]", "a property must be an array"),
        (#"["vcalendar",[["dt start",{},"text","x"]],[]]"#, .invalidName, "vcalendar/dt start", "a property name must be"),
        (#"["vcalendar",[["summary",[],"text","x"]],[]]"#, .invalidStructure, "vcalendar/summary", "must be an object of parameters"),
        (#"["vcalendar",[["summary",{},null,"x"]],[]]"#, .invalidType, "vcalendar/summary", "its value type as a string"),
        // Parameters (§3.5).
        (#"["vcalendar",[["dtstart",{"value":"DATE"},"date","2013-02-14"]],[]]"#, .invalidParameter, "vcalendar/dtstart", "\"value\" must not be a parameter"),
        (#"["vcalendar",[["dtstart",{"tzid":"A","TZID":"B"},"date-time","2013-02-14T12:00:00"]],[]]"#, .invalidParameter, "vcalendar/dtstart", "appears twice"),
        (#"["vcalendar",[["summary",{"cn":1},"text","x"]],[]]"#, .invalidParameter, "vcalendar/summary", "a string or a non-empty array of strings, not a number"),
        (#"["vcalendar",[["summary",{"cn":[]},"text","x"]],[]]"#, .invalidParameter, "vcalendar/summary", "non-empty array"),
        (#"["vcalendar",[["summary",{"member":["a",2]},"text","x"]],[]]"#, .invalidParameter, "vcalendar/summary", "must hold strings, not a number"),
        (#"["vcalendar",[["summary",{"cn":"a\u0000b"},"text","x"]],[]]"#, .invalidParameter, "vcalendar/summary", "control character U+0000"),
        (#"["vcalendar",[["summary",{"c n":"a"},"text","x"]],[]]"#, .invalidName, "vcalendar/summary", "'c n' is not a parameter name"),
        // Values: JSON type, form, count (§3.6, §3.4.1.1).
        (#"["vcalendar",[["summary",{},"text",42]],[]]"#, .invalidType, "vcalendar/summary", "a value of type text must be a string, not a number"),
        (#"["vcalendar",[["summary",{},"text","a","b"]],[]]"#, .invalidType, "vcalendar/summary", "summary takes one value, found 2"),
        (#"["vcalendar",[],[["vevent",[["uid",{},"text","1"]],[]],["vevent",[["dtstart",{},"date-time","2013-02-14"]],[]]]]"#,
         .invalidValue, "vcalendar/vevent[1]/dtstart", #""2013-02-14" is not a date-time like"#),
        (#"["vcalendar",[["exdate",{},"date","2013-02-14","2013-02-30"]],[]]"#, .invalidValue, "vcalendar/exdate", #"value 2: "2013-02-30" is not a date"#),
        (#"["vcalendar",[["dtstart",{},"date-time","2013-02-14t12:00:00"]],[]]"#, .invalidValue, "vcalendar/dtstart", "is not a date-time"),
        (#"["vcalendar",[["tzoffsetto",{},"utc-offset","-0500"]],[]]"#, .invalidValue, "vcalendar/tzoffsetto", "is not a UTC offset like \"-05:00\""),
        (#"["vcalendar",[["x-t",{},"time","25:00:00"]],[]]"#, .invalidValue, "vcalendar/x-t", "is not a time"),
        (#"["vcalendar",[["duration",{},"duration","1H"]],[]]"#, .invalidValue, "vcalendar/duration", "is not a duration"),
        (#"["vcalendar",[["rdate",{},"period","2013-02-14T12:00:00/PT1H"]],[]]"#, .invalidType, "vcalendar/rdate", "array of two strings"),
        (#"["vcalendar",[["rdate",{},"period",["2013-02-14","PT1H"]]],[]]"#, .invalidValue, "vcalendar/rdate", "cannot start a period"),
        (#"["vcalendar",[["geo",{},"float",[1.5]]],[]]"#, .invalidType, "vcalendar/geo", "array of two numbers"),
        (#"["vcalendar",[["geo",{},"float",[95.0,0]]],[]]"#, .invalidValue, "vcalendar/geo", "GEO must be 'latitude;longitude'"),
        (#"["vcalendar",[["request-status",{},"text","2.0;Success"]],[]]"#, .invalidType, "vcalendar/request-status", "[code, description]"),
        (#"["vcalendar",[["request-status",{},"text",["ok","Success"]]],[]]"#, .invalidValue, "vcalendar/request-status", "code must look like"),
        (#"["vcalendar",[["priority",{},"integer",1.5]],[]]"#, .invalidValue, "vcalendar/priority", "is not an INTEGER"),
        (#"["vcalendar",[["priority",{},"integer","1"]],[]]"#, .invalidType, "vcalendar/priority", "must be a number, not a string"),
        (#"["vcalendar",[["priority",{},"integer",10]],[]]"#, .invalidValue, "vcalendar/priority", "out of range"),
        (#"["vcalendar",[["x-n",{},"integer",2147483648]],[]]"#, .invalidValue, "vcalendar/x-n", "-2147483648 to 2147483647"),
        (#"["vcalendar",[["x-b",{},"boolean","true"]],[]]"#, .invalidType, "vcalendar/x-b", "must be true or false"),
        (#"["vcalendar",[["x-f",{},"float",1e999]],[]]"#, .invalidValue, "vcalendar/x-f", "out of range"),
        (#"["vcalendar",[["dtstamp",{},"date-time","2013-02-14T12:00:00"]],[]]"#, .invalidValue, "vcalendar/dtstamp", "must be a UTC DATE-TIME"),
        // RECUR (§3.6.10).
        (#"["vcalendar",[["rrule",{},"recur","FREQ=DAILY"]],[]]"#, .invalidType, "vcalendar/rrule", "must be an object"),
        (#"["vcalendar",[["rrule",{},"recur",{"count":5}]],[]]"#, .invalidValue, "vcalendar/rrule", "needs \"freq\""),
        (#"["vcalendar",[["rrule",{},"recur",{"freq":"DAILY","FREQ":"DAILY"}]],[]]"#, .invalidValue, "vcalendar/rrule", "appears twice"),
        (#"["vcalendar",[["rrule",{},"recur",{"freq":"DAILY","count":5,"until":"2013-01-01"}]],[]]"#, .invalidValue, "vcalendar/rrule", "COUNT and UNTIL"),
        (#"["vcalendar",[["rrule",{},"recur",{"freq":"DAILY","bymonth":13}]],[]]"#, .invalidValue, "vcalendar/rrule", "BYMONTH value '13' must be 1...12"),
        (#"["vcalendar",[["rrule",{},"recur",{"freq":"DAILY","byday":"MO;COUNT=1"}]],[]]"#, .invalidValue, "vcalendar/rrule", "no ';', ',', '='"),
        (#"["vcalendar",[["rrule",{},"recur",{"freq":"DAILY","count":2.5}]],[]]"#, .invalidValue, "vcalendar/rrule", "whole numbers"),
        (#"["vcalendar",[["rrule",{},"recur",{"freq":"DAILY","byday":[]}]],[]]"#, .invalidValue, "vcalendar/rrule", "must not be an empty array"),
        (#"["vcalendar",[["rrule",{},"recur",{"freq":"DAILY","until":"tomorrow"}]],[]]"#, .invalidValue, "vcalendar/rrule", "\"until\" must be a date"),
        (#"["vcalendar",[["rrule",{},"recur",{"freq":"DAILY","byday":{"day":"MO"}}]],[]]"#, .invalidType, "vcalendar/rrule", "not an object"),
        // No line breaks may reach the iCalendar text where they could start a new property.
        (#"["vcalendar",[["x-foo",{},"unknown","a\r\nBEGIN:VEVENT"]],[]]"#, .invalidValue, "vcalendar/x-foo", "control character U+000D"),
        (#"["vcalendar",[["url",{},"uri","http://x/\nA"]],[]]"#, .invalidValue, "vcalendar/url", "control character U+000A"),
        (#"["vcalendar",[["summary",{},"text","bell\u0007"]],[]]"#, .invalidValue, "vcalendar/summary", "control character U+0007"),
        // Paths: repeated properties and streams.
        (#"["vcalendar",[],[["vevent",[["attendee",{},"cal-address","mailto:a@x"],["attendee",{},"cal-address",7]],[]]]]"#,
         .invalidType, "vcalendar/vevent[0]/attendee[1]", "must be a string"),
        (#"[["vcalendar",[["version",{},"text","2.0"],["prodid",{},"text","-//t//t//EN"]],[]],["vcalendar",[["version",{},"text",1]],[]]]"#, .invalidType, "vcalendar[1]/version", "must be a string"),
        // RFC 5545 §3.6: VERSION and PRODID, checked once the VCALENDAR is read.
        (#"["vcalendar",[["prodid",{},"text","x"]],[]]"#, .missingRequiredProperty, "vcalendar", "a vcalendar must have a \"version\" property"),
        (#"[["vcalendar",[["version",{},"text","2.0"],["prodid",{},"text","-//t//t//EN"]],[]],["vcalendar",[["version",{},"text","2.0"]],[]]]"#, .missingRequiredProperty, "vcalendar[1]", "\"prodid\""),
    ]

    @Test("decoding errors", arguments: cases)
    func decodingError(_ json: String, _ code: JCalError.Code, _ path: String, _ phrase: String) {
        let error = #expect(throws: JCalError.self) {
            _ = try JCalDecoder().decodeStream(json)
        }
        #expect(error?.code == code)
        #expect(error?.path == path)
        #expect(error?.message.contains(phrase) == true, "\(error?.message ?? "")")
    }

    @Test("malformed JSON is refused with the byte offset", arguments: [
        ("", 0, "empty"),
        ("not json", 0, "expected a value"),
        (#"["vcalendar",[],[]"#, 18, "unterminated array"),
        (#"["vcalendar",[],[],]"#, 19, "expected a value"),
        (#"["vcalendar" []]"#, 13, "expected ',' or ']'"),
        (#"["a\x"]"#, 4, "unknown escape"),
        (#"["\ud800"]"#, 8, "high surrogate without a low surrogate"),
        ("[01]", 2, "leading zeros"),
        ("[1.]", 3, "digits after '.'"),
        ("[\"a\nb\"]", 3, "control character"),
        (#"[] []"#, 3, "unexpected data after"),
        (#"{"a" 1}"#, 5, "expected ':'"),
        ("[tru", 1, "unexpected end of input in 'true'"),
        ("[trux]", 1, "unexpected 't'; expected a value"),
    ] as [(String, Int, String)])
    func jsonError(_ json: String, _ offset: Int, _ phrase: String) {
        let error = #expect(throws: JCalError.self) { _ = try JCalDecoder().decode(json) }
        #expect(error?.code == .invalidJSON)
        #expect(error?.offset == offset)
        #expect(error?.path == "")
        #expect(error?.message.contains(phrase) == true, "\(error?.message ?? "")")
    }

    @Test("invalid UTF-8 inside a string is refused")
    func invalidUTF8() {
        let bytes: [UInt8] = Array(#"["vcalendar",[["summary",{},"text",""#.utf8) + [0xC3, 0x28] + Array(#""]],[]]"#.utf8)
        let error = #expect(throws: JCalError.self) { _ = try JCalDecoder().decode(bytes) }
        #expect(error?.code == .invalidJSON)
        #expect(error?.message == "a string is not valid UTF-8")
    }

    @Test("nesting limits: JSON depth and component depth")
    func depthLimits() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        let jsonError = #expect(throws: JCalError.self) { _ = try JCalDecoder().decode(deep) }
        #expect(jsonError?.code == .invalidJSON)
        #expect(jsonError?.message.contains("deeper than 512") == true)

        let alarm = #"["vcalendar",[["version",{},"text","2.0"],["prodid",{},"text","-//t//t//EN"]],[["vevent",[],[["valarm",[],[]]]]]]"#
        let error = #expect(throws: JCalError.self) { _ = try JCalDecoder(maxDepth: 2).decode(alarm) }
        #expect(error == JCalError(.tooDeep, path: "vcalendar/vevent[0]/valarm[0]", message: "components nest deeper than 2 levels"))
        #expect(throws: Never.self) { _ = try JCalDecoder(maxDepth: 3).decode(alarm) }
    }

    @Test("Component(jCal:) wants a VCALENDAR")
    func wantsVCalendar() {
        #expect(throws: JCalError(.notVCalendar, path: "vevent", message: "expected a vcalendar component, found vevent")) {
            _ = try Component(jCal: #"["vevent",[],[]]"#)
        }
    }

    @Test("descriptions read well")
    func descriptions() {
        #expect(JCalError(.invalidValue, path: "vcalendar/vevent[0]/dtstart", message: "bad").description == "vcalendar/vevent[0]/dtstart: bad")
        #expect(JCalError(.invalidJSON, offset: 7, message: "bad").description == "byte 7: bad")
        #expect(JCalError(.invalidStructure, message: "bad").description == "bad")
    }
}
