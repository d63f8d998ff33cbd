/// A parsed JSON value as the jCal decoder needs it: object members stay in document order (so duplicate keys can be
/// refused and a round trip keeps its order) and numbers stay exactly as written (so `37.386013` reaches iCalendar
/// without a detour through binary floating point).
///
/// Spec: RFC 8259 §3–§7.
enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    /// The number's text, already checked against the RFC 8259 §6 grammar.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([JSONMember])

    var isArray: Bool {
        if case .array = self { return true }
        return false
    }

    /// "a string", "an array", ... for messages that say what was found instead.
    var kind: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// One `"key": value` pair of a JSON object.
struct JSONMember: Hashable, Sendable {
    var key: String
    var value: JSONValue
}
