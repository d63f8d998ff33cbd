import Testing
@testable import ICalendar

/// RFC 5545 §3.1: unfolding works on bytes, and whatever boundaries the input arrives in, the result is the same.
@Suite struct ContentLineDecoderTests {
    static func decode(_ bytes: [UInt8], chunkSizes: [Int]) -> [(String, Int)] {
        var decoder = ContentLineDecoder()
        var lines: [(String, Int)] = []
        var offset = 0
        var sizeIndex = 0
        while offset < bytes.count {
            let size = max(1, chunkSizes[sizeIndex % chunkSizes.count])
            sizeIndex += 1
            let end = min(bytes.count, offset + size)
            Array(bytes[offset..<end]).withUnsafeBufferPointer { buffer in
                decoder.feed(buffer) { line, number in lines.append((String(decoding: line, as: UTF8.self), number)) }
            }
            offset = end
        }
        decoder.finish { line, number in lines.append((String(decoding: line, as: UTF8.self), number)) }
        return lines
    }

    @Test func unfoldsSpaceAndTabContinuations() {
        // RFC 5545 §3.1: "DESCRIPTION:This is a lo" CRLF " ng description" CRLF " that exists on a long line."
        let input = Array("DESCRIPTION:This is a lo\r\n ng description\r\n  that exists on a long line.\r\nSUMMARY:x\r\n\tY\r\n".utf8)
        let lines = Self.decode(input, chunkSizes: [input.count])
        #expect(lines.map(\.0) == ["DESCRIPTION:This is a long description that exists on a long line.", "SUMMARY:xY"])
        #expect(lines.map(\.1) == [1, 4])
    }

    @Test func acceptsBareLineFeedsAndRecordsThem() {
        var decoder = ContentLineDecoder()
        var lines: [String] = []
        Array("A:1\nB:2\r\n".utf8).withUnsafeBufferPointer { buffer in
            decoder.feed(buffer) { line, _ in lines.append(String(decoding: line, as: UTF8.self)) }
        }
        decoder.finish { line, _ in lines.append(String(decoding: line, as: UTF8.self)) }
        #expect(lines == ["A:1", "B:2"])
        #expect(decoder.observations.firstBareLineFeed == 1)
    }

    @Test func joinsAFoldInsideAMultiByteSequence() {
        // "é" is C3 A9; a careless producer folds between the two bytes.
        let input: [UInt8] = Array("SUMMARY:caf".utf8) + [0xC3, 0x0D, 0x0A, 0x20, 0xA9] + Array(" au lait\r\n".utf8)
        let lines = Self.decode(input, chunkSizes: [input.count])
        #expect(lines.map(\.0) == ["SUMMARY:café au lait"])
    }

    @Test func lastLineWithoutLineBreakIsKept() {
        let lines = Self.decode(Array("A:1\r\nB:2".utf8), chunkSizes: [100])
        #expect(lines.map(\.0) == ["A:1", "B:2"])
    }

    @Test func skipsByteOrderMark() {
        var decoder = ContentLineDecoder()
        var lines: [String] = []
        ([0xEF, 0xBB, 0xBF] + Array("A:1\r\n".utf8)).withUnsafeBufferPointer { buffer in
            decoder.feed(buffer) { line, _ in lines.append(String(decoding: line, as: UTF8.self)) }
        }
        decoder.finish { line, _ in lines.append(String(decoding: line, as: UTF8.self)) }
        #expect(lines == ["A:1"])
        #expect(decoder.observations.sawByteOrderMark)
    }

    /// Every chunking of a folded, multi-byte, CRLF input gives the same logical lines.
    @Test(arguments: [[1], [2], [3], [5], [7], [64], [1, 2, 3, 5, 8, 13], [4096]])
    func chunkBoundariesDoNotMatter(_ sizes: [Int]) throws {
        let input = try FixtureLoader.bytes("corpus/google-calendar-export.ics")
        let whole = Self.decode(input, chunkSizes: [input.count])
        let split = Self.decode(input, chunkSizes: sizes)
        #expect(split.map(\.0) == whole.map(\.0))
        #expect(split.map(\.1) == whole.map(\.1))
    }

    /// Splitting the input at every single byte offset into two chunks gives the same tree.
    @Test func everyTwoWaySplitParsesTheSame() throws {
        let input = try FixtureLoader.bytes("corpus/outlook-export.ics")
        let expected = try ICalendarParser().parse(input)
        for cut in 0...input.count {
            var stream = ICalendarStreamParser()
            try stream.feed(Array(input[..<cut]))
            try stream.feed(Array(input[cut...]))
            let result = try stream.finish()
            #expect(result == expected, "split at byte \(cut)")
            if result != expected { break }
        }
    }
}
