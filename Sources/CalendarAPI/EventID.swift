import ICalendar

/// The id of an event (`<calendar id>.<resource name in base32>`), or of one instance of a recurring event (that,
/// `_`, and the instance's original start as RECURRENCE-ID writes it in UTC, or its date for an all-day series).
///
/// An event id names the calendar object resource, so the same event is the same id whatever calendar list it is
/// read from, and it can be turned back into the CalDAV resource without a lookup table. Base32 (RFC 4648 §6,
/// lower case, no padding) keeps any resource name to letters and digits, so `.` and `_` stay separators.
struct EventID: Hashable, Sendable {
    var calendarID: Int64
    var name: String
    /// The original start of one instance.
    var instance: DateTime?

    init(calendarID: Int64, name: String, instance: DateTime? = nil) {
        self.calendarID = calendarID
        self.name = name
        self.instance = instance
    }

    /// Reads an id; nil when it is not one this server wrote.
    init?(_ text: String) {
        let (head, instanceText) = Self.split(text, at: "_")
        let (calendarText, nameText) = Self.split(head, at: ".")
        guard let calendarID = Int64(calendarText), calendarID > 0, let nameText, !nameText.isEmpty,
              let bytes = Base32.decode(nameText), let name = String(validating: bytes, as: UTF8.self),
              !name.isEmpty else { return nil }
        self.calendarID = calendarID
        self.name = name
        if let instanceText {
            guard let instance = Self.instance(instanceText) else { return nil }
            self.instance = instance
        }
    }

    /// The id of the series (or single event) this id belongs to.
    var event: EventID { EventID(calendarID: calendarID, name: name) }

    var text: String {
        let base = String(calendarID) + "." + Base32.encode(Array(name.utf8))
        guard let instance else { return base }
        return base + "_" + Self.instanceText(instance)
    }

    /// The instance part: `YYYYMMDDTHHMMSSZ` in UTC, or `YYYYMMDD` for a date.
    static func instanceText(_ value: DateTime) -> String {
        switch value {
        case .date(let date): date.icalValue
        default: value.local.icalValue + "Z"
        }
    }

    private static func instance(_ text: String) -> DateTime? {
        if text.utf8.count == 8, let value = try? DateTime.parse(text, valueType: .date) { return value }
        guard text.hasSuffix("Z"), let value = try? DateTime.parse(text) else { return nil }
        return value
    }

    private static func split(_ text: String, at separator: Character) -> (String, String?) {
        guard let index = text.firstIndex(of: separator) else { return (text, nil) }
        return (String(text[..<index]), String(text[text.index(after: index)...]))
    }
}

/// RFC 4648 §6 base32 in lower case without padding.
enum Base32 {
    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count * 8 + 4) / 5)
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | UInt32(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                output.append(alphabet[Int((buffer >> UInt32(bits)) & 31)])
            }
        }
        if bits > 0 { output.append(alphabet[Int((buffer << UInt32(5 - bits)) & 31)]) }
        return String(decoding: output, as: UTF8.self)
    }

    static func decode(_ text: String) -> [UInt8]? {
        var output: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for character in text.utf8 {
            let value: UInt32
            switch character {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = UInt32(character - UInt8(ascii: "a"))
            case UInt8(ascii: "2")...UInt8(ascii: "7"): value = UInt32(character - UInt8(ascii: "2")) + 26
            default: return nil
            }
            buffer = (buffer << 5) | value
            bits += 5
            if bits >= 8 {
                bits -= 8
                output.append(UInt8((buffer >> UInt32(bits)) & 0xFF))
            }
        }
        // Leftover bits must be the zero padding of the last character, else the text was not written by encode.
        guard bits < 5, buffer & ((1 << UInt32(bits)) - 1) == 0 else { return nil }
        return output
    }
}
