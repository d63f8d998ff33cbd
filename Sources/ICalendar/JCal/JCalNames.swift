/// Checks on names and free text coming from jCal before they become iCalendar content lines.
///
/// Spec: RFC 5545 §3.1 (`iana-token` and `x-name` are letters, digits and '-'; control characters other than HTAB are
/// not allowed in values). These checks are what keeps a JSON string from smuggling a line break, and with it a new
/// property, into the iCalendar text.
enum JCalNames {
    /// A component, property, parameter, value type or rule part name: one or more ASCII letters, digits or '-'.
    static func isValid(_ name: String) -> Bool {
        guard !name.isEmpty else { return false }
        for b in name.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
                continue
            default:
                return false
            }
        }
        return true
    }

    /// Control characters a writer knows how to encode, as a bit mask over U+0000...U+001F.
    struct AllowedControls: OptionSet, Sendable {
        let rawValue: UInt32
        static let lineFeed = AllowedControls(rawValue: 1 << 0x0A)
        static let carriageReturn = AllowedControls(rawValue: 1 << 0x0D)
    }

    /// The first control character in `text` that iCalendar cannot carry, if any. HTAB is always allowed; `allowing`
    /// names further ones the writer knows how to encode (LF in TEXT and parameters, CR in TEXT).
    static func forbiddenControl(in text: String, allowing: AllowedControls = []) -> UInt8? {
        for b in text.utf8 where b < 0x20 || b == 0x7F {
            if b == 0x09 || (b < 0x20 && allowing.rawValue & (1 << UInt32(b)) != 0) { continue }
            return b
        }
        return nil
    }

    static func describeControl(_ b: UInt8) -> String {
        let hex = String(b, radix: 16, uppercase: true)
        return "control character U+" + String(repeating: "0", count: 4 - hex.count) + hex
    }
}
