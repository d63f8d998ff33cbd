/// Appends JSON text to a byte buffer.
///
/// jCal output is written straight into bytes instead of building `NSDictionary`/`NSArray` values for Foundation's
/// `JSONSerialization`: a whole calendar becomes JSON in one pass with no per-value boxing, numbers keep the digits
/// iCalendar wrote, and key order is decided by the writer (parameters in the order the property has them, rule parts
/// in the order the rule has them), so the same tree always gives the same bytes without a `.sortedKeys` sort.
/// Measured on Linux with a 10,000-event calendar (170,000 properties), release build: about 60–90 ms here, against
/// about 1.5 s for handing the same tree to `JSONSerialization(.sortedKeys)` as Foundation objects, before any value
/// conversion.
///
/// Spec: RFC 8259 §7 (string escaping). Output is compact, UTF-8, and escapes only what §7 requires.
struct JSONOutput {
    var bytes: [UInt8]

    init(capacity: Int = 4096) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    @inline(__always)
    mutating func byte(_ b: UInt8) { bytes.append(b) }

    @inline(__always)
    mutating func ascii(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// A number whose text is already valid JSON.
    mutating func number(_ text: some StringProtocol) { bytes.append(contentsOf: text.utf8) }

    mutating func bool(_ value: Bool) { value ? ascii("true") : ascii("false") }

    /// A quoted, escaped string.
    mutating func string(_ text: some StringProtocol) {
        bytes.append(0x22)
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { appendEscaped($0) }
        if done == nil { Array(text.utf8).withUnsafeBufferPointer { appendEscaped($0) } }
        bytes.append(0x22)
    }

    /// A quoted string from raw UTF-8 bytes (a slice of a valid Swift string, so valid UTF-8).
    mutating func string(utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(0x22)
        appendEscaped(utf8)
        bytes.append(0x22)
    }

    /// A quoted iCalendar name in lowercase (`DTSTART` → `"dtstart"`), as jCal writes every name.
    mutating func lowercasedName(_ name: String) {
        let mark = bytes.count
        bytes.append(0x22)
        for b in name.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(b | 0x20)
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"): bytes.append(b)
            default:
                // A hand-built tree may hold any characters in a name; escape them rather than write broken JSON.
                bytes.removeSubrange(mark...)
                string(name.lowercased())
                return
            }
        }
        bytes.append(0x22)
    }

    /// Appends string content with the RFC 8259 §7 escapes: quote, backslash and C0 controls.
    mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        for i in 0..<utf8.count {
            let b = utf8[i]
            guard b < 0x20 || b == 0x22 || b == 0x5C else { continue }
            if runStart < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
            appendEscape(b)
            runStart = i + 1
        }
        if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
    }

    /// The escape for one byte that must not appear raw in a JSON string.
    @inline(__always)
    mutating func appendEscape(_ b: UInt8) {
        bytes.append(0x5C)
        switch b {
        case 0x22: bytes.append(0x22)
        case 0x5C: bytes.append(0x5C)
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        default:
            let hex: [UInt8] = Array("0123456789ABCDEF".utf8)
            bytes.append(UInt8(ascii: "u")); bytes.append(0x30); bytes.append(0x30)
            bytes.append(hex[Int(b >> 4)]); bytes.append(hex[Int(b & 0x0F)])
        }
    }

    /// Writes a parsed value back out compactly (member order kept).
    mutating func value(_ value: JSONValue) {
        switch value {
        case .null: ascii("null")
        case .bool(let b): bool(b)
        case .number(let n): number(n)
        case .string(let s): string(s)
        case .array(let items):
            byte(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { byte(UInt8(ascii: ",")) }
                self.value(item)
            }
            byte(UInt8(ascii: "]"))
        case .object(let members):
            byte(UInt8(ascii: "{"))
            for (i, member) in members.enumerated() {
                if i > 0 { byte(UInt8(ascii: ",")) }
                string(member.key)
                byte(UInt8(ascii: ":"))
                self.value(member.value)
            }
            byte(UInt8(ascii: "}"))
        }
    }
}
