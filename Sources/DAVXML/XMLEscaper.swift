/// Escapes UTF-8 text for XML element content or attribute values so the output is always well-formed: `&`, `<`,
/// `>` (and `"` in attributes) become entity references; CR (and, in attributes, tab and LF) become character
/// references, which parsers do not normalise away; characters XML 1.0 cannot carry at all (control characters,
/// U+FFFE, U+FFFF) become U+FFFD.
///
/// Works on UTF-8 bytes: every byte that needs escaping is ASCII, and U+FFFE / U+FFFF are the only three-byte
/// sequences starting EF BF BE / EF BF BF, so no decoding is needed. Response bodies are mostly calendar data, where
/// such bytes are rare except CR, so the scan looks at eight bytes at a time and copies the runs between them whole.
enum XMLEscaper {
    static func append(_ bytes: UnsafeBufferPointer<UInt8>, attribute: Bool, into output: inout [UInt8]) {
        var index = nextCandidate(in: bytes, from: 0, attribute: attribute)
        guard index < bytes.count else {
            output.append(contentsOf: bytes)
            return
        }
        // No reserveCapacity: it allocates exactly what is asked, so calling it for each text of a growing response
        // body would copy the whole body every time. The runs and replacements are gathered in a stack buffer and
        // appended in pieces of up to 4 KB instead: an append costs about a hundred instructions before it copies
        // a byte, and calendar data has a CR to escape every line.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Staging.capacity) { scratch in
            var staging = Staging(buffer: scratch)
            var runStart = 0
            while index < bytes.count {
                let (replacement, width) = escape(bytes, at: index, attribute: attribute)
                guard let replacement else {
                    index = nextCandidate(in: bytes, from: index + 1, attribute: attribute)
                    continue
                }
                staging.put(UnsafeBufferPointer(rebasing: bytes[runStart..<index]), into: &output)
                replacement.withUTF8Buffer { staging.put($0, into: &output) }
                index += width
                runStart = index
                index = nextCandidate(in: bytes, from: index, attribute: attribute)
            }
            staging.put(UnsafeBufferPointer(rebasing: bytes[runStart...]), into: &output)
            staging.flush(into: &output)
        }
    }

    /// Bytes gathered in a fixed buffer and appended to the output in one piece when it fills or at the end.
    private struct Staging {
        static let capacity = 4096
        let buffer: UnsafeMutableBufferPointer<UInt8>
        var used = 0

        init(buffer: UnsafeMutableBufferPointer<UInt8>) { self.buffer = buffer }

        @inline(__always)
        mutating func put(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
            guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
            if bytes.count > buffer.count - used {
                flush(into: &output)
                guard bytes.count <= buffer.count else { return output.append(contentsOf: bytes) }
            }
            (buffer.baseAddress! + used).update(from: source, count: bytes.count)
            used += bytes.count
        }

        mutating func flush(into output: inout [UInt8]) {
            output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<used]))
            used = 0
        }
    }

    /// What the byte at `index` is written as, and how many bytes that replaces; nil when it is written as it is
    /// (a candidate the word scan flagged that needs nothing: LF or tab in text, or a character starting with EF
    /// other than U+FFFE / U+FFFF).
    @inline(__always)
    private static func escape(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int,
                               attribute: Bool) -> (StaticString?, Int) {
        switch bytes[index] {
        case UInt8(ascii: "&"): ("&amp;", 1)
        case UInt8(ascii: "<"): ("&lt;", 1)
        // `>` only matters in `]]>`, but escaping it always is simpler and still canonical.
        case UInt8(ascii: ">"): ("&gt;", 1)
        case UInt8(ascii: "\""): attribute ? ("&quot;", 1) : (nil, 1)
        case UInt8(ascii: "\r"): ("&#13;", 1)
        case UInt8(ascii: "\n"): attribute ? ("&#10;", 1) : (nil, 1)
        case UInt8(ascii: "\t"): attribute ? ("&#9;", 1) : (nil, 1)
        case 0..<0x20: ("\u{FFFD}", 1)
        case 0xEF where index + 2 < bytes.count && bytes[index + 1] == 0xBF && bytes[index + 2] >= 0xBE:
            ("\u{FFFD}", 3)
        default: (nil, 1)
        }
    }

    /// The index of the first byte at or after `start` that may need escaping (a control character, `&`, `<`,
    /// `>`, 0xEF, and `"` in attributes), or `bytes.count`. Whole 8-byte words are tested first; the word test
    /// never misses such a byte and may flag a word without one (`"` in text), which the byte test then passes.
    @inline(__always)
    private static func nextCandidate(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, attribute: Bool) -> Int {
        var index = start
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= bytes.count {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                if mayNeedEscaping(word) {
                    for offset in index..<(index + 8) where isCandidate(bytes[offset], attribute: attribute) {
                        return offset
                    }
                }
                index += 8
            }
        }
        while index < bytes.count {
            if isCandidate(bytes[index], attribute: attribute) { return index }
            index += 1
        }
        return index
    }

    @inline(__always)
    private static func isCandidate(_ byte: UInt8, attribute: Bool) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == 0xEF || (attribute && byte == UInt8(ascii: "\""))
    }

    /// Whether any byte of the word is below 0x20, 0xEF, `&` or `"` (0x26, 0x22: equal once bit 2 is set), or `<`
    /// or `>` (0x3C, 0x3E: equal once bit 1 is set).
    @inline(__always)
    private static func mayNeedEscaping(_ word: UInt64) -> Bool {
        let found = hasByteBelow(word, 0x20)
            | hasZeroByte((word | ones &* 0x04) ^ (ones &* 0x26))
            | hasZeroByte((word | ones &* 0x02) ^ (ones &* 0x3E))
            | hasZeroByte(word ^ (ones &* 0xEF))
        return found != 0
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Non-zero exactly when some byte of `word` is zero (the classic bit trick: a borrow reaches the high bit only
    /// through a zero byte).
    @inline(__always)
    private static func hasZeroByte(_ word: UInt64) -> UInt64 {
        (word &- ones) & ~word & highBits
    }

    /// Non-zero exactly when some byte of `word` is below `limit` (limit ≤ 128).
    @inline(__always)
    private static func hasByteBelow(_ word: UInt64, _ limit: UInt8) -> UInt64 {
        (word &- ones &* UInt64(limit)) & ~word & highBits
    }
}
