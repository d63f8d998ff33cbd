/// iCalendar value text → jCal JSON values, one value at a time, written straight into the output bytes.
///
/// Spec: RFC 7265 §3.6 (value types), §3.4.1.2 (GEO), §3.4.1.3 (REQUEST-STATUS). The reverse direction is in
/// `JCalValueCodec+Input.swift`. Works on UTF-8 bytes: a calendar has many values and most need only a copy.
enum JCalValueCodec {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    /// Writes `raw` (one value, already split from a list) as a jCal value of `type`; nil means `unknown`.
    static func write(_ raw: Bytes, as type: ValueType?, into out: inout JSONOutput) throws(JCalError) {
        switch type {
        case nil, .binary, .calAddress, .uri, .other:
            out.string(utf8: raw)
        case .text:
            out.byte(0x22)
            appendUnescapedText(raw, into: &out)
            out.byte(0x22)
        case .date: try writeDate(raw, into: &out)
        case .dateTime: try writeDateTime(raw, into: &out)
        case .time: try writeTime(raw, into: &out)
        case .utcOffset: try writeUTCOffset(raw, into: &out)
        case .duration:
            try checkDuration(raw)
            out.string(utf8: raw)
        case .period: try writePeriod(raw, into: &out)
        case .recur: try JCalRecurCodec.write(raw, into: &out)
        case .boolean: try writeBoolean(raw, into: &out)
        case .integer: try writeInteger(raw, into: &out)
        case .float: try writeFloat(raw, into: &out)
        }
    }

    // MARK: Text (§3.6.11)

