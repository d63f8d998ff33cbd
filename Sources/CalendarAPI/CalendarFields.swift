internal import Foundation
import ICalendar

/// The checks on a calendar's fields as the API receives them, and the time zone both ways: the API speaks IANA
/// names, the calendar stores CALDAV:calendar-timezone (a VCALENDAR with the zone's VTIMEZONE, RFC 4791 §5.2.2).
enum CalendarFields {
    static func name(_ text: String) throws(APIError) -> String {
        let name = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw APIError.invalid("'name' must not be empty.") }
        guard name.count <= 255 else { throw APIError.invalid("'name' may be at most 255 characters long.") }
        try plainText(name, field: "name")
        return name
    }

    static func description(_ text: String) throws(APIError) -> String {
        guard text.count <= 10_000 else { throw APIError.invalid("'description' may be at most 10,000 characters long.") }
        try plainText(text, field: "description", allowingLineBreaks: true)
        return text
    }

    /// `#RRGGBB` or `#RRGGBBAA` (what CalDAV clients write as Apple's calendar-color), or empty for none.
    static func color(_ text: String) throws(APIError) -> String {
        guard !text.isEmpty else { return "" }
        let hex = text.utf8.dropFirst()
        let isHexDigit = { (byte: UInt8) in
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20)
        }
        guard text.hasPrefix("#"), hex.count == 6 || hex.count == 8, hex.allSatisfy(isHexDigit) else {
            throw APIError.invalid("'color' must be #RRGGBB or #RRGGBBAA in hexadecimal, got '\(text)'.")
        }
        return text.uppercased()
    }

    /// VEVENT, VTODO and VJOURNAL, each once; VEVENT and VTODO when none is given, like a calendar made by CalDAV.
    static func components(_ types: [Components.Schemas.ComponentType]?) throws(APIError) -> [String] {
        guard let types else { return ["VEVENT", "VTODO"] }
        guard !types.isEmpty else { throw APIError.invalid("'components' must name at least one component.") }
        var seen: [String] = []
        for type in types where !seen.contains(type.rawValue) { seen.append(type.rawValue) }
        return seen
    }

    /// The stored calendar-timezone for the IANA zone `identifier`.
    static func timeZoneText(_ identifier: String, _ database: TimeZoneDatabase) throws(APIError) -> String {
        guard let zone = database.zone(for: identifier) else {
            throw APIError.invalid("'\(identifier)' is not a time zone this server knows (use an IANA name such as "
                                       + "Europe/Berlin).")
        }
        let now = Instant(Date())
        let vtimezone = VTimeZoneGenerator().component(for: zone, from: now.adding(seconds: -366 * 86_400),
                                                       to: now.adding(seconds: 10 * 366 * 86_400))
        let calendar = Component(name: .vcalendar, properties: [
            Property(name: .prodid, value: EventDocument.productID), Property(name: .version, value: "2.0"),
        ], components: [vtimezone])
        return String(decoding: ICalendarSerializer().serialize(calendar), as: UTF8.self)
    }

    /// The TZID of a stored calendar-timezone; nil when there is none (UTC).
    static func timeZoneID(of stored: String) -> String? {
        guard stored.contains(where: { !$0.isWhitespace }),
              let calendar = try? ICalendarParser(options: .lenient).parseCalendar(stored),
              let tzid = calendar.components(.vtimezone).first?.property(.tzid)?.text, !tzid.isEmpty else { return nil }
        return tzid
    }

    /// Refuses control characters, which no calendar field may hold (line breaks only where text may have them).
    static func plainText(_ text: String, field: String, allowingLineBreaks: Bool = false) throws(APIError) {
        for scalar in text.unicodeScalars where scalar.value < 0x20 || scalar.value == 0x7F {
            if allowingLineBreaks && (scalar == "\n" || scalar == "\r" || scalar == "\t") { continue }
            throw APIError.invalid("'\(field)' must not contain control characters.")
        }
    }
}
