/// Checks that the values of properties with a known type can be read, so bad input is refused where it is.
///
/// Spec: RFC 5545 §3.3 (value syntax), §3.8 (per-property value types and ranges).
enum PropertyValueValidator {
    static func validate(_ property: Property) throws(ICalendarParseError) {
        switch property.name {
        case .dtstart, .dtend, .due, .recurrenceID:
            _ = try property.dateTime()
        case .completed, .created, .dtstamp, .lastModified:
            guard case .utc = try property.dateTime() else {
                throw ICalendarParseError(.invalidValue, message: "'\(property.value)' must be a UTC DATE-TIME ending in Z")
            }
        case .exdate:
            _ = try property.dateTimes()
        case .rdate:
            if property.valueType == .period { _ = try property.periods() } else { _ = try property.dateTimes() }
        case .rrule, .exrule:
            _ = try property.recurrenceRule()
        case .duration:
            _ = try property.duration()
        case .trigger:
            if property.valueType == .dateTime {
                guard case .utc = try property.dateTime() else {
                    throw ICalendarParseError(.invalidValue, message: "an absolute TRIGGER must be a UTC DATE-TIME ending in Z")
                }
            } else {
                _ = try property.duration()
            }
        case .freebusy:
            _ = try property.periods()
        case .tzoffsetfrom, .tzoffsetto:
            _ = try property.utcOffset()
        case .priority:
            try range(property, 0...9)
        case .percentComplete:
            try range(property, 0...100)
        case .sequence, .repeat:
            try range(property, 0...Int.max)
        case .geo:
            let parts = property.value.split(separator: ";", omittingEmptySubsequences: false)
            guard parts.count == 2, let lat = Double(parts[0]), let lon = Double(parts[1]), abs(lat) <= 90, abs(lon) <= 180 else {
                throw ICalendarParseError(.invalidValue, message: "GEO must be 'latitude;longitude' in degrees, like 37.386013;-122.082932")
            }
        default:
            break
        }
    }

    private static func range(_ property: Property, _ range: ClosedRange<Int>) throws(ICalendarParseError) {
        let n = try property.integer()
        guard range.contains(n) else {
            throw ICalendarParseError(.invalidValue, message: "\(n) is out of range; \(property.name) takes \(range.lowerBound)...\(range.upperBound == Int.max ? "" : String(range.upperBound))")
        }
    }
}
