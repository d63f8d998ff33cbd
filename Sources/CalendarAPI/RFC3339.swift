import ICalendar

/// The API's date and time text: RFC 3339 date-times (`2026-12-07T10:00:00+01:00`, `…Z`, fractional seconds
/// dropped) and full dates (`2026-12-07`).
///
/// Spec: RFC 3339 §5.6 (the grammar), §4.2 (an offset is required for an instant; a date-time without one is a
/// wall clock, which the API reads in the `timeZone` given beside it).
enum RFC3339 {
    /// A date-time as written: the wall clock and, when given, its offset from UTC.
    struct Stamp: Equatable {
        var local: LocalDateTime
        var offset: UTCOffset?

        /// The instant, when the offset says which one.
        var instant: Instant? {
            offset.map { Instant(secondsSinceEpoch: local.secondsSinceEpoch - Int64($0.seconds)) }
        }
    }

    /// Reads `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)?`; nil for anything else (the caller says which field).
    static func stamp(_ text: String) -> Stamp? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 19, let date = date(bytes[0..<10]), bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              let hour = number(bytes[11..<13]), let minute = number(bytes[14..<16]),
              let second = number(bytes[17..<19]) else { return nil }
        var index = 19
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let digitsStart = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            guard index > digitsStart else { return nil }
        }
        // RFC 3339 allows a leap second (:60); a calendar has no such wall clock, so it is the next second's start.
        guard let time = LocalTime(hour: hour, minute: minute, second: min(second, 59)) else { return nil }
        let local = LocalDateTime(date: date, time: time)
        let rest = bytes[index...]
        if rest.isEmpty { return Stamp(local: local, offset: nil) }
        if rest.count == 1, rest.first == UInt8(ascii: "Z") || rest.first == UInt8(ascii: "z") {
            return Stamp(local: local, offset: .zero)
        }
        guard rest.count == 6, let sign = rest.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"),
              rest[rest.startIndex + 3] == UInt8(ascii: ":"),
              let hours = number(rest[(rest.startIndex + 1)..<(rest.startIndex + 3)]),
              let minutes = number(rest[(rest.startIndex + 4)..<(rest.startIndex + 6)]),
              hours < 24, minutes < 60 else { return nil }
        let seconds = (hours * 3_600 + minutes * 60) * (sign == UInt8(ascii: "-") ? -1 : 1)
        return Stamp(local: local, offset: UTCOffset(seconds: seconds))
    }

    /// Reads `YYYY-MM-DD`.
    static func date(_ text: String) -> CalendarDate? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10 else { return nil }
        return date(bytes[0..<10])
    }

    private static func date(_ bytes: ArraySlice<UInt8>) -> CalendarDate? {
        let start = bytes.startIndex
        guard bytes.count == 10, bytes[start + 4] == UInt8(ascii: "-"), bytes[start + 7] == UInt8(ascii: "-"),
              let year = number(bytes[start..<(start + 4)]), year >= 1,
              let month = number(bytes[(start + 5)..<(start + 7)]),
              let day = number(bytes[(start + 8)..<(start + 10)]) else { return nil }
        return CalendarDate(year: year, month: month, day: day)
    }

    private static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in bytes {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return bytes.isEmpty ? nil : value
    }

    /// `instant` as the wall clock of `zone` with that zone's offset then (`Z` for UTC).
    static func format(_ instant: Instant, in zone: any TimeZoneRules) -> String {
        let offset = zone.offset(at: instant)
        let local = LocalDateTime(secondsSinceEpoch: instant.secondsSinceEpoch + Int64(offset.seconds))
        return format(local) + offsetText(offset)
    }

    /// `YYYY-MM-DD`.
    static func format(_ date: CalendarDate) -> String {
        pad(date.year, 4) + "-" + pad(date.month, 2) + "-" + pad(date.day, 2)
    }

    private static func format(_ local: LocalDateTime) -> String {
        format(local.date) + "T" + pad(local.time.hour, 2) + ":" + pad(local.time.minute, 2) + ":"
            + pad(local.time.second, 2)
    }

    private static func offsetText(_ offset: UTCOffset) -> String {
        if offset.seconds == 0 { return "Z" }
        let magnitude = abs(offset.seconds)
        return (offset.seconds < 0 ? "-" : "+") + pad(magnitude / 3_600, 2) + ":" + pad(magnitude % 3_600 / 60, 2)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
