/// Reads a POSIX TZ string into a `POSIXTimeZoneRule`, byte by byte, saying where and why it fails.
///
/// Spec: POSIX.1-2017 §8.3; RFC 8536 §3.3.1 (hours in rule times may be -167...167).
struct POSIXTimeZoneRuleParser {
    let text: String
    let bytes: [UInt8]
    var i = 0

    init(text: String) {
        self.text = text
        self.bytes = Array(text.utf8)
    }

    /// Used when a DST name is given without rules: the US rules that tzcode assumes.
    static let defaultRules = (
        start: POSIXTimeZoneRule.ChangeRule(date: .monthWeekDay(month: 3, week: 2, weekday: .sunday)),
        end: POSIXTimeZoneRule.ChangeRule(date: .monthWeekDay(month: 11, week: 1, weekday: .sunday))
    )

    func fail(_ why: String) -> TimeZoneError {
        TimeZoneError(.invalidPOSIXRule, identifier: text, message: "\(why) at offset \(i)")
    }

    var atEnd: Bool { i >= bytes.count }
    var current: UInt8? { i < bytes.count ? bytes[i] : nil }

    mutating func parse() throws(TimeZoneError) -> POSIXTimeZoneRule {
        let stdName = try name()
        // POSIX offsets are hours west of Greenwich; iCalendar's are east.
        let stdOffset = -(try hms(maxHours: 24, what: "standard offset", signed: true))
        var daylight: POSIXTimeZoneRule.Daylight?
        if !atEnd {
            let dstName = try name()
            var dstOffset = stdOffset + 3600
            if let c = current, c != UInt8(ascii: ",") {
                dstOffset = -(try hms(maxHours: 24, what: "daylight offset", signed: true))
            }
            var rules = Self.defaultRules
            if !atEnd {
                try expect(",")
                rules.start = try changeRule()
                try expect(",")
                rules.end = try changeRule()
            }
            daylight = .init(abbreviation: dstName, offset: UTCOffset(seconds: dstOffset), start: rules.start, end: rules.end)
        }
        guard atEnd else { throw fail("unexpected '\(Character(Unicode.Scalar(bytes[i])))'") }
        return POSIXTimeZoneRule(text: text, standardAbbreviation: stdName, standardOffset: UTCOffset(seconds: stdOffset),
                                 daylight: daylight)
    }

    mutating func expect(_ c: Unicode.Scalar) throws(TimeZoneError) {
        guard current == UInt8(ascii: c) else { throw fail("expected '\(c)'") }
        i += 1
    }

    /// `<...>` with letters, digits, `+` and `-`, or three or more letters.
    mutating func name() throws(TimeZoneError) -> String {
        let start = i
        if current == UInt8(ascii: "<") {
            i += 1
            while let c = current, c != UInt8(ascii: ">") {
                guard Self.isAlpha(c) || Self.isDigit(c) || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") else {
                    throw fail("character not allowed in a quoted zone name")
                }
                i += 1
            }
            guard current == UInt8(ascii: ">") else { throw fail("unterminated '<' in zone name") }
            let name = String(decoding: bytes[start + 1..<i], as: UTF8.self)
            i += 1
            guard name.utf8.count >= 3 else { throw fail("zone name '\(name)' is shorter than 3 characters") }
            return name
        }
        while let c = current, Self.isAlpha(c) { i += 1 }
        guard i - start >= 3 else { throw fail("zone name must be 3 or more letters or <quoted>") }
        return String(decoding: bytes[start..<i], as: UTF8.self)
    }

    /// `[+|-]hh[:mm[:ss]]` as seconds.
    mutating func hms(maxHours: Int, what: String, signed: Bool) throws(TimeZoneError) -> Int {
        var sign = 1
        if signed, let c = current, c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
            sign = c == UInt8(ascii: "-") ? -1 : 1
            i += 1
        }
        guard let hours = number(maxDigits: 3), hours <= maxHours else {
            throw fail("\(what) needs hours 0...\(maxHours)")
        }
        var total = hours * 3600
        for unit in [60, 1] {
            guard current == UInt8(ascii: ":") else { break }
            i += 1
            guard let n = number(maxDigits: 2), n <= 59 else { throw fail("\(what) needs minutes and seconds 00...59") }
            total += n * unit
        }
        return sign * total
    }

    mutating func number(maxDigits: Int) -> Int? {
        var value = 0
        var count = 0
        while let c = current, Self.isDigit(c), count < maxDigits {
            value = value * 10 + Int(c - 0x30)
            i += 1
            count += 1
        }
        return count == 0 ? nil : value
    }

    /// `date[/time]`.
    mutating func changeRule() throws(TimeZoneError) -> POSIXTimeZoneRule.ChangeRule {
        let date: POSIXTimeZoneRule.DateRule
        switch current {
        case UInt8(ascii: "J"):
            i += 1
            guard let n = number(maxDigits: 3), (1...365).contains(n) else { throw fail("Jn needs n in 1...365") }
            date = .julianDay(n)
        case UInt8(ascii: "M"):
            i += 1
            guard let m = number(maxDigits: 2), (1...12).contains(m) else { throw fail("Mm.w.d needs month 1...12") }
            try expect(".")
            guard let w = number(maxDigits: 1), (1...5).contains(w) else { throw fail("Mm.w.d needs week 1...5") }
            try expect(".")
            guard let d = number(maxDigits: 1), let weekday = Weekday(rawValue: d) else {
                throw fail("Mm.w.d needs weekday 0...6")
            }
            date = .monthWeekDay(month: m, week: w, weekday: weekday)
        case let c? where Self.isDigit(c):
            guard let n = number(maxDigits: 3), (0...365).contains(n) else { throw fail("n needs 0...365") }
            date = .dayOfYear(n)
        default:
            throw fail("expected a date rule (Jn, n or Mm.w.d)")
        }
        var time = 7200
        if current == UInt8(ascii: "/") {
            i += 1
            time = try hms(maxHours: 167, what: "rule time", signed: true)
        }
        return .init(date: date, time: time)
    }

    static func isAlpha(_ c: UInt8) -> Bool { (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z") }
    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
}
