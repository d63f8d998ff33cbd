import Foundation
import Testing
@testable import ICalendar

/// Fixtures in `Fixtures/jcal/` and the comparisons the jCal tests share.
enum JCalFixture {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/jcal")

    static func text(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    /// A JSON text re-written compactly by the project's own writer, member order kept.
    static func minified(_ json: String) throws -> String {
        var out = JSONOutput()
        out.value(try JSONReader.parse(Array(json.utf8)))
        return String(decoding: out.bytes, as: UTF8.self)
    }

    static func encode(_ component: Component) throws -> String {
        try JCalEncoder().string(component)
    }

    /// jCal → component → iCalendar text → component → jCal: the iCalendar step is real text, not just the tree.
    static func throughICalendar(_ json: String) throws -> String {
        let decoded = try JCalDecoder().decode(json)
        let reparsed = try Component(parsing: decoded.serialized)
        return try encode(reparsed)
    }
}

/// A property reduced to what it means: parameters as a set without VALUE, the effective type, and values with TEXT
/// escapes decoded, so `\N`/`\n` or parameter order do not count as differences.
struct SemanticProperty: Hashable, Comparable, CustomStringConvertible {
    var name: String
    var parameters: [String]
    var type: String
    var values: [String]

    init(_ property: Property) {
        name = property.name.rawValue
        parameters = property.parameters.filter { $0.name != .value }.map { "\($0.name.rawValue)=\($0.values)" }.sorted()
        var valueType = property.valueType
        // A DATE written without VALUE=DATE (the parser allows it) means a DATE.
        if valueType == .dateTime, property[parameter: .value] == nil, property.value.split(separator: ",").first?.count == 8 {
            valueType = .date
        }
        type = valueType.name
        switch valueType {
        case .text where ValueType.isList(property.name): values = property.texts
        case .text: values = [property.text]
        case .boolean: values = [property.value.uppercased()]
        default: values = [property.value]
        }
    }

    var description: String { "\(name)\(parameters)(\(type)):\(values)" }
    static func < (a: SemanticProperty, b: SemanticProperty) -> Bool { a.description < b.description }
}

/// A component as a tree of semantic properties; property order does not count (RFC 7265 Appendix B itself lists
/// PRODID and VERSION in a different order in its two forms), component order does.
struct SemanticComponent: Hashable {
    var name: String
    var properties: [SemanticProperty]
    var components: [SemanticComponent]

    init(_ component: Component) {
        name = component.name.rawValue
        properties = component.properties.map(SemanticProperty.init).sorted()
        components = component.components.map(SemanticComponent.init)
    }
}

@Suite("jCal: RFC 7265 Appendix B and value examples")
struct JCalRFCExampleTests {
    static let pairs = ["rfc7265-b1-simple", "rfc7265-b2-timezone-recurrence", "value-types"]

    @Test("iCalendar → jCal gives the fixture's JSON", arguments: pairs)
    func encodesFixture(_ name: String) throws {
        let calendar = try Component(parsing: JCalFixture.text(name + ".ics"))
        let expected = try JCalFixture.minified(JCalFixture.text(name + ".json"))
        let actual = try JCalFixture.encode(calendar)
        if name == "rfc7265-b2-timezone-recurrence" {
            // The RFC lists VERSION before PRODID in the iCalendar form and after it in the jCal form; the encoder
            // keeps the order it is given, so compare after swapping the two back.
            #expect(actual == expected.replacingOccurrences(
                of: #"[["prodid",{},"text","-//Example Corp.//Example Client//EN"],["version",{},"text","2.0"]]"#,
                with: #"[["version",{},"text","2.0"],["prodid",{},"text","-//Example Corp.//Example Client//EN"]]"#))
        } else {
            #expect(actual == expected)
        }
    }

    @Test("jCal → component matches the parsed iCalendar", arguments: pairs)
    func decodesFixture(_ name: String) throws {
        let fromJSON = try JCalDecoder().decode(JCalFixture.text(name + ".json"))
        let fromText = try Component(parsing: JCalFixture.text(name + ".ics"))
        #expect(SemanticComponent(fromJSON) == SemanticComponent(fromText))
    }

    @Test("jCal → iCalendar text → jCal gives identical JSON", arguments: pairs)
    func jCalRoundTripIsIdentical(_ name: String) throws {
        let json = try JCalFixture.text(name + ".json")
        #expect(try JCalFixture.throughICalendar(json) == JCalFixture.minified(json))
    }

    @Test("B.1: DTSTART with a jCal date gets VALUE=DATE back")
    func exampleOneValueParameter() throws {
        let calendar = try Component(jCal: JCalFixture.text("rfc7265-b1-simple.json"))
        let start = try #require(calendar.components.first?.property(.dtstart))
        #expect(start.parameters == [Parameter(.value, "DATE")])
        #expect(start.value == "20081006")
    }

    @Test("B.2: TEXT is unescaped in jCal and escaped again on the way back")
    func exampleTwoDescription() throws {
        let calendar = try Component(jCal: JCalFixture.text("rfc7265-b2-timezone-recurrence.json"))
        let description = try #require(calendar.components(.vevent).first?.property(.description))
        #expect(description.value.hasPrefix(#"We are having a meeting all this week at 12 pm for one hour\, with"#))
        #expect(description.value.contains(#"long.\nPlease"#))
        let rdate = try #require(calendar.components(.vevent).first?.property(.rdate))
        #expect(Set(rdate.parameters) == [Parameter(.tzid, "US/Eastern"), Parameter(.value, "PERIOD")])
        #expect(rdate.value == "20060102T150000/PT2H")
    }

    /// RFC 7265 §5.3: a property of unknown type travels as `unknown` with its raw text, escapes included.
    @Test("§5.3: unknown properties keep their raw value both ways")
    func unknownPropertyExamples() throws {
        let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nX-COMPLEX-NUMBER:3+4i\r\nX-COFFEE-DATA:Stenophylla;Guinea\\,Africa\r\nEND:VCALENDAR\r\n"
        let json = try JCalFixture.encode(try Component(parsing: text))
        #expect(json == #"["vcalendar",[["version",{},"text","2.0"],["prodid",{},"text","x"],["x-complex-number",{},"unknown","3+4i"],["x-coffee-data",{},"unknown","Stenophylla;Guinea\\,Africa"]],[]]"#)
        let back = try JCalDecoder().decode(json)
        #expect(back.serialized == text)
    }
}
