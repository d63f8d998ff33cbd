/// A DATE or DATE-TIME value in one of its four forms.
///
/// Spec: RFC 5545 §3.3.4 (DATE), §3.3.5 (DATE-TIME forms 1–3: floating, UTC, with TZID).
public enum DateTime: Hashable, Sendable, CustomStringConvertible {
    /// A whole day (`VALUE=DATE`).
    case date(CalendarDate)
    /// Local time anywhere: the same wall clock in every zone.
    case floating(LocalDateTime)
    /// A UTC time (`...Z`).
    case utc(LocalDateTime)
    /// A wall clock in the zone named by the TZID parameter.
    case zoned(LocalDateTime, tzid: String)

    public var isDate: Bool {
        if case .date = self { return true }
        return false
    }

    /// The wall clock the value names (midnight for a DATE).
    public var local: LocalDateTime {
        switch self {
        case .date(let d): LocalDateTime(date: d, time: .midnight)
        case .floating(let l), .utc(let l), .zoned(let l, _): l
        }
    }

    public var date: CalendarDate { local.date }

    public var tzid: String? {
        if case .zoned(_, let tzid) = self { return tzid }
        return nil
    }

    /// The same kind of value (date, floating, UTC or the same zone) at another wall clock.
    public func with(local: LocalDateTime) -> DateTime {
        switch self {
        case .date: .date(local.date)
        case .floating: .floating(local)
        case .utc: .utc(local)
        case .zoned(_, let tzid): .zoned(local, tzid: tzid)
        }
    }

    /// The text as written in a property value (`19970714`, `19970714T173000Z`, `19970714T133000`).
    public var icalValue: String {
        switch self {
        case .date(let d): d.icalValue
        case .floating(let l), .zoned(let l, _): l.icalValue
        case .utc(let l): l.icalValue(utc: true)
        }
    }

    /// The value of a DATE / DATE-TIME list property whose TZID has `rules` (EXDATE;TZID=...:v1,v2), appended with
    /// each zoned date-time written in UTC and the others as they are: what reading it as `Property.dateTimes()`,
    /// converting and writing each `icalValue` gives, straight from the bytes. Appends nothing and answers false
    /// when an item is not a DATE or DATE-TIME (where `dateTimes()` throws).
    public static func appendInUTC(_ value: UnsafeBufferPointer<UInt8>, rules: any TimeZoneRules,
                                   to out: inout [UInt8]) -> Bool {
        var items: [Range<Int>] = []
        if value.contains(UInt8(ascii: ",")) {
            // Empty items are skipped, as `dateTimes()` splits.
            var start = 0
            for index in 0...value.count where index == value.count || value[index] == UInt8(ascii: ",") {
                if index > start { items.append(start..<index) }
                start = index + 1
            }
        } else {
            items.append(0..<value.count)
        }
        let mark = out.count
        for (position, item) in items.enumerated() {
            guard let parsed = parse(bytes: UnsafeBufferPointer(rebasing: value[item]), tzid: "") else {
                out.removeSubrange(mark...)
                return false
            }
            if position > 0 { out.append(UInt8(ascii: ",")) }
            if case .zoned(let local, _) = parsed {
                DateTime.utc(rules.instant(for: local).utc).appendICalValue(to: &out)
            } else {
                parsed.appendICalValue(to: &out)
            }
        }
        return true
    }

    /// `icalValue` appended as bytes, without building a `String`.
    public func appendICalValue(to out: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 96) { buffer in
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<writeICalValue(into: buffer, at: 0)]))
        }
    }

    /// Writes `icalValue` at `start` (at most 96 bytes, far fewer for a year of four digits); returns the index
    /// after it.
    public func writeICalValue(into buffer: UnsafeMutableBufferPointer<UInt8>, at start: Int) -> Int {
        switch self {
        case .date(let d):
            return d.write(into: buffer, at: start)
        case .floating(let l), .zoned(let l, _), .utc(let l):
            var index = l.date.write(into: buffer, at: start)
            buffer[index] = UInt8(ascii: "T")
            index = l.time.write(into: buffer, at: index + 1)
            if case .utc = self { buffer[index] = UInt8(ascii: "Z"); index += 1 }
            return index
        }
    }

    public var description: String {
        if case .zoned(let l, let tzid) = self { return "\(l.icalValue)[\(tzid)]" }
        return icalValue
    }

    /// Parses a DATE (8 digits) or DATE-TIME (15 characters, optionally with `Z`); `tzid` applies to a non-UTC
    /// DATE-TIME. `valueType` forces DATE or DATE-TIME when the property says so with VALUE=.
    public static func parse(_ text: some StringProtocol, tzid: String? = nil, valueType: ValueType? = nil) throws(ICalendarParseError) -> DateTime {
        // Native strings are contiguous UTF-8, so this reads the bytes in place; the copy is only a fallback.
        let parsed = text.utf8.withContiguousStorageIfAvailable { parse(bytes: $0, tzid: tzid) } ?? parse(bytes: Array(text.utf8), tzid: tzid)
        if let value = parsed, valueType.map({ $0 == (value.isDate ? .date : .dateTime) }) ?? true {
            return value
        }
        let expected = valueType == .date ? "a DATE like 19970714" : valueType == .dateTime ? "a DATE-TIME like 19970714T173000Z" : "a DATE like 19970714 or a DATE-TIME like 19970714T173000Z"
        throw ICalendarParseError(.invalidValue, message: "'\(text)' is not \(expected)")
    }

    static func parse<Bytes: RandomAccessCollection<UInt8>>(bytes: Bytes, tzid: String?) -> DateTime? where Bytes.Index == Int {
        guard bytes.count >= 8,
            let y = Digits.read(bytes, 0, 4), let m = Digits.read(bytes, 4, 2), let d = Digits.read(bytes, 6, 2),
            let date = CalendarDate(year: y, month: m, day: d)
        else { return nil }
        if bytes.count == 8 { return .date(date) }
        guard bytes.count == 15 || (bytes.count == 16 && (bytes[bytes.startIndex + 15] == 0x5A || bytes[bytes.startIndex + 15] == 0x7A)),
            bytes[bytes.startIndex + 8] == 0x54 || bytes[bytes.startIndex + 8] == 0x74,
            let h = Digits.read(bytes, 9, 2), let mi = Digits.read(bytes, 11, 2), let s = Digits.read(bytes, 13, 2),
            let time = LocalTime(hour: h, minute: mi, second: s)
        else { return nil }
        let local = LocalDateTime(date: date, time: time)
        if bytes.count == 16 { return .utc(local) }
        if let tzid { return .zoned(local, tzid: tzid) }
        return .floating(local)
    }
}
