/// Byte-level ASCII tests the codec runs on every content line, where the standard library's general UTF-8
/// validation is the slow path: nearly all calendar text is ASCII, and ASCII is valid UTF-8 as it is.
enum ASCIIBytes {
    /// Whether every byte is below 0x80; eight bytes are tested at a time.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        var seen: UInt64 = 0
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= bytes.count {
                seen |= raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                index += 8
            }
        }
        while index < bytes.count {
            seen |= UInt64(bytes[index])
            index += 1
        }
        return seen & 0x8080_8080_8080_8080 == 0
    }

    /// The bytes as a `String`, or nil when they are not valid UTF-8 (overlong forms and surrogates included).
    static func validatedString(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        isASCII(bytes) ? String(decoding: bytes, as: UTF8.self) : String(validating: bytes, as: UTF8.self)
    }

    /// A name uppercased (iCalendar names are case-insensitive, RFC 5545 §2.1): ASCII names, nearly all of them
    /// and most already uppercase, byte by byte; anything else through the Unicode-aware `uppercased()`.
    static func uppercased(_ name: String) -> String {
        var name = name
        let ascii = name.withUTF8 { bytes -> (isASCII: Bool, hasLowercase: Bool) in
            (isASCII(bytes), bytes.contains { $0 >= 0x61 && $0 <= 0x7A })
        }
        guard ascii.isASCII else { return name.uppercased() }
        guard ascii.hasLowercase else { return name }
        return String(decoding: name.utf8.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }, as: UTF8.self)
    }
}
