import Testing
@testable import ICalendar

/// RFC 5545 §3.1: lines of at most 75 octets, CRLF, folds never inside a UTF-8 sequence; §3.2 quoting; RFC 6868.
@Suite struct SerializerTests {
    static func physicalLines(_ bytes: [UInt8]) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A {
                lines.append(current)
                current = []
                i += 2
            } else {
                current.append(bytes[i])
                i += 1
            }
        }
        return lines
    }

    @Test func foldsAtExactly75Octets() {
        let value = String(repeating: "a", count: 200)
        var out: [UInt8] = []
        ICalendarSerializer.fold(Array(("SUMMARY:" + value).utf8), into: &out)
        let lines = Self.physicalLines(out)
        #expect(lines[0].count == 75)
        #expect(lines.dropFirst().allSatisfy { $0.first == 0x20 && $0.count <= 75 })
        #expect(lines.dropFirst().dropLast().allSatisfy { $0.count == 75 })
        #expect(lines.map { $0.first == 0x20 ? Array($0.dropFirst()) : $0 }.joined().count == 208)
    }

    @Test func aLineOfExactly75OctetsIsNotFolded() {
        var out: [UInt8] = []
        ICalendarSerializer.fold(Array(String(repeating: "x", count: 75).utf8), into: &out)
        #expect(Self.physicalLines(out).count == 1)
        out = []
        ICalendarSerializer.fold(Array(String(repeating: "x", count: 76).utf8), into: &out)
        #expect(Self.physicalLines(out).map(\.count) == [75, 2])
    }

    @Test(arguments: ["é", "€", "𝄞", "日本", "👩‍👩‍👧"])
    func neverSplitsAMultiByteSequence(_ unit: String) {
        for prefix in 0..<8 {
            let value = String(repeating: "a", count: prefix) + String(repeating: unit, count: 60)
            var out: [UInt8] = []
            ICalendarSerializer.fold(Array(("DESCRIPTION:" + value).utf8), into: &out)
            for line in Self.physicalLines(out) {
                #expect(line.count <= 75)
                #expect(String(validating: line, as: UTF8.self) != nil, "a fold split a UTF-8 sequence")
            }
        }
    }

    @Test func quotesParameterValuesThatNeedIt() {
        let property = Property(name: .attendee, parameters: [
            Parameter(.cn, "Doe, Jane"), Parameter(.delegatedTo, "mailto:a@example.com"), Parameter("X-PLAIN", "simple"),
            Parameter(name: .member, values: ["mailto:x@example.com", "mailto:y@example.com"]),
        ], value: "mailto:jane@example.com")
        var line: [UInt8] = []
        ICalendarSerializer.contentLine(property, into: &line)
        #expect(String(decoding: line, as: UTF8.self) == "ATTENDEE;CN=\"Doe, Jane\";DELEGATED-TO=\"mailto:a@example.com\";X-PLAIN=simple;MEMBER=\"mailto:x@example.com\",\"mailto:y@example.com\":mailto:jane@example.com")
    }

    /// Random trees (seeded, bounded) survive serialize → parse unchanged.
    @Test func randomTreesRoundTrip() throws {
        var rng = SeededGenerator(seed: 0x5EED)
        let alphabet = Array("abcXYZ 019,;:\\\"^'é€😀日\t-=")
        func randomText(_ maxLength: Int) -> String {
            String((0..<Int.random(in: 0...maxLength, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
        }
        for _ in 0..<300 {
            var event = Component(name: .vevent)
            for n in 0..<Int.random(in: 1...8, using: &rng) {
                let params = (0..<Int.random(in: 0...3, using: &rng)).map { p in
                    Parameter(name: ParameterName("X-P\(p)"), values: (0..<Int.random(in: 1...3, using: &rng)).map { _ in
                        randomText(20).replacingOccurrences(of: "\"", with: "'").replacingOccurrences(of: "\t", with: " ")
                    })
                }
                event.properties.append(Property(name: PropertyName("X-PROP\(n)"), parameters: params, value: TextValue.escape(randomText(120))))
            }
            let calendar = Component(name: .vcalendar, properties: [
                Property(name: .version, value: "2.0"), Property(name: .prodid, value: "-//Almanac//Fuzz//EN"),
            ], components: [event])
            let parsed = try ICalendarParser().parseCalendar(ICalendarSerializer().serialize(calendar))
            #expect(parsed == calendar)
            if parsed != calendar { break }
        }
    }
}

/// A small deterministic generator so randomised tests are repeatable.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        // SplitMix64
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
