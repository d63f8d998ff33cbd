/// RECUR values: rule text ↔ the jCal object (`{"freq": "YEARLY", "byday": ["-1SU", "2MO"], "bymonth": 10}`).
///
/// Spec: RFC 7265 §3.6.10 and §4. Keys are the lowercase rule part names; a part with one value is a scalar and a part
/// with several is an array; numeric parts are JSON numbers; UNTIL is a jCal date or date-time. Parts are written in
/// the order the rule has them, so nothing is reordered or dropped (an explicit `INTERVAL=1` stays). Reading back puts
/// FREQ first, as RFC 5545 §3.3.10 asks of producers, and keeps the order of the rest. Parts this codec does not know
/// (X- parts, RFC 7529 RSCALE and SKIP, `BYMONTH=5L`) travel as strings; whether a rule is meaningful is left to
/// `RecurrenceRule.parse`, which the decoder runs on RRULE and EXRULE.
enum JCalRecurCodec {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    /// Parts whose values are integers and so become JSON numbers.
    static let numericParts: Set<String> = [
        "count", "interval", "bysecond", "byminute", "byhour", "bymonthday", "byyearday", "byweekno", "bymonth", "bysetpos",
    ]

    // MARK: iCalendar → jCal

    static func write(_ rule: Bytes, into out: inout JSONOutput) throws(JCalError) {
        var seen: [String] = []
        out.byte(UInt8(ascii: "{"))
        var partStart = 0
        while partStart <= rule.count {
            let partEnd = rule[partStart...].firstIndex(of: UInt8(ascii: ";")) ?? rule.count
            defer { partStart = partEnd + 1 }
            if partEnd == partStart { continue }  // tolerate "FREQ=DAILY;" and ";;"
            let part = UnsafeBufferPointer(rebasing: rule[partStart..<partEnd])
            guard let eq = part.firstIndex(of: UInt8(ascii: "=")), eq > 0 else {
                throw JCalValueCodec.invalid(rule, "is not a RECUR value: part '\(String(decoding: part, as: UTF8.self))' must look like NAME=VALUE")
            }
            let name = String(decoding: UnsafeBufferPointer(rebasing: part[..<eq]), as: UTF8.self).lowercased()
            guard JCalNames.isValid(name) else {
                throw JCalValueCodec.invalid(rule, "is not a RECUR value: '\(name.uppercased())' is not a rule part name")
            }
            guard !seen.contains(name) else {
                throw JCalValueCodec.invalid(rule, "is not a RECUR value: \(name.uppercased()) appears twice")
            }
            if !seen.isEmpty { out.byte(UInt8(ascii: ",")) }
            seen.append(name)
            out.string(name)
            out.byte(UInt8(ascii: ":"))
            let value = UnsafeBufferPointer(rebasing: part[(eq + 1)...])
            if name == "until" {
                do { try JCalValueCodec.writeDateOrDateTime(value, into: &out) } catch {
                    throw JCalValueCodec.invalid(rule, "is not a RECUR value: UNTIL must be a DATE or DATE-TIME")
                }
            } else {
                try writeItems(value, numeric: numericParts.contains(name), rule: rule, part: name, into: &out)
            }
        }
        out.byte(UInt8(ascii: "}"))
    }

    private static func writeItems(_ value: Bytes, numeric: Bool, rule: Bytes, part: String, into out: inout JSONOutput) throws(JCalError) {
        let several = value.contains(UInt8(ascii: ","))
        if several { out.byte(UInt8(ascii: "[")) }
        var itemStart = 0
        var first = true
        while itemStart <= value.count {
            let itemEnd = value[itemStart...].firstIndex(of: UInt8(ascii: ",")) ?? value.count
            let item = UnsafeBufferPointer(rebasing: value[itemStart..<itemEnd])
            guard !item.isEmpty else {
                throw JCalValueCodec.invalid(rule, "is not a RECUR value: \(part.uppercased()) has an empty value")
            }
            if !first { out.byte(UInt8(ascii: ",")) }
            first = false
            if !(numeric && JCalValueCodec.isInteger(item) && JCalValueCodec.writeNumber(item, allowFraction: false, into: &out)) {
                out.string(utf8: item)
            }
            itemStart = itemEnd + 1
        }
        if several { out.byte(UInt8(ascii: "]")) }
    }

    // MARK: jCal → iCalendar

    static func icalText(_ json: JSONValue) throws(JCalError) -> String {
        guard case .object(let members) = json else {
            throw JCalError(.invalidType, message: "a RECUR value must be an object like {\"freq\": \"WEEKLY\"}, not \(json.kind)")
        }
        var names: [String] = []
        names.reserveCapacity(members.count)
        for member in members {
            let name = member.key.uppercased()
            guard JCalNames.isValid(name) else {
                throw JCalError(.invalidValue, message: "'\(member.key)' is not a rule part name")
            }
            guard !names.contains(name) else { throw JCalError(.invalidValue, message: "rule part \"\(member.key)\" appears twice") }
            names.append(name)
        }
        guard let freq = names.firstIndex(of: "FREQ") else {
            throw JCalError(.invalidValue, message: "a RECUR value needs \"freq\", e.g. {\"freq\": \"DAILY\", \"count\": 5}")
        }
        var text = "FREQ="
        try appendItems(members[freq].value, part: "FREQ", to: &text)
        for (index, member) in members.enumerated() where index != freq {
            text += ";"
            text += names[index]
            text += "="
            if names[index] == "UNTIL" {
                guard case .string(let until) = member.value, let compact = JCalValueCodec.compactDateOrDateTime(until) else {
                    throw JCalError(.invalidValue, message: "\"until\" must be a date like \"2013-02-14\" or a date-time like \"2013-02-14T12:00:00Z\"")
                }
                text += compact
            } else {
                try appendItems(member.value, part: names[index], to: &text)
            }
        }
        return text
    }

    /// A scalar, or an array of scalars joined with commas.
    private static func appendItems(_ value: JSONValue, part: String, to text: inout String) throws(JCalError) {
        if case .array(let items) = value {
            guard !items.isEmpty else { throw JCalError(.invalidValue, message: "\"\(part.lowercased())\" must not be an empty array") }
            for (k, item) in items.enumerated() {
                if k > 0 { text += "," }
                try appendItem(item, part: part, to: &text)
            }
        } else {
            try appendItem(value, part: part, to: &text)
        }
    }

    private static func appendItem(_ item: JSONValue, part: String, to text: inout String) throws(JCalError) {
        let key = part.lowercased()
        switch item {
        case .number(let n):
            guard JCalValueCodec.isJSONInteger(n) else {
                throw JCalError(.invalidValue, message: "\"\(key)\" values must be whole numbers, not \(n)")
            }
            text += n
        case .string(let s):
            let forbidden = s.utf8.contains { $0 < 0x20 || $0 == 0x7F || $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "=") }
            guard !s.isEmpty, !forbidden else {
                throw JCalError(.invalidValue, message: "\"\(key)\" value \"\(s)\" must be non-empty and contain no ';', ',', '=' or control characters")
            }
            text += s
        default:
            throw JCalError(.invalidType, message: "\"\(key)\" must be a string, a number or an array of them, not \(item.kind)")
        }
    }
}
