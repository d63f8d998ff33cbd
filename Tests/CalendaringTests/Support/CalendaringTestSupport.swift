import Foundation
import ICalendar
import ICalendarRecurrence

// Shared helpers of the Calendaring tests: the tz database, instants and calendar text.

/// One tz database for every test (it caches the zones it loads).
let testDatabase = TimeZoneDatabase()

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
