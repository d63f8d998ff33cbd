/// A reply from the SMTP server: a three-digit code and its text lines (several for a multi-line reply such as the
/// EHLO extension list).
/// Spec: RFC 5321 §4.2 (reply syntax), §4.2.1 (what the first digit means).
public struct SMTPReply: Sendable, Hashable, CustomStringConvertible {
    public var code: Int
    /// The text of each line, after the code and separator.
    public var lines: [String]

    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    /// 2xx: the command succeeded.
    public var isPositive: Bool { (200..<300).contains(code) }
    /// 3xx: go on (the message data, an AUTH challenge).
    public var isIntermediate: Bool { (300..<400).contains(code) }
    /// 4xx: failed for now; the same command may succeed later.
    public var isTransientFailure: Bool { (400..<500).contains(code) }
    /// 5xx: failed; repeating it will not help.
    public var isPermanentFailure: Bool { (500..<600).contains(code) }

    /// `250 OK`, lines joined by " / " for logs.
    public var description: String { "\(code) " + lines.joined(separator: " / ") }

    /// Parses one reply line: the code, whether more lines follow (`250-...`), and the text. Nil when the line is
    /// not `ddd`, `ddd text` or `ddd-text`.
    static func parseLine(_ line: Substring) -> (code: Int, more: Bool, text: String)? {
        let bytes = Array(line.utf8)
        guard bytes.count >= 3, bytes[0...2].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let code = Int(String(decoding: bytes[0...2], as: UTF8.self)), (200..<600).contains(code) else {
            return nil
        }
        if bytes.count == 3 { return (code, false, "") }
        guard bytes[3] == UInt8(ascii: " ") || bytes[3] == UInt8(ascii: "-") else { return nil }
        return (code, bytes[3] == UInt8(ascii: "-"), String(decoding: bytes[4...], as: UTF8.self))
    }
}
