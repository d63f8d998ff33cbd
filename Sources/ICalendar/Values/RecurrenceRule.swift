/// A RECUR value: the rule part of an RRULE, parsed into its parts. Iteration lives in `ICalendarRecurrence`.
///
/// Spec: RFC 5545 §3.3.10; RFC 7529 §3 (RSCALE, SKIP) and §4.2 (leap months in BYMONTH, `5L`).
public struct RecurrenceRule: Hashable, Sendable, CustomStringConvertible {
    public enum Frequency: String, Sendable, Hashable, CaseIterable, Comparable {
        case secondly = "SECONDLY", minutely = "MINUTELY", hourly = "HOURLY", daily = "DAILY"
        case weekly = "WEEKLY", monthly = "MONTHLY", yearly = "YEARLY"

        /// Smaller is finer.
        var rank: Int { Frequency.allCases.firstIndex(of: self)! }
        public static func < (lhs: Frequency, rhs: Frequency) -> Bool { lhs.rank < rhs.rank }
    }

    /// A BYDAY entry: a weekday with an optional ordinal (`-1SU`, `2MO`, `TU`).
    public struct WeekdayNum: Hashable, Sendable, CustomStringConvertible {
        public var ordinal: Int?
        public var weekday: Weekday

        public init(_ weekday: Weekday, ordinal: Int? = nil) {
            self.weekday = weekday
            self.ordinal = ordinal
        }

        public var description: String { (ordinal.map(String.init) ?? "") + weekday.icalName }
    }

    public var frequency: Frequency
    public var interval: Int = 1
    public var count: Int?
    public var until: DateTime?
    public var bySecond: [Int] = []
    public var byMinute: [Int] = []
    public var byHour: [Int] = []
    public var byDay: [WeekdayNum] = []
    public var byMonthDay: [Int] = []
    public var byYearDay: [Int] = []
    public var byWeekNo: [Int] = []
    /// BYMONTH months without the leap suffix: 1...12, or 1...13 with an RSCALE (some calendars have 13 months).
    public var byMonth: [Int] = []
    /// BYMONTH months written with the RFC 7529 §4.2 leap suffix (`5L` is 5); they need an RSCALE. Kept apart from
    /// `byMonth` so Gregorian code never mistakes a leap month for a plain one; written after the plain months.
    public var byLeapMonth: [Int] = []
    public var bySetPos: [Int] = []
    public var weekStart: Weekday = .monday
    /// The RFC 7529 RSCALE as written (`HEBREW`, `islamic-civil`); nil means the Gregorian calendar of RFC 5545.
    /// Whether a scale is supported is decided where rules are iterated (`ICalendarRecurrence`), not here.
    public var rscale: String?
    /// The RFC 7529 SKIP as written; nil when absent (which reads as `.omit`). Only valid with an RSCALE.
    public var skip: Skip?
    /// X- and unknown IANA rule parts, kept in order.
    public var extensionParts: [(name: String, value: String)] = []

    public init(frequency: Frequency) { self.frequency = frequency }

    public static func == (lhs: RecurrenceRule, rhs: RecurrenceRule) -> Bool {
        lhs.frequency == rhs.frequency && lhs.interval == rhs.interval && lhs.count == rhs.count && lhs.until == rhs.until
            && lhs.bySecond == rhs.bySecond && lhs.byMinute == rhs.byMinute && lhs.byHour == rhs.byHour
            && lhs.byDay == rhs.byDay && lhs.byMonthDay == rhs.byMonthDay && lhs.byYearDay == rhs.byYearDay
            && lhs.byWeekNo == rhs.byWeekNo && lhs.byMonth == rhs.byMonth && lhs.bySetPos == rhs.bySetPos
            && lhs.weekStart == rhs.weekStart && lhs.byLeapMonth == rhs.byLeapMonth
            && lhs.rscale?.uppercased() == rhs.rscale?.uppercased() && lhs.skip == rhs.skip
            && lhs.extensionParts.map(\.name) == rhs.extensionParts.map(\.name)
            && lhs.extensionParts.map(\.value) == rhs.extensionParts.map(\.value)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(frequency)
        hasher.combine(interval)
        hasher.combine(count)
        hasher.combine(until)
        hasher.combine(byDay)
        hasher.combine(byMonthDay)
        hasher.combine(byMonth)
        hasher.combine(rscale?.uppercased())
    }

