/// jCal JSON values → iCalendar value text.
///
/// Spec: RFC 7265 §4 (jCal → iCalendar), §3.6 (the value forms read here), §3.4.1.2–3 (GEO, REQUEST-STATUS), §5.2
/// (`unknown` values are copied as they are). Every check here refuses input the strict iCalendar parser would also
/// refuse, so a jCal document is accepted exactly when its iCalendar form is.
extension JCalValueCodec {
    /// Appends the iCalendar text of one jCal value of `type` (nil: `unknown`) for `property`.
    static func appendICal(_ value: JSONValue, as type: ValueType?, property: PropertyName, to text: inout String) throws(JCalError) {
        if property == .geo, type == .float { return try appendGeo(value, to: &text) }
        if property == .requestStatus, type == .text { return try appendRequestStatus(value, to: &text) }
        switch type {
        case nil, .binary, .calAddress, .uri, .other:
            let raw = try string(value, type)
            if let bad = JCalNames.forbiddenControl(in: raw) {
                throw JCalError(.invalidValue, message: "the value contains a \(JCalNames.describeControl(bad)), which iCalendar cannot carry")
            }
            text += raw
        case .text:
            text += try escapedText(value, type: .text)
        case .date:
            let s = try string(value, .date)
            guard let compact = compactDate(s) else { throw badForm(s, "is not a date like \"2013-02-14\"") }
            text += compact
        case .dateTime:
            let s = try string(value, .dateTime)
            guard let compact = compactDateTime(s) else {
                throw badForm(s, "is not a date-time like \"2013-02-14T12:00:00\" or \"2013-02-14T12:00:00Z\"")
            }
            text += compact
        case .time:
            let s = try string(value, .time)
            guard let compact = compactTime(s) else { throw badForm(s, "is not a time like \"12:30:00\" or \"12:30:00Z\"") }
            text += compact
        case .utcOffset:
            let s = try string(value, .utcOffset)
            guard let compact = compactUTCOffset(s) else { throw badForm(s, "is not a UTC offset like \"-05:00\" or \"+05:30\"") }
            text += compact
        case .duration:
            let s = try string(value, .duration)
            guard CalendarDuration.parse(bytes: Array(s.utf8)) != nil else { throw badForm(s, "is not a duration like \"P1D\" or \"PT1H30M\"") }
            text += s
        case .period:
            text += try period(value)
        case .recur:
            text += try JCalRecurCodec.icalText(value)
        case .boolean:
            guard case .bool(let b) = value else { throw wrongKind(value, .boolean, "true or false") }
            text += b ? "TRUE" : "FALSE"
        case .integer:
            guard case .number(let n) = value else { throw wrongKind(value, .integer, "a number") }
            guard isJSONInteger(n), let int = Int(n), (Int(Int32.min)...Int(Int32.max)).contains(int) else {
                throw badForm(n, "is not an INTEGER: it must be a whole number from -2147483648 to 2147483647")
            }
            text += n
        case .float:
            guard case .number(let n) = value else { throw wrongKind(value, .float, "a number") }
            text += try decimal(n)
        }
    }

    // MARK: Forms

    /// `2013-02-14` → `20130214`, or nil.
    static func compactDate(_ s: String) -> String? {
        let b = Array(s.utf8)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
            let y = Digits.read(b, 0, 4), let m = Digits.read(b, 5, 2), let d = Digits.read(b, 8, 2),
            CalendarDate(year: y, month: m, day: d) != nil
        else { return nil }
        return String(decoding: b[0..<4] + b[5..<7] + b[8..<10], as: UTF8.self)
    }

    /// `2013-02-14T12:00:00Z` → `20130214T120000Z` (the `Z` only when given), or nil.
    static func compactDateTime(_ s: String) -> String? {
        let b = Array(s.utf8)
        guard b.count == 19 || (b.count == 20 && b[19] == UInt8(ascii: "Z")), b[10] == UInt8(ascii: "T"),
            let date = compactDate(String(decoding: b[0..<10], as: UTF8.self)),
            let time = compactTime(String(decoding: b[11...], as: UTF8.self))
        else { return nil }
        return date + "T" + time
    }

    /// Either form, for RRULE UNTIL.
    static func compactDateOrDateTime(_ s: String) -> String? {
        s.utf8.count == 10 ? compactDate(s) : compactDateTime(s)
    }

    /// `12:30:00Z` → `123000Z`, or nil.
    static func compactTime(_ s: String) -> String? {
        let b = Array(s.utf8)
        guard b.count == 8 || (b.count == 9 && b[8] == UInt8(ascii: "Z")), b[2] == UInt8(ascii: ":"), b[5] == UInt8(ascii: ":"),
            let h = Digits.read(b, 0, 2), let m = Digits.read(b, 3, 2), let sec = Digits.read(b, 6, 2),
            LocalTime(hour: h, minute: m, second: sec) != nil
        else { return nil }
        return String(decoding: b[0..<2] + b[3..<5] + b[6...], as: UTF8.self)
    }

    /// `-05:00` → `-0500`, `+01:30:45` → `+013045`, or nil.
    static func compactUTCOffset(_ s: String) -> String? {
        let b = Array(s.utf8)
        guard b.count == 6 || (b.count == 9 && b[6] == UInt8(ascii: ":")), b[0] == UInt8(ascii: "+") || b[0] == UInt8(ascii: "-"),
            b[3] == UInt8(ascii: ":"), Digits.read(b, 1, 2) != nil, let m = Digits.read(b, 4, 2), m < 60,
            let sec = b.count == 9 ? Digits.read(b, 7, 2) : 0, sec < 60
        else { return nil }
        return String(decoding: b[0..<3] + b[4..<6] + (b.count == 9 ? b[7..<9] : []), as: UTF8.self)
    }

