/// The value data types of RFC 5545 §3.3, with the default for each known property (§3.8) and RFC 7986 §5.
public enum ValueType: Hashable, Sendable {
    case binary, boolean, calAddress, date, dateTime, duration, float, integer, period, recur, text, time, uri, utcOffset
    case other(String)

    public init(name: String) {
        switch ASCIIBytes.uppercased(name) {
        case "BINARY": self = .binary
        case "BOOLEAN": self = .boolean
        case "CAL-ADDRESS": self = .calAddress
        case "DATE": self = .date
        case "DATE-TIME": self = .dateTime
        case "DURATION": self = .duration
        case "FLOAT": self = .float
        case "INTEGER": self = .integer
        case "PERIOD": self = .period
        case "RECUR": self = .recur
        case "TEXT": self = .text
        case "TIME": self = .time
        case "URI": self = .uri
        case "UTC-OFFSET": self = .utcOffset
        default: self = .other(ASCIIBytes.uppercased(name))
        }
    }

    public var name: String {
        switch self {
        case .binary: "BINARY"
        case .boolean: "BOOLEAN"
        case .calAddress: "CAL-ADDRESS"
        case .date: "DATE"
        case .dateTime: "DATE-TIME"
        case .duration: "DURATION"
        case .float: "FLOAT"
        case .integer: "INTEGER"
        case .period: "PERIOD"
        case .recur: "RECUR"
        case .text: "TEXT"
        case .time: "TIME"
        case .uri: "URI"
        case .utcOffset: "UTC-OFFSET"
        case .other(let n): n
        }
    }

    /// The type a property has when no VALUE parameter says otherwise; TEXT for unknown and X- properties.
    public static func `default`(for property: PropertyName) -> ValueType {
        switch property {
        case .dtstart, .dtend, .due, .recurrenceID, .exdate, .rdate, .completed, .created, .dtstamp, .lastModified:
            .dateTime
        case .duration, .trigger, .refreshInterval: .duration
        case .freebusy: .period
        case .rrule, .exrule: .recur
        case .tzoffsetfrom, .tzoffsetto: .utcOffset
        case .attendee, .organizer: .calAddress
        case .percentComplete, .priority, .repeat, .sequence: .integer
        case .attach, .tzurl, .url, .source, .image, .conference: .uri
        case .geo: .float
        default: .text
        }
    }

    /// Properties whose value is a comma-separated list of this type (RFC 5545 §3.1.1).
    public static func isList(_ property: PropertyName) -> Bool {
        switch property {
        case .categories, .resources, .exdate, .rdate, .freebusy: true
        default: false
        }
    }
}