    /// Canonical text: RSCALE (as in the RFC 7529 §4 examples), FREQ, then the parts in RFC order and SKIP last.
    public var icalValue: String {
        var parts: [String] = []
        if let rscale { parts.append("RSCALE=\(rscale)") }
        parts.append("FREQ=\(frequency.rawValue)")
        if let until { parts.append("UNTIL=\(until.icalValue)") }
        if let count { parts.append("COUNT=\(count)") }
        if interval != 1 { parts.append("INTERVAL=\(interval)") }
        func list(_ name: String, _ values: [Int]) {
            if !values.isEmpty { parts.append(name + "=" + values.map(String.init).joined(separator: ",")) }
        }
        list("BYSECOND", bySecond)
        list("BYMINUTE", byMinute)
        list("BYHOUR", byHour)
        if !byDay.isEmpty { parts.append("BYDAY=" + byDay.map(\.description).joined(separator: ",")) }
        list("BYMONTHDAY", byMonthDay)
        list("BYYEARDAY", byYearDay)
        list("BYWEEKNO", byWeekNo)
        if !byMonth.isEmpty || !byLeapMonth.isEmpty {
            parts.append("BYMONTH=" + (byMonth.map(String.init) + byLeapMonth.map { "\($0)L" }).joined(separator: ","))
        }
        list("BYSETPOS", bySetPos)
        if weekStart != .monday { parts.append("WKST=\(weekStart.icalName)") }
        if let skip { parts.append("SKIP=\(skip.rawValue)") }
        for part in extensionParts { parts.append("\(part.name)=\(part.value)") }
        return parts.joined(separator: ";")
    }

    public var description: String { icalValue }

    /// Parses a RECUR value. `tzid` is the DTSTART's zone, applied to a local UNTIL.
    /// Unknown non-X- parts, repeated parts, out-of-range numbers and COUNT together with UNTIL are errors; so are SKIP
    /// and leap months (`BYMONTH=5L`) without RSCALE (RFC 7529 §3.1, §4.2).
    public static func parse(_ input: some StringProtocol, tzid: String? = nil) throws(ICalendarParseError) -> RecurrenceRule {
        var text = String(input)
        if let rule = text.withUTF8({ parseSimple($0, tzid: tzid) }) { return rule }
        return try parseFull(text, tzid: tzid)
    }