    /// A JSON number with no fraction and no exponent.
    static func isJSONInteger(_ n: String) -> Bool {
        !n.utf8.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
    }

    /// A JSON number as an iCalendar FLOAT (`[-]digits[.digits]`): exponents are expanded digit by digit, so
    /// `1.5e-3` becomes `0.0015` exactly.
    static func decimal(_ n: String) throws(JCalError) -> String {
        guard let e = n.utf8.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) else { return n }
        let mantissa = n[..<e]
        guard let exponent = Int(n[n.utf8.index(after: e)...]), abs(exponent) <= 400 else {
            throw badForm(n, "is out of range for a FLOAT")
        }
        let negative = mantissa.hasPrefix("-")
        let unsigned = negative ? mantissa.dropFirst() : mantissa
        let parts = unsigned.split(separator: ".", omittingEmptySubsequences: false)
        let digits = Array(parts[0] + (parts.count > 1 ? parts[1] : ""))
        let point = parts[0].count + exponent
        var whole: String
        var fraction: String
        if point <= 0 {
            whole = "0"
            fraction = String(repeating: "0", count: -point) + String(digits)
        } else if point >= digits.count {
            whole = String(digits) + String(repeating: "0", count: point - digits.count)
            fraction = ""
        } else {
            whole = String(digits[..<point])
            fraction = String(digits[point...])
        }
        while whole.count > 1, whole.hasPrefix("0") { whole.removeFirst() }
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return (negative ? "-" : "") + whole + (fraction.isEmpty ? "" : "." + fraction)
    }

    // MARK: Compound values

    /// `["1997-03-08T16:00:00Z", "PT8H30M"]` → `19970308T160000Z/PT8H30M`.
    private static func period(_ value: JSONValue) throws(JCalError) -> String {
        guard case .array(let items) = value, items.count == 2, case .string(let start) = items[0], case .string(let end) = items[1] else {
            throw JCalError(.invalidType, message: "a PERIOD value must be an array of two strings, [start, end or duration], not \(value.kind)")
        }
        guard let compactStart = compactDateTime(start) else { throw badForm(start, "is not a date-time, so it cannot start a period") }
        if let first = end.utf8.first, first == UInt8(ascii: "P") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            guard CalendarDuration.parse(bytes: Array(end.utf8)) != nil else { throw badForm(end, "is not a duration like \"PT8H30M\"") }
            return compactStart + "/" + end
        }
        guard let compactEnd = compactDateTime(end) else { throw badForm(end, "is neither a date-time nor a duration, so it cannot end a period") }
        return compactStart + "/" + compactEnd
    }

    /// `[37.386013, -122.082932]` → `37.386013;-122.082932`.
    private static func appendGeo(_ value: JSONValue, to text: inout String) throws(JCalError) {
        guard case .array(let items) = value, items.count == 2, case .number(let lat) = items[0], case .number(let lon) = items[1] else {
            throw JCalError(.invalidType, message: "a GEO value must be an array of two numbers, [latitude, longitude], not \(value.kind)")
        }
        text += try decimal(lat) + ";" + decimal(lon)
    }

    /// `["2.0", "Success"]` → `2.0;Success`; each part is TEXT and is escaped.
    private static func appendRequestStatus(_ value: JSONValue, to text: inout String) throws(JCalError) {
        guard case .array(let items) = value, (2...3).contains(items.count) else {
            throw JCalError(.invalidType, message: "a REQUEST-STATUS value must be an array [code, description] or [code, description, data], not \(value.kind)")
        }
        for (k, item) in items.enumerated() {
            if k > 0 { text += ";" }
            text += try escapedText(item, type: .text)
        }
        guard case .string(let code) = items[0], code.utf8.first.map(isDigit) == true,
            code.utf8.allSatisfy({ isDigit($0) || $0 == UInt8(ascii: ".") })
        else { throw JCalError(.invalidValue, message: "a REQUEST-STATUS code must look like \"2.0\" or \"3.1.1\"") }
    }

    // MARK: Helpers

    /// A JSON string as escaped TEXT; LF, CR and HTAB are the only control characters TEXT can carry.
    private static func escapedText(_ value: JSONValue, type: ValueType) throws(JCalError) -> String {
        let s = try string(value, type)
        if let bad = JCalNames.forbiddenControl(in: s, allowing: [.lineFeed, .carriageReturn]) {
            throw JCalError(.invalidValue, message: "the text contains a \(JCalNames.describeControl(bad)), which iCalendar cannot carry")
        }
        return TextValue.escape(s)
    }

    private static func string(_ value: JSONValue, _ type: ValueType?) throws(JCalError) -> String {
        guard case .string(let s) = value else { throw wrongKind(value, type, "a string") }
        return s
    }

    private static func wrongKind(_ value: JSONValue, _ type: ValueType?, _ expected: String) -> JCalError {
        JCalError(.invalidType, message: "a value of type \(type.map { $0.name.lowercased() } ?? "unknown") must be \(expected), not \(value.kind)")
    }

    private static func badForm(_ s: String, _ why: String) -> JCalError {
        JCalError(.invalidValue, message: "\"\(s)\" \(why)")
    }
}
