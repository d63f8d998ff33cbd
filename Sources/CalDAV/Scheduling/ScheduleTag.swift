import CalendarStore

/// Schedule-Tag values (RFC 6638 §3.2.10): opaque, changed by the server exactly when a scheduling object changes
/// in a way that matters to the other side — never for a merge of participation status alone. Derived from the bytes
/// written when the tag changes, so it is stable under retries and unique enough per object.
enum ScheduleTag {
    static func new(for data: [UInt8]) -> String {
        "s-" + ETag(of: data).value.prefix(24)
    }

    /// `"tag"` as a header value.
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