    /// Every rule part read, with the errors `parse` reports.
    static func parseFull(_ text: String, tzid: String?) throws(ICalendarParseError) -> RecurrenceRule {
        func fail(_ why: String) -> ICalendarParseError {
            ICalendarParseError(.invalidValue, message: "RRULE '\(text)': \(why)")
        }
        func numbers(_ value: Substring, _ name: String, _ range: ClosedRange<Int>, allowNegative: Bool) throws(ICalendarParseError) -> [Int] {
            var result: [Int] = []
            for item in Self.items(of: value) {
                guard let n = Int(item.hasPrefix("+") ? item.dropFirst() : item), n != 0 || range.lowerBound == 0,
                    range.contains(abs(n)), allowNegative || n >= 0
                else {
                    let sign = allowNegative ? "±" : ""
                    throw fail("\(name) value '\(item)' must be \(sign)\(range.lowerBound)...\(range.upperBound)")
                }
                result.append(n)
            }
            return result
        }

        var frequency: Frequency?
        var rule = RecurrenceRule(frequency: .daily)
        // A rule has a handful of parts: a list finds a repeated name faster than hashing each one.
        var seen: [String] = []
        // Splits on bytes: Character splitting (grapheme breaking) cost more than everything else here.
        for part in text.utf8.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: true).map(Substring.init) {
            guard let eq = part.utf8.firstIndex(of: UInt8(ascii: "=")) else { throw fail("part '\(part)' has no '='") }
            let name = ASCIIBytes.uppercased(String(part[..<eq]))
            let value = part[part.index(after: eq)...]
            guard !seen.contains(name) else { throw fail("\(name) appears twice") }
            seen.append(name)
            switch name {
            case "FREQ":
                guard let f = Frequency(rawValue: ASCIIBytes.uppercased(String(value))) else { throw fail("unknown FREQ '\(value)'") }
                frequency = f
            case "INTERVAL":
                guard let n = Int(value), n >= 1 else { throw fail("INTERVAL must be a positive integer") }
                rule.interval = n
            case "COUNT":
                guard let n = Int(value), n >= 1 else { throw fail("COUNT must be a positive integer") }
                rule.count = n
            case "UNTIL":
                do {
                    let until = try DateTime.parse(value)
                    if case .floating(let l) = until, let tzid { rule.until = .zoned(l, tzid: tzid) } else { rule.until = until }
                } catch {
                    throw fail("UNTIL '\(value)' is not a DATE or DATE-TIME")
                }
            case "BYSECOND": rule.bySecond = try numbers(value, name, 0...60, allowNegative: false)
            case "BYMINUTE": rule.byMinute = try numbers(value, name, 0...59, allowNegative: false)
            case "BYHOUR": rule.byHour = try numbers(value, name, 0...23, allowNegative: false)
            case "BYMONTHDAY": rule.byMonthDay = try numbers(value, name, 1...31, allowNegative: true)
            case "BYYEARDAY": rule.byYearDay = try numbers(value, name, 1...366, allowNegative: true)
            case "BYWEEKNO": rule.byWeekNo = try numbers(value, name, 1...53, allowNegative: true)
            case "BYMONTH":
                // Leap months and a thirteenth month only mean something in another calendar: checked after the
                // loop, since RSCALE may come later in the text.
                for item in Self.items(of: value) {
                    let leap = item.last == "L" || item.last == "l"
                    let digits = leap ? item.dropLast() : item
                    guard digits.allSatisfy(\.isASCII), let n = Int(digits), (1...13).contains(n) else {
                        throw fail("BYMONTH value '\(item)' must be 1...12, or with RSCALE 1...13 and leap months like 5L")
                    }
                    if leap { rule.byLeapMonth.append(n) } else { rule.byMonth.append(n) }
                }
            case "RSCALE":
                // RFC 7529 §3.1: an iana-token or x-name (letters, digits and '-').
                guard !value.isEmpty, value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
                    throw fail("RSCALE '\(value)' is not a calendar scale name")
                }
                rule.rscale = String(value)
            case "SKIP":
                guard let skip = Skip(rawValue: ASCIIBytes.uppercased(String(value))) else { throw fail("SKIP must be OMIT, BACKWARD or FORWARD, not '\(value)'") }
                rule.skip = skip
            case "BYSETPOS": rule.bySetPos = try numbers(value, name, 1...366, allowNegative: true)
            case "BYDAY":
                for item in Self.items(of: value) {
                    guard item.count >= 2, let day = Weekday(icalName: item.suffix(2)) else {
                        throw fail("BYDAY entry '\(item)' must look like MO, 2TU or -1FR")
                    }
                    let prefix = item.dropLast(2)
                    var ordinal: Int?
                    if !prefix.isEmpty {
                        guard let n = Int(prefix.hasPrefix("+") ? prefix.dropFirst() : prefix), n != 0, abs(n) <= 53 else {
                            throw fail("BYDAY ordinal in '\(item)' must be ±1...53")
                        }
                        ordinal = n
                    }
                    rule.byDay.append(WeekdayNum(day, ordinal: ordinal))
                }
            case "WKST":
                guard let day = Weekday(icalName: value) else { throw fail("WKST '\(value)' is not a weekday") }
                rule.weekStart = day
            default:
                guard name.hasPrefix("X-") else { throw fail("unknown rule part \(name)") }
                rule.extensionParts.append((name, String(value)))
            }
        }
        guard let frequency else { throw fail("FREQ is required") }
        rule.frequency = frequency
        if rule.count != nil && rule.until != nil { throw fail("COUNT and UNTIL must not both be present") }
        if rule.rscale == nil {
            if rule.skip != nil { throw fail("SKIP needs RSCALE (RFC 7529 §3.1)") }
            if !rule.byLeapMonth.isEmpty { throw fail("leap months in BYMONTH need RSCALE (RFC 7529 §4.2)") }
            if rule.byMonth.contains(13) { throw fail("BYMONTH value '13' must be 1...12 without RSCALE") }
        }
        return rule
    }

    /// The commonest rules (FREQ with COUNT, UNTIL or INTERVAL, names and frequency in uppercase, numbers as plain
    /// digits) read straight from the bytes; nil for anything else, which `parse` reads in full (and reports).
    /// Gives the same rule as the full reading.
    static func parseSimple(_ bytes: UnsafeBufferPointer<UInt8>, tzid: String?) -> RecurrenceRule? {
        var frequency: Frequency?
        var rule = RecurrenceRule(frequency: .daily)
        var sawInterval = false
        var start = 0
        let n = bytes.count
        func equal(_ range: Range<Int>, _ text: StaticString) -> Bool {
            text.withUTF8Buffer { $0.elementsEqual(UnsafeBufferPointer(rebasing: bytes[range])) }
        }
        func number(_ range: Range<Int>) -> Int? {
            guard !range.isEmpty, range.count <= 9 else { return nil }
            var value = 0
            for index in range {
                let digit = bytes[index] &- 0x30
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
            }
            return value >= 1 ? value : nil
        }
        while start < n {
            var end = start
            while end < n, bytes[end] != UInt8(ascii: ";") { end += 1 }
            defer { start = end + 1 }
            guard end > start else { continue }
            var eq = start
            while eq < end, bytes[eq] != UInt8(ascii: "=") { eq += 1 }
            guard eq < end else { return nil }
            let name = start..<eq
            let value = (eq + 1)..<end
            if equal(name, "FREQ") {
                guard frequency == nil else { return nil }
                if equal(value, "WEEKLY") { frequency = .weekly }
                else if equal(value, "DAILY") { frequency = .daily }
                else if equal(value, "MONTHLY") { frequency = .monthly }
                else if equal(value, "YEARLY") { frequency = .yearly }
                else { return nil }
            } else if equal(name, "COUNT") {
                guard rule.count == nil, let count = number(value) else { return nil }
                rule.count = count
            } else if equal(name, "INTERVAL") {
                guard !sawInterval, let interval = number(value) else { return nil }
                sawInterval = true
                rule.interval = interval
            } else if equal(name, "UNTIL") {
                guard rule.until == nil, let until = DateTime.parse(bytes: UnsafeBufferPointer(rebasing: bytes[value]), tzid: nil)
                else { return nil }
                if case .floating(let l) = until, let tzid { rule.until = .zoned(l, tzid: tzid) } else { rule.until = until }
            } else {
                return nil
            }
        }
        guard let frequency, rule.count == nil || rule.until == nil else { return nil }
        rule.frequency = frequency
        return rule
    }

    /// The comma-separated items of a rule part's value, empty ones kept (they are errors the caller reports).
    private static func items(of value: Substring) -> [Substring] {
        value.utf8.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).map(Substring.init)
    }
}
