/// The properties jCal knows the type of without a VALUE parameter, and the jCal spelling of each value type.
///
/// Spec: RFC 7265 §3.5.1 (the VALUE parameter becomes the type element), §5 (a property whose type is not known and
/// has no VALUE parameter is written with type `unknown`). Known means defined by RFC 5545, RFC 2445 (EXRULE),
/// RFC 7986 or RFC 7953; anything else, X- names included, is unknown and travels as its raw text.
enum JCalPropertyTypes {
    /// Every property name registered by the RFCs above, with `ValueType.default(for:)` as its type so the iCalendar
    /// and jCal sides can never disagree about a default.
    static let defaults: [PropertyName: ValueType] = {
        let known: [PropertyName] = [
            .calscale, .method, .prodid, .version,
            .attach, .categories, .class, .comment, .description, .geo, .location, .percentComplete, .priority,
            .resources, .status, .summary,
            .completed, .dtend, .due, .dtstart, .duration, .freebusy, .transp,
            .tzid, .tzname, .tzoffsetfrom, .tzoffsetto, .tzurl,
            .attendee, .contact, .organizer, .recurrenceID, .relatedTo, .url, .uid,
            .exdate, .rdate, .rrule, .exrule,
            .action, .repeat, .trigger,
            .created, .dtstamp, .lastModified, .sequence,
            .requestStatus,
            .name, .refreshInterval, .source, .color, .image, .conference,
            .busytype,
        ]
        var table: [PropertyName: ValueType] = [:]
        for name in known { table[name] = ValueType.default(for: name) }
        return table
    }()

    /// The property's type when it has no VALUE parameter, or nil when jCal must call it `unknown`.
    @inline(__always)
    static func `default`(for property: PropertyName) -> ValueType? { defaults[property] }

    /// Whether an unknown property with an explicit type may hold a comma-separated list of that type. URI,
    /// CAL-ADDRESS, BINARY and unregistered types are never split, since a comma can be part of one such value.
    static func isSplittable(_ type: ValueType) -> Bool {
        switch type {
        case .text, .date, .dateTime, .time, .utcOffset, .duration, .period, .float, .integer, .boolean: true
        case .binary, .calAddress, .uri, .recur, .other: false
        }
    }

    /// Writes the type element: `"date-time"`, `"unknown"` for nil, lowercase for unregistered types.
    static func writeName(of type: ValueType?, into out: inout JSONOutput) {
        switch type {
        case nil: out.ascii("\"unknown\"")
        case .binary: out.ascii("\"binary\"")
        case .boolean: out.ascii("\"boolean\"")
        case .calAddress: out.ascii("\"cal-address\"")
        case .date: out.ascii("\"date\"")
        case .dateTime: out.ascii("\"date-time\"")
        case .duration: out.ascii("\"duration\"")
        case .float: out.ascii("\"float\"")
        case .integer: out.ascii("\"integer\"")
        case .period: out.ascii("\"period\"")
        case .recur: out.ascii("\"recur\"")
        case .text: out.ascii("\"text\"")
        case .time: out.ascii("\"time\"")
        case .uri: out.ascii("\"uri\"")
        case .utcOffset: out.ascii("\"utc-offset\"")
        case .other(let name): out.lowercasedName(name)
        }
    }

    /// Reads the type element: nil for `unknown`.
    static func type(named name: String) -> ValueType? {
        name.utf8.count == 7 && name.lowercased() == "unknown" ? nil : ValueType(name: name)
    }
}
