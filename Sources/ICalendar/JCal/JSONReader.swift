/// A strict JSON parser over UTF-8 bytes.
///
/// Written here rather than borrowed from Foundation's `JSONSerialization` because jCal input needs what that API
/// loses: on Linux it hands back `NSNumber` for both `true` and `1` (so BOOLEAN and INTEGER cannot be told apart),
/// rounds numbers through `Double`, and forgets object member order and duplicates. Nesting is capped so hostile input
/// cannot exhaust the stack.
///
/// Spec: RFC 8259 (grammar, §7 string escapes, §8.1 UTF-8). A leading UTF-8 byte order mark is skipped (§8.1 allows it).
struct JSONReader {
    /// Deepest array/object nesting accepted; jCal needs far less (about two levels per component).
    static let maxNesting = 512

    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    private var nesting = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(JCalError) -> JSONValue {
        var reader = JSONReader(bytes)
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { reader.position = 3 }
        reader.skipWhitespace()
        guard reader.position < bytes.count else { throw reader.fail("the input is empty; expected a JSON array") }
        let value = try reader.value()
        reader.skipWhitespace()
        guard reader.position == bytes.count else { throw reader.fail("unexpected data after the end of the JSON value") }
        return value
    }

    static func parse(_ bytes: [UInt8]) throws(JCalError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { (buffer) throws(JCalError) in try parse(buffer) }
    }

    // MARK: Values

    private mutating func value() throws(JCalError) -> JSONValue {
        guard position < bytes.count else { throw fail("unexpected end of input; expected a value") }
        switch bytes[position] {
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw fail("unexpected \(describe(bytes[position])); expected a value")
        }
    }

