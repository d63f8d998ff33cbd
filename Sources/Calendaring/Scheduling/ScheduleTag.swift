import CalendarStore

/// Schedule-Tag values (RFC 6638 §3.2.10): opaque, changed by the server exactly when a scheduling object changes
/// in a way that matters to the other side — never for a merge of participation status alone. Derived from the bytes
/// written when the tag changes, so it is stable under retries and unique enough per object.
package enum ScheduleTag {
    static func new(for data: [UInt8]) -> String {
        "s-" + ETag(of: data).value.prefix(24)
    }
}
