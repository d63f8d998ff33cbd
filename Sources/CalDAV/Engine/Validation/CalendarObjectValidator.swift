import DAVXML
import ICalendar
import WebDAV

/// Decides whether a body may be stored as a calendar object resource (PUT, COPY, MOVE into a calendar collection).
///
/// Spec: RFC 4791 §5.3.2.1 preconditions, checked in this order, each refused with 403 Forbidden and its CALDAV
/// element in `<D:error>`:
/// 1. `supported-calendar-data`: the Content-Type is text/calendar (or absent).
/// 2. `max-resource-size`: at most `maxResourceSize` octets.
/// 3. `valid-calendar-data`: the body parses as exactly one VCALENDAR; then `supported-calendar-data` again when its
///    VERSION is present and not 2.0 (a missing VERSION is accepted, as lenient parsing accepts it).
/// 4. `valid-calendar-object-resource`: the rules of §4.1 (see `CalendarObjectResourceRules`).
/// 5. `valid-calendar-data`: the date, duration and recurrence values the server has to interpret (DTSTART, DTEND,
///    DUE, DURATION, RECURRENCE-ID, RRULE, RDATE, EXDATE) are valid.
/// 6. `supported-calendar-component`: the component type is in the collection's
///    CALDAV:supported-calendar-component-set (§5.2.3).
///
/// Why 403 everywhere: RFC 4791 §1.3 (after RFC 3253 §1.6) says a violated precondition is answered with 403 when
/// repeating the request will always fail, 409 when the user can resolve a conflict; none of these can be resolved
/// by retrying. Some servers answer a wrong media type with 415, but the precondition element is what clients read,
/// and Apple's CalendarServer (by the RFC's authors) and its test suite use 403 for all of them.
///
/// Parsing is lenient (bare LF, a BOM, lowercase names, missing VERSION or PRODID, unclosed components), because
/// real clients send such data and refusing it loses the user's events; what cannot be read as iCalendar at all is
/// refused. The stored bytes stay exactly as sent.
public struct CalendarObjectValidator: Sendable {
    public var maxResourceSize: Int
    /// The CALDAV:supported-calendar-component-set of the target collection (compared case-insensitively).
    public var supportedComponents: [String]

    public init(maxResourceSize: Int, supportedComponents: [String]) {
        self.maxResourceSize = maxResourceSize
        self.supportedComponents = supportedComponents
    }

    public func validate(data: [UInt8], contentType: String?) throws(DAVError) -> ValidatedCalendarObject {
        try CalendarMediaType.check(contentType)
        guard data.count <= maxResourceSize else {
            throw DAVError.forbidden("the calendar object has \(data.count) octets; this calendar accepts at most \(maxResourceSize)",
                                     condition: XMLName.calDAV.maxResourceSize)
        }
        let result: ParseResult
        do {
            result = try ICalendarParser(options: .lenient).parse(data)
        } catch {
            throw Self.invalidData("the body is not iCalendar data: \(error.description)")
        }
        guard result.components.count == 1, let calendar = result.components.first, calendar.name == .vcalendar else {
            let found = result.components.map(\.name.rawValue).joined(separator: ", ")
            throw Self.invalidData("a calendar object resource is exactly one VCALENDAR; found \(found.isEmpty ? "none" : found)")
        }
        if let version = calendar.property(.version)?.value.trimmingSpaces, version != "2.0" {
            throw DAVError.forbidden("only iCalendar version 2.0 is supported, not VERSION:\(version)",
                                     condition: XMLName.calDAV.supportedCalendarDataCondition)
        }
        let (uid, type) = try CalendarObjectResourceRules.check(calendar)
        try Self.checkValues(of: calendar)
        guard supportedComponents.contains(where: { $0.uppercased() == type }) else {
            let supported = supportedComponents.map { $0.uppercased() }.joined(separator: ", ")
            throw DAVError.forbidden("this calendar stores \(supported), not \(type)",
                                     condition: XMLName.calDAV.supportedCalendarComponent)
        }
        return ValidatedCalendarObject(calendar: calendar, uid: uid, componentType: type, warnings: result.warnings)
    }

    /// The properties whose values decide when an object happens: lenient parsing only warns about them, but the
    /// index and every time-range query depend on reading them.
    static let timingProperties: [PropertyName] = [.dtstart, .dtend, .due, .duration, .recurrenceID, .rrule, .rdate, .exdate]

    static func checkValues(of calendar: Component) throws(DAVError) {
        for component in calendar.components where component.name != .vtimezone {
            for property in component.properties where timingProperties.contains(property.name) {
                do {
                    switch property.name {
                    case .duration: _ = try property.duration()
                    case .rrule: _ = try property.recurrenceRule(tzid: component.property(.dtstart)?.tzid)
                    case .rdate where property.valueType == .period: _ = try property.periods()
                    case .rdate, .exdate: _ = try property.dateTimes()
                    default: _ = try property.dateTime()
                    }
                } catch {
                    throw invalidData("\(component.name.rawValue) \(property.name.rawValue): \(error.message)")
                }
            }
        }
        try checkRecurrenceScales(of: calendar)
    }

    static func invalidData(_ message: String) -> DAVError {
        .forbidden(message, condition: XMLName.calDAV.validCalendarData)
    }
}

extension String {
    /// Without leading and trailing white space (Foundation-free).
    var trimmingSpaces: String {
        var slice = Substring(self)
        while slice.first?.isWhitespace == true { slice = slice.dropFirst() }
        while slice.last?.isWhitespace == true { slice = slice.dropLast() }
        return String(slice)
    }
}
