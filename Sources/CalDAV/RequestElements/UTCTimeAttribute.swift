import ICalendar

/// Reads the "date with UTC time" attributes of CALDAV:time-range, expand, limit-recurrence-set and
/// limit-freebusy-set (`20060104T000000Z`).
///
/// Spec: RFC 4791 §9.9, §9.6.5–9.6.7. A value without the trailing `Z` is read as UTC too: a few clients omit it,
/// and no other zone could be meant.
enum UTCTimeAttribute {
    static func instant(_ text: String) -> Instant? {
        var value = Substring(text)
        while value.first?.isWhitespace == true { value = value.dropFirst() }
        while value.last?.isWhitespace == true { value = value.dropLast() }
        if value.count == 15 { value += "Z" }
        guard let parsed = try? DateTime.parse(value, valueType: .dateTime), case .utc(let local) = parsed else { return nil }
        return Instant(utc: local)
    }
}
