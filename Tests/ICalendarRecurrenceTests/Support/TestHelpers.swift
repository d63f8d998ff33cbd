import ICalendar

@testable import ICalendarRecurrence

/// Parses an RRULE (test input only).
func rule(_ text: String, tzid: String? = nil) -> RecurrenceRule {
    try! RecurrenceRule.parse(text, tzid: tzid)
}

/// The first `limit` instances of a rule, as `YYYYMMDDTHHMMSS` strings.
func instances(_ ruleText: String, from start: String, limit: Int = 1000, limits: ExpansionLimits = .default) -> [String] {
    var iterator = RuleIterator(rule: rule(ruleText), dtstart: local(start), limits: limits)
    var result: [String] = []
    while result.count < limit, let next = iterator.next() { result.append(next.icalValue) }
    return result
}

/// Parses `YYYYMMDDTHHMMSSZ` as an instant (test input only).
func instant(_ text: String) -> Instant {
    guard case .utc(let value) = try! DateTime.parse(text) else { fatalError("not a UTC DATE-TIME: \(text)") }
    return Instant(utc: value)
}

/// The VEVENT/VTODO/VJOURNAL components of a calendar written as content lines (LF line ends are fine here).
func components(_ body: String) -> [Component] {
    let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Almanac//Tests//EN\r\n"
        + body.split(separator: "\n").map { $0.trimmingPrefix(while: { $0 == " " }) }.joined(separator: "\r\n")
        + "\r\nEND:VCALENDAR\r\n"
    do {
        return try Component(parsing: text).components
    } catch {
        fatalError("test calendar does not parse: \(error)\n\(text)")
    }
}

extension Substring {
    func trimmingPrefix(while predicate: (Character) -> Bool) -> Substring {
        var copy = self
        while let first = copy.first, predicate(first) { copy.removeFirst() }
        return copy
    }
}

let eastern: String = "America/New_York"
