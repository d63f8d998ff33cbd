import Foundation
import ICalendar
import ICalendarRecurrence

// Shared helpers for the time-range, free/busy and availability tests.

/// A UTC instant from `YYYYMMDDTHHMMSSZ` (or `...` without the Z).
func utc(_ text: String) -> Instant {
    guard case .utc(let local) = try! DateTime.parse(text.hasSuffix("Z") ? text : text + "Z") else {
        fatalError("not a UTC DATE-TIME: \(text)")
    }
    return Instant(utc: local)
}

/// A range from two UTC texts; nil is an open end.
func range(_ start: String?, _ end: String?) -> TimeRange {
    TimeRange(start: start.map(utc), end: end.map(utc))
}

/// A zone that moves from +01:00 to +02:00 at 2024-03-31T01:00:00Z, like central Europe: enough DST to show that
/// nominal days follow the wall clock.
struct SpringForwardZone: TimeZoneRules {
    let identifier = "Test/SpringForward"
    static let change = utc("20240331T010000Z")

    func offset(at instant: Instant) -> UTCOffset {
        UTCOffset(seconds: instant < Self.change ? 3600 : 7200)
    }

    func instant(for local: LocalDateTime) -> Instant {
        // Read with the offset before the change first; a wall clock in the gap lands the gap's length later.
        let before = Instant(secondsSinceEpoch: local.secondsSinceEpoch - 3600)
        if before < Self.change { return before }
        return Instant(secondsSinceEpoch: local.secondsSinceEpoch - 7200)
    }
}

/// A resolver over a fixed table of zones.
struct TestResolver: TimeZoneResolving {
    var zones: [String: any TimeZoneRules]

    func rules(for tzid: String) -> (any TimeZoneRules)? { zones[tzid] }

    static let standard = TestResolver(zones: [
        "US/Eastern": FixedOffsetZone(identifier: "US/Eastern", offset: UTCOffset(seconds: -5 * 3600)),  // January
        "Test/Plus2": FixedOffsetZone(identifier: "Test/Plus2", offset: UTCOffset(seconds: 2 * 3600)),
        "Test/SpringForward": SpringForwardZone(),
    ])
}

extension TimeContext {
    /// The standard test resolver with UTC (or the given zone) as the floating zone.
    static func test(floating: any TimeZoneRules = FixedOffsetZone.utc) -> TimeContext {
        TimeContext(resolver: TestResolver.standard, floating: floating)
    }
}

/// Parses the body of one component (`BEGIN:VEVENT ... END:VEVENT`) written with LF line ends.
func component(_ body: String) -> Component {
    let calendar = parseCalendar("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Almanac//Tests//EN\n\(body)\nEND:VCALENDAR\n")
    return calendar.components[0]
}

/// A component of the given name holding the given content lines (and a UID).
func component(_ name: ComponentName, _ lines: [String]) -> Component {
    component((["BEGIN:\(name)", "UID:test"] + lines + ["END:\(name)"]).joined(separator: "\n"))
}

/// A VEVENT with the given content lines.
func event(_ lines: String...) -> Component { event(lines) }

func event(_ lines: [String]) -> Component {
    component((["BEGIN:VEVENT", "UID:test"] + lines + ["END:VEVENT"]).joined(separator: "\n"))
}

func todo(_ lines: String...) -> Component {
    component((["BEGIN:VTODO", "UID:test"] + lines + ["END:VTODO"]).joined(separator: "\n"))
}

func parseCalendar(_ text: String) -> Component {
    let crlf = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
    do {
        return try Component(parsing: crlf, options: .lenient)
    } catch {
        fatalError("test input does not parse: \(error)")
    }
}

/// A calendar from `Fixtures/<path>`.
func fixture(_ path: String) -> Component {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let url = root.appendingPathComponent("Fixtures").appendingPathComponent(path)
    guard let text = try? String(contentsOf: url, encoding: .utf8) else { fatalError("missing fixture \(url.path)") }
    return parseCalendar(text)
}

/// The calendar-object components of a calendar (VTIMEZONE left out).
func objects(_ calendar: Component) -> [Component] {
    calendar.components.filter { $0.name != .vtimezone }
}

/// `TYPE start/end` strings, the easiest form to compare and to read in a failure.
func describe(_ periods: [FreeBusyPeriod]) -> [String] {
    periods.map(\.description)
}