    private mutating func array() throws(JCalError) -> JSONValue {
        try enter()
        position += 1
        skipWhitespace()
        var items: [JSONValue] = []
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            nesting -= 1
            return .array(items)
        }
        while true {
            skipWhitespace()
            items.append(try value())
            skipWhitespace()
            guard position < bytes.count else { throw fail("unterminated array; expected ',' or ']'") }
            let b = bytes[position]
            position += 1
            if b == UInt8(ascii: ",") { continue }
            if b == UInt8(ascii: "]") { break }
            position -= 1
            throw fail("unexpected \(describe(b)) in an array; expected ',' or ']'")
        }
        nesting -= 1
        return .array(items)
    }

    private mutating func object() throws(JCalError) -> JSONValue {
        try enter()
        position += 1
        skipWhitespace()
        var members: [JSONMember] = []
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            nesting -= 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw fail("expected a member name in double quotes")
            }
            let key = try string()
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                throw fail("expected ':' after the member name \"\(key)\"")
            }
            position += 1
            skipWhitespace()
            members.append(JSONMember(key: key, value: try value()))
            skipWhitespace()
            guard position < bytes.count else { throw fail("unterminated object; expected ',' or '}'") }
            let b = bytes[position]
            position += 1
            if b == UInt8(ascii: ",") { continue }
            if b == UInt8(ascii: "}") { break }
            position -= 1
            throw fail("unexpected \(describe(b)) in an object; expected ',' or '}'")
        }
        nesting -= 1
        return .object(members)
    }

    private mutating func enter() throws(JCalError) {
        nesting += 1
        guard nesting <= Self.maxNesting else { throw fail("arrays and objects nest deeper than \(Self.maxNesting) levels") }
    }

    private mutating func literal(_ word: StaticString) throws(JCalError) {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw fail("unexpected end of input in '\(word)'") }
        for k in 0..<count where bytes[position + k] != word.utf8Start[k] {
            throw fail("unexpected \(describe(bytes[position])); expected a value")
        }
        position += count
    }

    /// Checks the RFC 8259 §6 number grammar and returns the text as written.
    private mutating func number() throws(JCalError) -> String {
        let start = position
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < bytes.count, isDigit(bytes[position]) else { throw fail("a number needs digits after '-'") }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
        } else {
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard position < bytes.count, isDigit(bytes[position]) else { throw fail("a number needs digits after '.'") }
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard position < bytes.count, isDigit(bytes[position]) else { throw fail("a number needs digits in its exponent") }
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count, isDigit(bytes[position]) { throw fail("a number must not have leading zeros") }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    // MARK: Strings

    private mutating func string() throws(JCalError) -> String {
        position += 1  // opening quote
        let start = position
        // Fast path: no escapes, so the bytes can be validated and taken as they are.
        while position < bytes.count {
            let b = bytes[position]
            if b == UInt8(ascii: "\"") {
                let text = try validated(UnsafeBufferPointer(rebasing: bytes[start..<position]), at: start)
                position += 1
                return text
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw fail("control character \(describe(b)) in a string; write it as a \\u escape") }
            position += 1
        }
        var buffer = Array(UnsafeBufferPointer(rebasing: bytes[start..<position]))
        while position < bytes.count {
            let b = bytes[position]
            if b == UInt8(ascii: "\"") {
                position += 1
                return try buffer.withUnsafeBufferPointer { (b) throws(JCalError) in try validated(b, at: start) }
            }
            if b < 0x20 { throw fail("control character \(describe(b)) in a string; write it as a \\u escape") }
            if b != UInt8(ascii: "\\") {
                buffer.append(b)
                position += 1
                continue
            }
            position += 1
            guard position < bytes.count else { break }
            let escape = bytes[position]
            position += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(escape)
            case UInt8(ascii: "b"): buffer.append(0x08)
            case UInt8(ascii: "f"): buffer.append(0x0C)
            case UInt8(ascii: "n"): buffer.append(0x0A)
            case UInt8(ascii: "r"): buffer.append(0x0D)
            case UInt8(ascii: "t"): buffer.append(0x09)
            case UInt8(ascii: "u"): appendUTF8(try unicodeEscape(), to: &buffer)
            default:
                position -= 1
                throw fail("unknown escape \(describe(escape)) after a backslash in a string")
            }
        }
        throw fail("unterminated string")
    }

    /// The scalar of a `\uXXXX` escape (the `\u` already read), joining a surrogate pair.
    private mutating func unicodeEscape() throws(JCalError) -> Unicode.Scalar {
        let high = try hex4()
        if (0xDC00...0xDFFF).contains(high) { throw fail("\\u\(hexString(high)) is a low surrogate without a high surrogate before it") }
        guard (0xD800...0xDBFF).contains(high) else { return Unicode.Scalar(high)! }
        guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
            throw fail("\\u\(hexString(high)) is a high surrogate without a low surrogate after it")
        }
        position += 2
        let low = try hex4()
        guard (0xDC00...0xDFFF).contains(low) else { throw fail("\\u\(hexString(high)) must be followed by a low surrogate, not \\u\(hexString(low))") }
        return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))!
    }

    private mutating func hex4() throws(JCalError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw fail("a \\u escape needs four hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[position]
            let digit: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
            default: throw fail("a \\u escape needs four hex digits")
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    private func appendUTF8(_ scalar: Unicode.Scalar, to buffer: inout [UInt8]) {
        for unit in UTF8.encode(scalar)! { buffer.append(unit) }
    }

    private func validated(_ utf8: UnsafeBufferPointer<UInt8>, at start: Int) throws(JCalError) -> String {
        guard let text = String(validating: utf8, as: UTF8.self) else {
            throw JCalError(.invalidJSON, offset: start, message: "a string is not valid UTF-8")
        }
        return text
    }

    // MARK: Helpers

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    private func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    private func hexString(_ v: UInt32) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }

    private func describe(_ b: UInt8) -> String {
        b >= 0x20 && b < 0x7F ? "'\(Character(Unicode.Scalar(b)))'" : "byte 0x\(String(b, radix: 16, uppercase: true))"
    }

    private func fail(_ message: String) -> JCalError {
        JCalError(.invalidJSON, offset: position, message: message)
    }
}
