import Testing
@testable import ICalendar

@Suite("jCal: the JSON reader and writer")
struct JCalJSONTests {
    static func parse(_ text: String) throws -> JSONValue { try JSONReader.parse(Array(text.utf8)) }

    static func write(_ value: JSONValue) -> String {
        var out = JSONOutput()
        out.value(value)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    @Test("values, whitespace and nesting")
    func parsesValues() throws {
        let value = try Self.parse(" [ true , false,null ,\t\r\n{ \"a\" : [ ] , \"b\":{}} , \"s\", -0, 1.5e+10, 2E-3 ] ")
        #expect(value == .array([
            .bool(true), .bool(false), .null,
            .object([JSONMember(key: "a", value: .array([])), JSONMember(key: "b", value: .object([]))]),
            .string("s"), .number("-0"), .number("1.5e+10"), .number("2E-3"),
        ]))
    }

    @Test("numbers keep their text, so nothing is rounded")
    func numbersAreExact() throws {
        #expect(try Self.parse("[0.1000000000000000055511151231257827]") == .array([.number("0.1000000000000000055511151231257827")]))
        #expect(try Self.parse("[12345678901234567890123]") == .array([.number("12345678901234567890123")]))
    }

    @Test("string escapes, including surrogate pairs")
    func stringEscapes() throws {
        #expect(try Self.parse(#"["\"\\\/\b\f\n\r\t\u00e9\u20AC\ud83d\ude00 raw é😀"]"#)
            == .array([.string("\"\\/\u{8}\u{C}\n\r\té€😀 raw é😀")]))
    }

    @Test("object members keep their order and duplicates are kept for the jCal layer to judge")
    func objectOrder() throws {
        #expect(try Self.parse(#"{"z":1,"a":2,"z":3}"#) == .object([
            JSONMember(key: "z", value: .number("1")), JSONMember(key: "a", value: .number("2")), JSONMember(key: "z", value: .number("3")),
        ]))
    }

    @Test("refuses what RFC 8259 does not allow", arguments: [
        "[1,]", "[,1]", "{\"a\":1,}", "{a:1}", "['a']", "[+1]", "[.5]", "[1.e3]", "[1e]", "[0x10]", "[NaN]",
        "[Infinity]", "[\"\\u12\"]", "[\"\\udc00\"]", "[\"\\ud800\\u0041\"]", "[\"unterminated]", "[True]", "[nul]",
    ])
    func refusesInvalid(_ text: String) {
        let error = #expect(throws: JCalError.self) { try Self.parse(text) }
        #expect(error?.code == .invalidJSON)
    }

    @Test("the writer escapes quotes, backslashes and control characters, and nothing else")
    func writerEscapes() {
        #expect(Self.write(.string("a\"b\\c\n\r\t\u{8}\u{C}\u{0}\u{1F} é😀/")) == #""a\"b\\c\n\r\t\b\f\u0000\u001F é😀/""#)
    }

    @Test("writing what was read gives the same value back", arguments: [
        #"[]"#, #"{}"#, #"["a",1,-2.5e3,true,false,null,{"k":["v",{"n":0}]}]"#, #"["\u0001\u007f\u0080"]"#,
    ])
    func writeParseRoundTrip(_ text: String) throws {
        let value = try Self.parse(text)
        #expect(try Self.parse(Self.write(value)) == value)
    }

    @Test("lowercased names escape anything unusual")
    func lowercasedNames() {
        var out = JSONOutput()
        out.lowercasedName("X-ABC-123")
        out.lowercasedName("X-\"Q\"")
        #expect(String(decoding: out.bytes, as: UTF8.self) == #""x-abc-123""x-\"q\"""#)
    }
}
