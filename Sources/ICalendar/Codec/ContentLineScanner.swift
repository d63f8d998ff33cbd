/// Splits one unfolded content line into name, parameters and value.
///
/// Spec: RFC 5545 §3.1 (`name *(";" param) ":" value`), §3.2 (quoted and multi-valued parameters), RFC 6868
/// (caret escapes in parameter values).
struct ContentLineScanner {
    struct Scanned {
        var name: String
        var nameWasUppercase: Bool
        /// Lenient only: the name held characters RFC 5545 does not allow (they were kept).
        var nameHadInvalidCharacters = false
        var parameters: [Parameter]
        var value: String
        /// Lenient only: the value or a parameter value was not valid UTF-8 (the bad bytes became U+FFFD).
        var hadInvalidUTF8: Bool
    }

    let lenient: Bool

    func scan(_ line: UnsafeBufferPointer<UInt8>) throws(ICalendarParseError) -> Scanned {
        let n = line.count
        var i = 0
        var uppercase = true
        var invalidName = false
        while i < n {
            let b = line[i]
            if b == 0x3B || b == 0x3A { break }  // ; :
            guard Self.isNameByte(b) else {
                if lenient && b != 0x20 && b != 0x09 { i += 1; invalidName = true; continue }
                throw ICalendarParseError(.invalidName, message: "the name may contain only letters, digits and '-', found '\(Self.describe(b))'; a line must look like NAME:value")
            }
            if b >= 0x61 && b <= 0x7A { uppercase = false }
            i += 1
        }
        guard i > 0 else {
            throw ICalendarParseError(.invalidName, message: "the content line has no name; a line must look like NAME:value")
        }
        guard i < n else {
            throw ICalendarParseError(.missingColon, message: "the content line has no ':' between name and value")
        }
        var name = String(decoding: UnsafeBufferPointer(rebasing: line[0..<i]), as: UTF8.self)
        if !uppercase { name = ASCIIBytes.uppercased(name) }

        var parameters: [Parameter] = []
        var invalidUTF8 = false
        while line[i] == 0x3B {  // ;
            i += 1
            let nameStart = i
            while i < n, Self.isNameByte(line[i]) { i += 1 }
            guard i > nameStart, i < n, line[i] == 0x3D else {  // =
                throw ICalendarParseError(.invalidParameter, message: "a parameter must look like NAME=value")
            }
            let paramName = ParameterName(rawValue: String(decoding: UnsafeBufferPointer(rebasing: line[nameStart..<i]), as: UTF8.self))
            i += 1
            var values: [String] = []
            while true {
                if i < n, line[i] == 0x22 {  // "
                    let valueStart = i + 1
                    var j = valueStart
                    while j < n, line[j] != 0x22 { j += 1 }
                    guard j < n else {
                        throw ICalendarParseError(.unterminatedQuote, message: "the quoted value of parameter \(paramName) has no closing '\"'")
                    }
                    values.append(try decodeParameterValue(UnsafeBufferPointer(rebasing: line[valueStart..<j]),
                                                           invalidUTF8: &invalidUTF8))
                    i = j + 1
                } else {
                    let valueStart = i
                    while i < n, line[i] != 0x2C, line[i] != 0x3B, line[i] != 0x3A { i += 1 }
                    values.append(try decodeParameterValue(UnsafeBufferPointer(rebasing: line[valueStart..<i]),
                                                           invalidUTF8: &invalidUTF8))
                }
                guard i < n else {
                    throw ICalendarParseError(.missingColon, message: "the content line ends inside its parameters; the value must follow a ':'")
                }
                if line[i] == 0x2C { i += 1; continue }  // , another value
                guard line[i] == 0x3B || line[i] == 0x3A else {
                    throw ICalendarParseError(.invalidParameter, message: "unexpected '\(Self.describe(line[i]))' after the value of parameter \(paramName); quote values that contain ':', ';' or ','")
                }
                break
            }
            parameters.append(Parameter(name: paramName, values: values))
        }
        // line[i] is ':'
        let valueBytes = UnsafeBufferPointer(rebasing: line[(i + 1)..<n])
        let value = try decodeUTF8(valueBytes, what: "the value", invalidUTF8: &invalidUTF8)
        return Scanned(name: name, nameWasUppercase: uppercase, nameHadInvalidCharacters: invalidName,
                       parameters: parameters, value: value, hadInvalidUTF8: invalidUTF8)
    }

    /// RFC 5545 §3.1.4: the charset is UTF-8. Swift's validation also refuses overlong forms and surrogates.
    private func decodeUTF8(_ bytes: UnsafeBufferPointer<UInt8>, what: String,
                            invalidUTF8: inout Bool) throws(ICalendarParseError) -> String {
        if let text = ASCIIBytes.validatedString(bytes) { return text }
        guard lenient else {
            throw ICalendarParseError(.invalidUTF8, message: "\(what) is not valid UTF-8; save the file as UTF-8")
        }
        invalidUTF8 = true
        return String(decoding: bytes, as: UTF8.self)
    }

    private func decodeParameterValue(_ bytes: UnsafeBufferPointer<UInt8>,
                                      invalidUTF8: inout Bool) throws(ICalendarParseError) -> String {
        if !invalidUTF8, !ASCIIBytes.isASCII(bytes), String(validating: bytes, as: UTF8.self) == nil {
            _ = try decodeUTF8(bytes, what: "a parameter value", invalidUTF8: &invalidUTF8)
        }
        return Self.decodeParameterValue(bytes)
    }

    @inline(__always)
    static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2D
    }

    /// RFC 6868: `^n` is a newline, `^^` a caret, `^'` a double quote; any other caret stays.
    static func decodeParameterValue(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.contains(0x5E) else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x5E, i + 1 < bytes.count {
                switch bytes[i + 1] {
                case 0x6E, 0x4E: out.append(0x0A); i += 2; continue
                case 0x5E: out.append(0x5E); i += 2; continue
                case 0x27: out.append(0x22); i += 2; continue
                default: break
                }
            }
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func describe(_ b: UInt8) -> String {
        b >= 0x20 && b < 0x7F ? String(UnicodeScalar(b)) : "0x" + String(b, radix: 16, uppercase: true)
    }
}
