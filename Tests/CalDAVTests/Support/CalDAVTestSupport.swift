import CalDAV
import CalendarStore
import Calendaring
import DAVXML
import Foundation
import ICalendar
import ICalendarRecurrence
import WebDAV

// Shared helpers of the CalDAV engine tests: fixtures, instants, XML trees built by hand (no parser needed).

/// One tz database for every test (it caches the zones it loads).
let testDatabase = TimeZoneDatabase()

/// The root of the package, found from this file.
let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The bytes of `Fixtures/<path>`.
func fixtureBytes(_ path: String) -> [UInt8] {
    let url = packageRoot.appendingPathComponent("Fixtures").appendingPathComponent(path)
    guard let data = try? Data(contentsOf: url) else { fatalError("missing fixture \(url.path)") }
    return [UInt8](data)
}

/// The RFC 4791 Appendix B objects, by resource name (`abcd1` ... `abcd8`).
let appendixBNames = (1...8).map { "abcd\($0)" }

func appendixB(_ name: String) -> [UInt8] { fixtureBytes("caldav/appendix-b/\(name).ics") }

func appendixBCalendar(_ name: String) -> Component { parse(appendixB(name)) }

func parse(_ bytes: [UInt8]) -> Component {
    do { return try ICalendarParser(options: .lenient).parseCalendar(bytes) } catch { fatalError("fixture does not parse: \(error)") }
}

/// iCalendar text written with LF line ends, as bytes with CRLF.
func ics(_ text: String) -> [UInt8] {
    Array(text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n").utf8)
}

/// A VCALENDAR around `body` (content lines separated by LF).
func calendarBytes(_ body: String) -> [UInt8] {
    ics("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Almanac//Tests//EN\n\(body)\nEND:VCALENDAR\n")
}

/// A UTC instant from `YYYYMMDDTHHMMSSZ`.
func utc(_ text: String) -> Instant {
    guard case .utc(let local) = try! DateTime.parse(text) else { fatalError("not UTC: \(text)") }
    return Instant(utc: local)
}

func seconds(_ text: String) -> Int64 { utc(text).secondsSinceEpoch }

/// The context of a calendar without calendar-timezone: UTC for floating times, the system tz database for TZIDs.
let utcContext = CalendarZone(database: testDatabase).timeContext

// MARK: XML trees

/// Builds a CALDAV-namespace element: `C.el("comp-filter", ["name": "VEVENT"], children...)`.
enum C {
    static func el(_ local: String, _ attributes: KeyValuePairs<String, String> = [:], _ children: XMLElement...) -> XMLElement {
        XMLElement(XMLName(XMLNamespace.calDAV, local), attributes: attributes.map { XMLAttribute($0.key, $0.value) }, elements: children)
    }

    static func text(_ local: String, _ attributes: KeyValuePairs<String, String> = [:], _ text: String) -> XMLElement {
        XMLElement(XMLName(XMLNamespace.calDAV, local), attributes: attributes.map { XMLAttribute($0.key, $0.value) }, text: text)
    }

    static func filter(_ children: XMLElement...) -> XMLElement {
        XMLElement(XMLName.calDAV.filter, elements: children)
    }

    static func comp(_ name: String, _ children: XMLElement...) -> XMLElement {
        XMLElement(XMLName.calDAV.compFilter, attributes: [XMLAttribute("name", name)], elements: children)
    }

    static func prop(_ name: String, _ children: XMLElement...) -> XMLElement {
        XMLElement(XMLName.calDAV.propFilter, attributes: [XMLAttribute("name", name)], elements: children)
    }

    static func timeRange(_ start: String?, _ end: String?) -> XMLElement {
        var attributes: [XMLAttribute] = []
        if let start { attributes.append(XMLAttribute("start", start)) }
        if let end { attributes.append(XMLAttribute("end", end)) }
        return XMLElement(XMLName.calDAV.timeRange, attributes: attributes)
    }

    static let isNotDefined = XMLElement(XMLName.calDAV.isNotDefined)
}

extension DAVError {
    /// `403 {urn:ietf:params:xml:ns:caldav}valid-filter`, for readable expectations.
    var summary: String { "\(status) \(condition?.local ?? "-")" }
}

/// The summary of the DAVError a throwing call raises, or "no error".
func davError<T>(_ body: () throws(DAVError) -> T) -> String {
    do {
        _ = try body()
        return "no error"
    } catch {
        return error.summary
    }
}

/// The summary of the DAVError the CalDAV door answers for what a throwing Calendaring call raises, or "no error".
func davError<T>(_ body: () throws(CalendaringError) -> T) -> String {
    davError { () throws(DAVError) -> T in
        do throws(CalendaringError) {
            return try body()
        } catch {
            throw error.davError
        }
    }
}

/// Whether the exact RFC 4791 §9.9 test (a calendar-query on the object's type with a time-range) accepts an object
/// for a window.
func exactMatch(_ object: ValidatedCalendarObject, window: TimeWindow, context: TimeContext = utcContext) -> Bool {
    let start = window.start.map { Instant(secondsSinceEpoch: $0).description }
    let end = window.end.map { Instant(secondsSinceEpoch: $0).description }
    let element = C.filter(C.comp("VCALENDAR", C.comp(object.componentType, C.timeRange(start, end))))
    guard let filter = try? CalendarFilter.parse(element) else { fatalError("test filter does not parse") }
    return filter.matches(object.calendar, context: context)
}
