/// A strong entity tag (RFC 9110 §8.8.3) for stored bytes. It changes exactly when the bytes change: it is the
/// SHA-256 of the bytes, truncated to 128 bits and hex encoded.
public struct ETag: Hashable, Sendable, CustomStringConvertible {
    /// The opaque tag without quotes.
    public let value: String

    public init(value: String) { self.value = value }

    /// The tag of `bytes`.
    public init(of bytes: some Collection<UInt8>) {
        let digest = SHA256.hash(Array(bytes))
        self.value = digest.prefix(16).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// The header form, with quotes: `"abc..."`.
    public var quoted: String { "\"\(value)\"" }
    public var description: String { quoted }
}
