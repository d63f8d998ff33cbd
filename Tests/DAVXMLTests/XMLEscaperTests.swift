import Testing
@testable import DAVXML

/// The word-at-a-time escaper against a byte-at-a-time reference written from the rules in `XMLEscaper`'s
/// documentation, on inputs that put each special byte at every offset of an 8-byte word.
@Suite struct XMLEscaperTests {
    private static func reference(_ bytes: [UInt8], attribute: Bool) -> [UInt8] {
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "&"): output += Array("&amp;".utf8)
            case UInt8(ascii: "<"): output += Array("&lt;".utf8)
            case UInt8(ascii: ">"): output += Array("&gt;".utf8)
            case UInt8(ascii: "\"") where attribute: output += Array("&quot;".utf8)
            case UInt8(ascii: "\r"): output += Array("&#13;".utf8)
            case UInt8(ascii: "\n") where attribute: output += Array("&#10;".utf8)
            case UInt8(ascii: "\t") where attribute: output += Array("&#9;".utf8)
            case UInt8(ascii: "\n"), UInt8(ascii: "\t"): output.append(byte)
            case 0..<0x20: output += Array("\u{FFFD}".utf8)
            case 0xEF where index + 2 < bytes.count && bytes[index + 1] == 0xBF && bytes[index + 2] >= 0xBE:
                output += Array("\u{FFFD}".utf8)
                index += 2
            default: output.append(byte)
            }
            index += 1
        }
        return output
    }

    private static func escaped(_ bytes: [UInt8], attribute: Bool) -> [UInt8] {
        var output: [UInt8] = Array("prefix".utf8)
        bytes.withUnsafeBufferPointer { XMLEscaper.append($0, attribute: attribute, into: &output) }
        return Array(output.dropFirst(6))
    }

    static let specials: [[UInt8]] = [
        [0x26], [0x3C], [0x3E], [0x22], [0x0D], [0x0A], [0x09], [0x00], [0x1F], [0xEF, 0xBF, 0xBE], [0xEF, 0xBF, 0xBF],
        Array("é".utf8), Array("\u{FFFD}".utf8), [0x0D, 0x0A],
    ]

    @Test(arguments: [false, true])
    func everySpecialByteAtEveryWordOffsetMatchesTheReference(attribute: Bool) {
        for special in Self.specials {
            for offset in 0..<20 {
                let input = Array(repeating: UInt8(ascii: "a"), count: offset) + special
                    + Array(repeating: UInt8(ascii: "b"), count: 19 - offset)
                #expect(Self.escaped(input, attribute: attribute) == Self.reference(input, attribute: attribute),
                        "special \(special) at offset \(offset)")
            }
        }
    }

    @Test func calendarDataKeepsItsLinesReadable() {
        let data = Array("BEGIN:VEVENT\r\nSUMMARY:Tom & Jerry <3\r\nEND:VEVENT\r\n".utf8)
        #expect(String(decoding: Self.escaped(data, attribute: false), as: UTF8.self)
            == "BEGIN:VEVENT&#13;\nSUMMARY:Tom &amp; Jerry &lt;3&#13;\nEND:VEVENT&#13;\n")
        #expect(Self.escaped(data, attribute: false) == Self.reference(data, attribute: false))
    }

    /// Longer than the escaper's 4 KB staging buffer: lines with CRLF, then one run longer than the buffer itself.
    @Test(arguments: [false, true])
    func longTextMatchesTheReference(attribute: Bool) {
        var input: [UInt8] = []
        for line in 0..<300 { input += Array("DESCRIPTION:line \(line) & <more> \"quoted\"\t\r\n".utf8) }
        input += Array(repeating: UInt8(ascii: "x"), count: 9_000) + [0x0D, 0x0A] + Array("\u{FFFE}end".utf8)
        #expect(Self.escaped(input, attribute: attribute) == Self.reference(input, attribute: attribute))
    }

    @Test func textWithoutSpecialBytesIsCopiedAsItIs() {
        let href = Array("/calendars/alice/work/0123456789abcdef.ics".utf8)
        #expect(Self.escaped(href, attribute: false) == href)
        #expect(Self.escaped([], attribute: true) == [])
    }

    @Test func utf8TextNodesAreWrittenLikeTextNodes() {
        let valid = Array("Caf\u{E9} <ok>\r\n".utf8)
        let ascii = Array("plain & simple\r\n".utf8)
        let invalid: [UInt8] = [0x61, 0xFF, 0xFE, 0x62, 0xC0, 0xAF]  // stray bytes and an overlong '/'
        for bytes in [valid, ascii, invalid] {
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(XMLWriter.fragment(XMLElement(.calDAV.calendarData, utf8Text: bytes))
                == XMLWriter.fragment(XMLElement(.calDAV.calendarData, text: text)))
            #expect(XMLElement(.calDAV.calendarData, utf8Text: bytes).text == text)
        }
    }
}