    /// Decodes TEXT escapes (`\\`, `\;`, `\,`, `\n`, `\N`) and JSON-escapes in one pass. Unknown escapes keep the
    /// character and a trailing lone backslash stays, as `TextValue.unescape` does.
    static func appendUnescapedText(_ s: Bytes, into out: inout JSONOutput) {
        var runStart = 0
        var i = 0
        func flush(_ end: Int, _ out: inout JSONOutput) {
            if runStart < end { out.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: s[runStart..<end])) }
        }
        while i < s.count {
            let b = s[i]
            if b == 0x5C {
                flush(i, &out)
                if i + 1 < s.count {
                    let next = s[i + 1]
                    if next == UInt8(ascii: "n") || next == UInt8(ascii: "N") {
                        out.appendEscape(0x0A)
                    } else if next < 0x20 || next == 0x22 || next == 0x5C {
                        out.appendEscape(next)
                    } else {
                        out.byte(next)
                    }
                    i += 2
                } else {
                    out.appendEscape(0x5C)
                    i += 1
                }
                runStart = i
                continue
            }
            if b < 0x20 || b == 0x22 {
                flush(i, &out)
                out.appendEscape(b)
                runStart = i + 1
            }
            i += 1
        }
        flush(s.count, &out)
    }

    // MARK: Date and time (§3.6.4, §3.6.5, §3.6.12)

    /// `20130214` → `"2013-02-14"`.
    static func writeDate(_ s: Bytes, into out: inout JSONOutput) throws(JCalError) {
        guard isDate(s) else { throw invalid(s, "is not a DATE like 20130214") }
        out.byte(0x22)
        appendDate(s, into: &out)
        out.byte(0x22)
    }

    /// `20130214T120000Z` → `"2013-02-14T12:00:00Z"`; without `Z` for floating and TZID times.
    static func writeDateTime(_ s: Bytes, into out: inout JSONOutput) throws(JCalError) {
        guard isDateTime(s) else { throw invalid(s, "is not a DATE-TIME like 20130214T120000 or 20130214T120000Z") }
        out.byte(0x22)
        appendDateTime(s, into: &out)
        out.byte(0x22)
    }

    /// A DATE or DATE-TIME, whichever `s` is (RRULE UNTIL).
    static func writeDateOrDateTime(_ s: Bytes, into out: inout JSONOutput) throws(JCalError) {
        if s.count == 8 { try writeDate(s, into: &out) } else { try writeDateTime(s, into: &out) }
    }

    /// `123000` → `"12:30:00"`, `123000Z` → `"12:30:00Z"`.
    static func writeTime(_ s: Bytes, into out: inout JSONOutput) throws(JCalError) {
        guard s.count == 6 || (s.count == 7 && s[6] | 0x20 == UInt8(ascii: "z")), isTime(s, at: 0) else {
            throw invalid(s, "is not a TIME like 123000 or 123000Z")
        }
        out.byte(0x22)
        appendTime(s, at: 0, into: &out)
        out.byte(0x22)
    }

    static func isDateTime(_ s: Bytes) -> Bool {
        (s.count == 15 || (s.count == 16 && s[15] | 0x20 == UInt8(ascii: "z")))
            && s[8] | 0x20 == UInt8(ascii: "t") && isDate(s, at: 0) && isTime(s, at: 9)
    }

    /// Exactly a DATE (`20130214`).
    static func isDate(_ s: Bytes) -> Bool { s.count == 8 && isDate(s, at: 0) }

    private static func isDate(_ s: Bytes, at start: Int) -> Bool {
        guard s.count >= start + 8, let y = Digits.read(s, start, 4), let m = Digits.read(s, start + 4, 2),
            let d = Digits.read(s, start + 6, 2)
        else { return false }
        return CalendarDate(year: y, month: m, day: d) != nil
    }

    private static func isTime(_ s: Bytes, at start: Int) -> Bool {
        guard let h = Digits.read(s, start, 2), let m = Digits.read(s, start + 2, 2), let sec = Digits.read(s, start + 4, 2) else {
            return false
        }
        return LocalTime(hour: h, minute: m, second: sec) != nil
    }

    private static func appendDate(_ s: Bytes, into out: inout JSONOutput) {
        out.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: s[0..<4]))
        out.byte(UInt8(ascii: "-"))
        out.byte(s[4]); out.byte(s[5])
        out.byte(UInt8(ascii: "-"))
        out.byte(s[6]); out.byte(s[7])
    }

    private static func appendDateTime(_ s: Bytes, into out: inout JSONOutput) {
        appendDate(s, into: &out)
        out.byte(UInt8(ascii: "T"))
        appendTime(s, at: 9, into: &out)
    }

    /// `HHMMSS` at `start` as `HH:MM:SS`, plus `Z` when the byte after it is a Z.
    private static func appendTime(_ s: Bytes, at start: Int, into out: inout JSONOutput) {
        out.byte(s[start]); out.byte(s[start + 1])
        out.byte(UInt8(ascii: ":"))
        out.byte(s[start + 2]); out.byte(s[start + 3])
        out.byte(UInt8(ascii: ":"))
        out.byte(s[start + 4]); out.byte(s[start + 5])
        if s.count > start + 6 { out.byte(UInt8(ascii: "Z")) }
    }

    // MARK: UTC offset (§3.6.14), duration (§3.6.6), period (§3.6.9)

    /// `-0500` → `"-05:00"`, `+013045` → `"+01:30:45"` (seconds only when the value has them).
    static func writeUTCOffset(_ s: Bytes, into out: inout JSONOutput) throws(JCalError) {
        guard s.count == 5 || s.count == 7, s[0] == UInt8(ascii: "+") || s[0] == UInt8(ascii: "-"),
            Digits.read(s, 1, 2) != nil, let m = Digits.read(s, 3, 2), m < 60,
            let sec = s.count == 7 ? Digits.read(s, 5, 2) : 0, sec < 60
        else { throw invalid(s, "is not a UTC-OFFSET like -0500 or +0530") }
        out.byte(0x22)
        out.byte(s[0]); out.byte(s[1]); out.byte(s[2])
        out.byte(UInt8(ascii: ":"))
        out.byte(s[3]); out.byte(s[4])
        if s.count == 7 {
            out.byte(UInt8(ascii: ":"))
            out.byte(s[5]); out.byte(s[6])
        }
        out.byte(0x22)
    }

    static func checkDuration(_ s: Bytes) throws(JCalError) {
        guard CalendarDuration.parse(bytes: Array(s)) != nil else { throw invalid(s, "is not a DURATION like P1D, PT1H30M or -P2W") }
    }

    /// `19970308T160000Z/PT8H30M` → `["1997-03-08T16:00:00Z","PT8H30M"]`; an explicit end becomes a date-time.
    static func writePeriod(_ s: Bytes, into out: inout JSONOutput) throws(JCalError) {
        guard let slash = s.firstIndex(of: UInt8(ascii: "/")) else {
            throw invalid(s, "is not a PERIOD like 19970308T160000Z/PT8H30M")
        }
        let start = UnsafeBufferPointer(rebasing: s[..<slash])
        let end = UnsafeBufferPointer(rebasing: s[(slash + 1)...])
        guard isDateTime(start) else { throw invalid(s, "is not a PERIOD: its start must be a DATE-TIME like 19970308T160000Z") }
        out.byte(UInt8(ascii: "["))
        out.byte(0x22)
        appendDateTime(start, into: &out)
        out.byte(0x22)
        out.byte(UInt8(ascii: ","))
        if let first = end.first, first | 0x20 == UInt8(ascii: "p") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            guard CalendarDuration.parse(bytes: Array(end)) != nil else {
                throw invalid(s, "is not a PERIOD: its duration must look like PT8H30M")
            }
            out.string(utf8: end)
        } else {
            guard isDateTime(end) else { throw invalid(s, "is not a PERIOD: its end must be a DATE-TIME or a DURATION") }
            out.byte(0x22)
            appendDateTime(end, into: &out)
            out.byte(0x22)
        }
        out.byte(UInt8(ascii: "]"))
    }

    // MARK: Boolean, integer, float (§3.6.2, §3.6.8, §3.6.7)

    static func writeBoolean(_ s: Bytes, into out: inout JSONOutput) throws(JCalError) {
        if equalsIgnoringCase(s, "TRUE") {
            out.bool(true)
        } else if equalsIgnoringCase(s, "FALSE") {
            out.bool(false)
        } else {
            throw invalid(s, "is not a BOOLEAN; it must be TRUE or FALSE")
        }
    }

    /// `+0042` → `42`: JSON has no plus sign and no leading zeros.
    static func writeInteger(_ s: Bytes, into out: inout JSONOutput) throws(JCalError) {
        guard writeNumber(s, allowFraction: false, into: &out) else { throw invalid(s, "is not an INTEGER like 42 or -7") }
    }

    /// `+037.50` → `37.50`; the digits are kept, never rounded through a Double.
    static func writeFloat(_ s: Bytes, into out: inout JSONOutput) throws(JCalError) {
        guard writeNumber(s, allowFraction: true, into: &out) else { throw invalid(s, "is not a FLOAT like 1.5 or -0.25") }
    }

    /// True when `s` is an INTEGER (`[+-]digits`) and was written as a JSON number.
    static func isInteger(_ s: Bytes) -> Bool {
        var i = 0
        if i < s.count, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") { i += 1 }
        guard i < s.count else { return false }
        while i < s.count { guard isDigit(s[i]) else { return false }; i += 1 }
        return true
    }

    /// Writes `[+-]digits[.digits]` as a JSON number; false (nothing written) when `s` is not of that form.
    @discardableResult
    static func writeNumber(_ s: Bytes, allowFraction: Bool, into out: inout JSONOutput) -> Bool {
        var i = 0
        var negative = false
        if i < s.count, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") {
            negative = s[i] == UInt8(ascii: "-")
            i += 1
        }
        let intStart = i
        while i < s.count, isDigit(s[i]) { i += 1 }
        let intEnd = i
        guard intEnd > intStart else { return false }
        var fraction: Range<Int>?
        if allowFraction, i < s.count, s[i] == UInt8(ascii: ".") {
            i += 1
            let fractionStart = i
            while i < s.count, isDigit(s[i]) { i += 1 }
            guard i > fractionStart else { return false }
            fraction = fractionStart..<i
        }
        guard i == s.count else { return false }
        var first = intStart
        while first < intEnd - 1, s[first] == UInt8(ascii: "0") { first += 1 }
        if negative { out.byte(UInt8(ascii: "-")) }
        out.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: s[first..<intEnd]))
        if let fraction {
            out.byte(UInt8(ascii: "."))
            out.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: s[fraction]))
        }
        return true
    }

    // MARK: Structured values (§3.4.1.2, §3.4.1.3)

    /// GEO `37.386013;-122.082932` → `[37.386013,-122.082932]`.
    static func writeGeo(_ s: Bytes, into out: inout JSONOutput) throws(JCalError) {
        guard let semicolon = s.firstIndex(of: UInt8(ascii: ";")) else {
            throw invalid(s, "is not a GEO value like 37.386013;-122.082932")
        }
        let mark = out.bytes.count
        out.byte(UInt8(ascii: "["))
        let ok = writeNumber(UnsafeBufferPointer(rebasing: s[..<semicolon]), allowFraction: true, into: &out)
        out.byte(UInt8(ascii: ","))
        guard ok, writeNumber(UnsafeBufferPointer(rebasing: s[(semicolon + 1)...]), allowFraction: true, into: &out) else {
            out.bytes.removeSubrange(mark...)
            throw invalid(s, "is not a GEO value like 37.386013;-122.082932")
        }
        out.byte(UInt8(ascii: "]"))
    }

    /// REQUEST-STATUS `3.7;Invalid user;ATTENDEE:mailto:a@example.org` → `["3.7","Invalid user","ATTENDEE:..."]`.
    /// Each part is TEXT; unescaped semicolons after the second belong to the exception data.
    static func writeRequestStatus(_ s: Bytes, into out: inout JSONOutput) throws(JCalError) {
        var cuts: [Int] = []
        var escaping = false
        for i in 0..<s.count where cuts.count < 2 {
            if escaping { escaping = false } else if s[i] == 0x5C { escaping = true } else if s[i] == UInt8(ascii: ";") { cuts.append(i) }
        }
        guard let first = cuts.first, first > 0 else {
            throw invalid(s, "is not a REQUEST-STATUS like 2.0;Success (a code, a description and optional data)")
        }
        let parts: [Range<Int>] = cuts.count == 1
            ? [0..<first, (first + 1)..<s.count]
            : [0..<first, (first + 1)..<cuts[1], (cuts[1] + 1)..<s.count]
        out.byte(UInt8(ascii: "["))
        for (k, part) in parts.enumerated() {
            if k > 0 { out.byte(UInt8(ascii: ",")) }
            out.byte(0x22)
            appendUnescapedText(UnsafeBufferPointer(rebasing: s[part]), into: &out)
            out.byte(0x22)
        }
        out.byte(UInt8(ascii: "]"))
    }

    // MARK: Helpers

    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    private static func equalsIgnoringCase(_ s: Bytes, _ word: StaticString) -> Bool {
        guard s.count == word.utf8CodeUnitCount else { return false }
        for i in 0..<s.count where s[i] & 0xDF != word.utf8Start[i] { return false }
        return true
    }

    static func invalid(_ s: Bytes, _ why: String) -> JCalError {
        JCalError(.invalidValue, message: "'\(String(decoding: s, as: UTF8.self))' \(why)")
    }
}
