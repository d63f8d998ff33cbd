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
            _ = try property.geo()
        default:
            try validateExplicitType(property)
        }
    }

    /// Properties of unknown or TEXT default type may still declare a VALUE whose syntax can be checked.
    private static func validateExplicitType(_ property: Property) throws(ICalendarParseError) {
        guard property[parameter: .value] != nil else {
            if property[parameter: .encoding]?.uppercased() == "BASE64" { _ = try property.binary() }
            return
        }
        switch property.valueType {
        case .binary: _ = try property.binary()
        case .boolean: _ = try property.boolean()
        case .date, .dateTime: _ = try property.dateTimes()
        case .duration: _ = try property.duration()
        case .float: _ = try property.floats()
        case .integer: _ = try property.integer()
        case .period: _ = try property.periods()
        case .time: _ = try property.times()
        case .utcOffset: _ = try property.utcOffset()
        default: break
        }
    }

    private static func range(_ property: Property, _ range: ClosedRange<Int>) throws(ICalendarParseError) {
        let n = try property.integer()
        guard range.contains(n) else {
            throw ICalendarParseError(.invalidValue, message: "\(n) is out of range; \(property.name) takes \(range.lowerBound)...\(range.upperBound == Int.max ? "" : String(range.upperBound))")
        }
    }
}
