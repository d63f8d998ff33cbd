import ICalendar

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
/// Parsing is lenient, and `CalendarDataPolicy` decides each quirk it reports: structural breakage, invalid UTF-8,
/// unreadable lines and malformed values are refused (with the line and what was wrong); quirks with one obvious
/// meaning (a BOM, bare LF, blank lines, lowercase names, a missing VERSION or PRODID) are repaired, and the object
/// is then stored re-serialised, which must parse in strict mode. Data without quirks is stored exactly as sent.
///
/// `readStored(_:)` reads bytes the server already holds (re-indexing): nothing is refused for a quirk there, because
/// objects stored by earlier versions must keep their index.
public struct CalendarObjectValidator: Sendable {
    public var maxResourceSize: Int
    /// The CALDAV:supported-calendar-component-set of the target collection (compared case-insensitively).
    public var supportedComponents: [String]

    public init(maxResourceSize: Int, supportedComponents: [String]) {
        self.maxResourceSize = maxResourceSize
        self.supportedComponents = supportedComponents
    }

    public func validate(data: [UInt8], contentType: String?) throws(CalendaringError) -> ValidatedCalendarObject {
        try CalendarMediaType.check(contentType)
        guard data.count <= maxResourceSize else {
            throw .refused(.maxResourceSize,
                           reason: "the calendar object has \(data.count) octets; this calendar accepts at most \(maxResourceSize)")
        }
        let (calendar, warnings) = try Self.parse(data)
        if let refused = warnings.first(where: { CalendarDataPolicy.decision(for: $0.code) == .refuse }) {
            throw Self.invalidData(CalendarDataPolicy.describe(refused))
        }
        var validated = try check(calendar)
        let repairs = warnings.filter { CalendarDataPolicy.decision(for: $0.code) == .repair }
        guard !repairs.isEmpty else {
            validated.data = data
            return validated
        }
        validated.calendar = Self.completingRequiredProperties(of: calendar)
        validated.data = ICalendarSerializer().serialize(validated.calendar)
        validated.repairs = repairs
        do {
            _ = try ICalendarParser(options: .strict).parse(validated.data)
        } catch {
            throw Self.invalidData("the data cannot be stored as valid iCalendar: \(error.description)")
        }
        return validated
    }

    /// Reads an object the server already stores (for re-indexing): the same checks as `validate` except that no
    /// quirk is refused or repaired, so objects stored before a stricter policy keep being indexed.
    public func readStored(_ data: [UInt8]) throws(CalendaringError) -> ValidatedCalendarObject {
        var validated = try check(Self.parse(data).calendar)
        validated.data = data
        return validated
    }

    private static func parse(_ data: [UInt8]) throws(CalendaringError) -> (calendar: Component, warnings: [ICalendarWarning]) {
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
        return (calendar, result.warnings)
    }

    /// Steps 3 (VERSION) to 6 on a parsed VCALENDAR.
    private func check(_ calendar: Component) throws(CalendaringError) -> ValidatedCalendarObject {
        if let version = calendar.property(.version)?.value.trimmingSpaces, version != "2.0" {
            throw .refused(.supportedCalendarData, reason: "only iCalendar version 2.0 is supported, not VERSION:\(version)")
        }
        let (uid, type) = try CalendarObjectResourceRules.check(calendar)
        try Self.checkValues(of: calendar)
        guard supportedComponents.contains(where: { $0.uppercased() == type }) else {
            let supported = supportedComponents.map { $0.uppercased() }.joined(separator: ", ")
            throw .refused(.supportedCalendarComponent, reason: "this calendar stores \(supported), not \(type)")
        }
        return ValidatedCalendarObject(calendar: calendar, uid: uid, componentType: type)
    }

    /// RFC 5545 §3.4: VERSION and PRODID are required; a repair adds the ones a producer left out.
    static func completingRequiredProperties(of calendar: Component) -> Component {
        var calendar = calendar
        if calendar.property(.prodid) == nil {
            calendar.properties.insert(Property(name: .prodid, value: FreeBusyQuery.productID), at: 0)
        }
        if calendar.property(.version) == nil { calendar.properties.insert(Property(name: .version, value: "2.0"), at: 0) }
        return calendar
    }

    /// The properties whose values decide when an object happens: lenient parsing only warns about them, but the
    /// index and every time-range query depend on reading them.
    static let timingProperties: [PropertyName] = [.dtstart, .dtend, .due, .duration, .recurrenceID, .rrule, .rdate, .exdate]

    static func checkValues(of calendar: Component) throws(CalendaringError) {
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

    static func invalidData(_ message: String) -> CalendaringError {
        .refused(.validCalendarData, reason: message)
    }
}
