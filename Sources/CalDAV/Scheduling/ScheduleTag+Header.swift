import Calendaring

extension ScheduleTag {
    /// `"tag"` as a header value (Schedule-Tag, RFC 6638 §8.2).
    static func quoted(_ tag: String) -> String { "\"\(tag)\"" }
}

/// The If-Schedule-Tag-Match header (RFC 6638 §8.3): one quoted tag.
enum ScheduleTagHeader {
    static func value(_ header: String) -> String {
        var value = header.trimmingWhitespace
        if value.hasPrefix("W/") { value.removeFirst(2) }
        if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
        return value
    }
}
