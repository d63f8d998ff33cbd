/// Secrets the server hands out once (tokens, codes): 256 bits from the system's cryptographic generator, written as
/// lowercase hexadecimal after a prefix that says what they are.
package enum SecretGenerator {
    package static func hexSecret(prefix: String = "", byteCount: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef".utf8)
        var out = Array(prefix.utf8)
        out.reserveCapacity(out.count + byteCount * 2)
        for _ in 0..<byteCount {
            let byte = UInt8.random(in: 0...255, using: &generator)
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `text` is `prefix` followed by exactly `byteCount * 2` lowercase hexadecimal digits.
    package static func isHexSecret(_ text: some StringProtocol, prefix: String, byteCount: Int = 32) -> Bool {
        text.hasPrefix(prefix) && text.utf8.count == prefix.utf8.count + byteCount * 2
            && text.utf8.dropFirst(prefix.utf8.count).allSatisfy {
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0)
            }
    }
}
