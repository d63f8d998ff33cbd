import Foundation
import ICalendar
import ICalendarRecurrence
import Testing
@testable import Calendaring

/// CALDAV:expand written from the stored bytes (`StoredObjectExpansion`, single events and series) gives byte for
/// byte what the tree path gives (`RecurrenceExpansionRenderer` and the serializer), over every fixture object,
/// RFC 4791's Appendix B and generated series like the benchmark's; what it cannot write exactly is left to the tree.
/// Spec: RFC 4791 §9.6.5, §7.8.3.
@Suite struct StoredObjectExpansionTests {
    static let contexts = [
        TimeContext(resolver: testDatabase, floating: FixedOffsetZone.utc),
        TimeContext(resolver: testDatabase, floating: testDatabase.rules(for: "America/New_York")!),
    ]

    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// Every .ics fixture as stored, and each of its objects (one UID, with the calendar's properties and zones) as
    /// the serializer writes it.
    static let fixtureObjects: [(String, [UInt8])] = {
        var objects: [(String, [UInt8])] = []
        let files = FileManager.default.enumerator(at: fixtures, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "ics" && !$0.path.contains("/tls/") }
            .sorted { $0.path < $1.path }
        for file in files {
            guard let data = try? Data(contentsOf: file) else { continue }
            let name = file.lastPathComponent
            objects.append((name, [UInt8](data)))
            guard let calendar = try? ICalendarParser(options: .lenient).parse([UInt8](data)).components.first else { continue }
            let zones = calendar.components(.vtimezone)
            var uids: [String?] = []
            for component in calendar.components where component.name != .vtimezone {
                let uid = component.property(.uid)?.value
                if !uids.contains(uid) { uids.append(uid) }
            }
            for (index, uid) in uids.enumerated() {
                let members = calendar.components.filter { $0.name != .vtimezone && $0.property(.uid)?.value == uid }
                let object = Component(name: .vcalendar, properties: calendar.properties, components: zones + members)
                objects.append(("\(name)#\(index)", ICalendarSerializer().serialize(object)))
            }
        }
        return objects
    }()

    /// Objects shaped like `Benchmarks/server/generate.py --density dense`: zones, all-day events, weekly, daily
    /// and monthly series with COUNT or UNTIL, EXDATEs, a moved instance, attendees, alarms, folded UTF-8 text.
    static let generatedObjects: [(String, [UInt8])] = {
        var rng = SplitMix(seed: 42)
        let zones = ["UTC", "Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Tokyo"]
        var objects: [(String, [UInt8])] = []
        for index in 0..<80 {
            let zone = zones[rng.next(zones.count)]
            let allDay = rng.next(8) == 0
            let day = 14 + rng.next(15)  // days after 1 October 2026: 15 to 29 October
            let hour = 7 + rng.next(12)
            let minute = [0, 15, 30, 45][rng.next(4)]
            func when(_ name: String, _ day: Int, _ hour: Int, _ minute: Int) -> String {
                let date = CalendarDate(year: 2026, month: 10, day: 1)!.adding(days: day)
                let local = LocalDateTime(date: date, time: LocalTime(secondsOfDay: hour * 3_600 + minute * 60))
                if allDay { return "\(name);VALUE=DATE:\(date.icalValue)" }
                if zone == "UTC" { return "\(name):\(local.icalValue)Z" }
                return "\(name);TZID=\(zone):\(local.icalValue)"
            }
            let length = [30, 45, 60, 90, 120][rng.next(5)]
            var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Almanac//Expansion Test//EN", "CALSCALE:GREGORIAN"]
            if zone != "UTC" {
                lines += ["BEGIN:VTIMEZONE", "TZID:\(zone)", "BEGIN:STANDARD", "DTSTART:19700101T000000",
                          "TZOFFSETFROM:+0100", "TZOFFSETTO:+0100", "END:STANDARD", "END:VTIMEZONE"]
            }
            let uid = "gen-\(index)@expansion.test"
            var master = ["BEGIN:VEVENT", "UID:\(uid)", "DTSTAMP:20260101T000000Z", "SEQUENCE:0",
                          "SUMMARY:Planning \(index) \\, Zürich", when("DTSTART", day, hour, minute)]
            master.append(allDay ? when("DTEND", day + 1, 0, 0)
                                 : when("DTEND", day, hour + (minute + length) / 60, (minute + length) % 60))
            master.append("DESCRIPTION:" + String(repeating: "Agenda für die Woche, Punkt für Punkt. ", count: 1 + rng.next(3)))
            var overrides: [[String]] = []
            let recurs = index % 3 != 0
            if recurs {
                let frequency = ["WEEKLY", "WEEKLY", "DAILY", "MONTHLY"][rng.next(4)]
                let step = frequency == "DAILY" ? 1 : 7
                let count = 3 + rng.next(10)
                if rng.next(2) == 0 {
                    master.append("RRULE:FREQ=\(frequency);COUNT=\(count)")
                } else if allDay {
                    master.append("RRULE:FREQ=\(frequency);UNTIL=20261231")
                } else {
                    master.append("RRULE:FREQ=\(frequency);UNTIL=20261215T120000Z")
                }
                if frequency != "MONTHLY" {
                    master.append(when("EXDATE", day + step, hour, minute))
                    if rng.next(2) == 0 {
                        overrides.append(["BEGIN:VEVENT", "UID:\(uid)", "DTSTAMP:20260101T000000Z", "SEQUENCE:1",
                                          "SUMMARY:Planning \(index) (moved)", when("RECURRENCE-ID", day + 2 * step, hour, minute),
                                          when("DTSTART", day + 2 * step, hour + 1, minute),
                                          allDay ? when("DTEND", day + 2 * step + 1, 0, 0)
                                                 : when("DTEND", day + 2 * step, hour + 2, minute), "END:VEVENT"])
                    }
                }
            }
            if rng.next(3) == 0 {
                master += ["ORGANIZER;CN=Ann Lee:mailto:ann@example.com",
                           "ATTENDEE;CN=\"Lee, Bo\";ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=TRUE:mailto:bo@example.com",
                           "ATTENDEE;CN=\"Cy\";PARTSTAT=TENTATIVE:mailto:cy@example.com"]
            }
            if rng.next(2) == 0 {
                master += ["BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-PT15M", "DESCRIPTION:Reminder", "END:VALARM"]
            }
            master.append("END:VEVENT")
            lines += master
            for override in overrides { lines += override }
            lines.append("END:VCALENDAR")
            let text = lines.map(fold).joined(separator: "\r\n") + "\r\n"
            objects.append((uid, Array(text.utf8)))
        }
        return objects
    }()

    /// RFC 5545 §3.1 folding at 75 octets, as clients write it.
    static func fold(_ line: String) -> String {
        let bytes = Array(line.utf8)
        var parts: [String] = []
        var start = 0
        var limit = 75
        while bytes.count - start > limit {
            var cut = start + limit
            while cut > start, bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
            parts.append(String(decoding: bytes[start..<cut], as: UTF8.self))
            start = cut
            limit = 74
        }
        parts.append(String(decoding: bytes[start...], as: UTF8.self))
        return parts.joined(separator: "\r\n ")
    }

    /// Windows around each object's first start: the day, the month, a year, the boundaries exactly, and later
    /// months (instances of a series).
    static func ranges(for data: [UInt8]) -> [TimeRange] {
        guard let calendar = try? ICalendarParser(options: .lenient).parse(data).components.first,
              let start = calendar.components.lazy.compactMap({ try? $0.property(.dtstart)?.dateTime() }).first
        else {
            return [TimeRange(start: utc("20060101T000000Z"), end: utc("20070101T000000Z"))]
        }
        let t = contexts[0].instant(start).secondsSinceEpoch
        let day: Int64 = 86_400
        let windows: [(Int64, Int64)] = [
            (-day, day), (0, 31 * day), (-15 * day, 15 * day), (-400 * day, 400 * day), (0, 1), (-3_600, 0),
            (7 * day - 3_600, 7 * day + 3_600), (14 * day, 45 * day), (40 * day, 70 * day), (-7 * day, 60 * day),
        ]
        return windows.map {
            TimeRange(start: Instant(secondsSinceEpoch: t + $0.0), end: Instant(secondsSinceEpoch: t + $0.1))
        }
    }

    static func treeExpansion(_ data: [UInt8], _ range: TimeRange, _ context: TimeContext) -> [UInt8]? {
        guard let calendar = try? ICalendarParser(options: .storedObject).parse(data).components.first else { return nil }
        return CalendarDataRequest(recurrence: .expand(range)).renderedBytes(calendar: calendar, original: data, context: context)
    }

    /// Compares both paths on every range and context; answers how many expansions the byte path wrote and how
    /// many of them held instances of a series.
    static func compare(_ name: String, _ data: [UInt8]) -> (written: Int, series: Int) {
        var written = 0
        var series = 0
        for context in contexts {
            for range in ranges(for: data) {
                guard let fast = StoredObjectExpansion(range: range, context: context).expand(data) else { continue }
                written += 1
                let tree = treeExpansion(data, range, context)
                #expect(fast == tree, """
                    \(name) \(range)
                    byte path:
                    \(String(decoding: fast, as: UTF8.self))
                    tree:
                    \(String(decoding: tree ?? [], as: UTF8.self))
                    """)
                if String(decoding: fast, as: UTF8.self).contains("RECURRENCE-ID") { series += 1 }
            }
        }
        return (written, series)
    }

    @Test func fixturesComeOutAsTheTreeWritesThem() {
        var written = 0
        var series = 0
        for (name, data) in Self.fixtureObjects {
            let counts = Self.compare(name, data)
            written += counts.written
            series += counts.series
        }
        // Most fixture objects are written from their bytes, series among them.
        #expect(written > 300)
        #expect(series > 20)
    }

    @Test func generatedSeriesComeOutAsTheTreeWritesThem() {
        var written = 0
        var series = 0
        for (name, data) in Self.generatedObjects {
            let counts = Self.compare(name, data)
            written += counts.written
            series += counts.series
        }
        #expect(written == Self.generatedObjects.count * Self.contexts.count * 10)
        #expect(series > 200)
    }

    /// Series written in the less common ways: quoted and lowercase TZID parameters, several EXDATEs on a line,
    /// RDATE, an override with a zoned RECURRENCE-ID and parameters of its own, a THISANDFUTURE override, DURATION,
    /// an all-day series, a cancelled override, a VTIMEZONE with odd lines, a UID after the alarm's properties.
    static let unusualSeries = [
        "BEGIN:VTIMEZONE\nTZID:Europe/Berlin\nX-LIC-LOCATION:Europe/Berlin\nBEGIN:STANDARD\nTZNAME;X-A=\"q\":CET\nEND:STANDARD\nEND:VTIMEZONE\n"
            + "BEGIN:VEVENT\nUID:u1\nDTSTART;TZID=\"Europe/Berlin\":20240110T090000\nDURATION:PT1H\n"
            + "RRULE:FREQ=DAILY;COUNT=10\nEXDATE;TZID=Europe/Berlin:20240111T090000,20240113T090000\n"
            + "RDATE;tzid=Europe/Berlin:20240125T170000\nEND:VEVENT\n"
            + "BEGIN:VEVENT\nUID:u1\nRECURRENCE-ID;TZID=Europe/Berlin;X-KEEP=yes:20240112T090000\n"
            + "DTSTART;TZID=Europe/Berlin:20240112T100000\nDTEND;TZID=America/New_York:20240112T050000\nSTATUS:CANCELLED\nEND:VEVENT",
        "BEGIN:VEVENT\nUID:u2\nDTSTART:20240110T090000Z\nDTEND:20240110T100000Z\nRRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=WE,FR\n"
            + "BEGIN:VALARM\nACTION:DISPLAY\nTRIGGER;VALUE=DATE-TIME:20240101T000000Z\nEND:VALARM\nEND:VEVENT\n"
            + "BEGIN:VEVENT\nUID:u2\nRECURRENCE-ID;RANGE=THISANDFUTURE:20240117T090000Z\nDTSTART:20240117T110000Z\n"
            + "DTEND:20240117T113000Z\nSUMMARY:later\nEND:VEVENT",
        "BEGIN:VEVENT\nUID:u3\nDTSTART;VALUE=DATE:20240110\nRRULE:FREQ=DAILY;UNTIL=20240120\nEXDATE;VALUE=DATE:20240112\nEND:VEVENT\n"
            + "BEGIN:VEVENT\nUID:u3\nRECURRENCE-ID;VALUE=DATE:20240114\nDTSTART;VALUE=DATE:20240115\nEND:VEVENT",
        "BEGIN:VEVENT\nDTSTART;TZID=Asia/Tokyo:20240110T090000\nRRULE:FREQ=DAILY;COUNT=3\nEND:VEVENT",
        "BEGIN:VEVENT\nUID:u5\nDTSTART;TZID=Europe/Berlin:20240110T090000\nEXDATE;TZID=Europe/Berlin:20240110T090000\nEND:VEVENT",
    ]

    @Test(arguments: unusualSeries)
    func unusualSeriesComeOutAsTheTreeWritesThem(_ body: String) {
        let data = calendarBytes(body)
        var written = 0
        for context in Self.contexts {
            for start in stride(from: seconds("20240105T000000Z"), to: seconds("20240130T000000Z"), by: 86_400 * 2) {
                for length: Int64 in [3_600, 86_400 * 3, 86_400 * 30] {
                    let range = TimeRange(start: Instant(secondsSinceEpoch: start), end: Instant(secondsSinceEpoch: start + length))
                    guard let fast = StoredObjectExpansion(range: range, context: context).expand(data) else { continue }
                    written += 1
                    let tree = Self.treeExpansion(data, range, context)
                    #expect(fast == tree, "\(range)\n\(String(decoding: fast, as: UTF8.self))\n\(String(decoding: tree ?? [], as: UTF8.self))")
                }
            }
        }
        #expect(written > 0)
    }

    /// Lines are unfolded as the tree's decoder unfolds them: a byte order mark, bare LF line ends, folds with a
    /// space or a tab, a last line without a line end; a fold inside a UTF-8 sequence (the stored bytes are then not
    /// UTF-8 as they are) is left to the tree.
    @Test func linesAreUnfoldedAsTheDecoderDoes() throws {
        let text = "\u{FEFF}BEGIN:VCALENDAR\nVERSION:2.0\r\nPRODID:-//x//EN\nBEGIN:VEVENT\r\nUID:f\nDTSTART;TZID=Europe/Be\r\n rlin:20240110T090000\n"
            + "RRULE:FREQ=DAILY;COUNT=3\nSUMMARY:Gr\u{00FC}\n\t\u{00DF}e aus M\u{00FC}nchen, und viel Text, der die Zeile l\u{00E4}nger macht als f\u{00FC}nfundsiebzig Bytes\r\n"
            + "END:VEVENT\nEND:VCALENDAR"
        var data = Array(text.utf8)
        let range = TimeRange(start: utc("20240101T000000Z"), end: utc("20240201T000000Z"))
        let fast = try #require(StoredObjectExpansion(range: range, context: Self.contexts[0]).expand(data))
        #expect(fast == Self.treeExpansion(data, range, Self.contexts[0]), "\(String(decoding: fast, as: UTF8.self))")
        // Fold inside the two bytes of "ü".
        let umlaut = try #require(data.firstIndex(of: 0xC3))
        data.insert(contentsOf: [0x0D, 0x0A, 0x20], at: umlaut + 1)
        #expect(StoredObjectExpansion(range: range, context: Self.contexts[0]).expand(data) == nil)
        #expect(Self.treeExpansion(data, range, Self.contexts[0]).map { String(decoding: $0, as: UTF8.self).contains("Grü") } == true)
    }

    /// RFC 4791 §7.8.3 (with erratum 4155): expanding Appendix B's abcd2 from 3 to 5 January 2006.
    @Test func rfc4791ExpandExample() throws {
        let data = try [UInt8](Data(contentsOf: Self.fixtures.appendingPathComponent("caldav/appendix-b/abcd2.ics")))
        let range = TimeRange(start: utc("20060103T000000Z"), end: utc("20060105T000000Z"))
        let fast = try #require(StoredObjectExpansion(range: range, context: Self.contexts[0]).expand(data))
        #expect(fast == Self.treeExpansion(data, range, Self.contexts[0]))
        let expected = try #require(try ICalendarParser().parse(ics("""
            BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:-//Example Corp.//CalDAV Client//EN
            BEGIN:VEVENT
            DTSTAMP:20060206T001121Z
            DTSTART:20060103T170000Z
            DURATION:PT1H
            RECURRENCE-ID:20060103T170000Z
            SUMMARY:Event #2
            UID:00959BC664CA650E933C892C@example.com
            END:VEVENT
            BEGIN:VEVENT
            DTSTAMP:20060206T001121Z
            DTSTART:20060104T190000Z
            DURATION:PT1H
            RECURRENCE-ID:20060104T170000Z
            SUMMARY:Event #2 bis
            UID:00959BC664CA650E933C892C@example.com
            END:VEVENT
            END:VCALENDAR
            """)).components.first)
        let got = try #require(try ICalendarParser().parse(fast).components.first)
        #expect(got.isSemanticallyEqual(to: expected), "\(String(decoding: fast, as: UTF8.self))")
    }

    /// Lines the serializer would write differently are written as it writes them: a quoted value that needs no
    /// quotes, a lowercase parameter name, a caret escape.
    @Test func parametersAreWrittenAsTheSerializerWritesThem() throws {
        let data = calendarBytes("""
            BEGIN:VEVENT\nUID:p\nDTSTAMP:20240101T000000Z\nDTSTART:20240110T140000Z\nRRULE:FREQ=DAILY;COUNT=3
            ATTENDEE;CN="Plain";partstat=ACCEPTED:mailto:a@example.com
            ATTENDEE;CN=Caret^'s:mailto:b@example.com
            ATTENDEE;CN="Doe, Jane";X-A="x:y","plain":mailto:c@example.com
            END:VEVENT
            """)
        let range = TimeRange(start: utc("20240101T000000Z"), end: utc("20240201T000000Z"))
        let fast = try #require(StoredObjectExpansion(range: range, context: Self.contexts[0]).expand(data))
        #expect(fast == Self.treeExpansion(data, range, Self.contexts[0]))
        let text = String(decoding: fast, as: UTF8.self)
        #expect(text.contains("ATTENDEE;CN=Plain;PARTSTAT=ACCEPTED:mailto:a@example.com\r\n"))
        #expect(text.components(separatedBy: "RECURRENCE-ID:").count == 4)
    }

    static let leftToTheTree = [
        // A property after the alarm: the tree writes it before.
        "BEGIN:VEVENT\nUID:a\nDTSTART:20240110T140000Z\nRRULE:FREQ=DAILY;COUNT=3\nBEGIN:VALARM\nACTION:DISPLAY\n"
            + "TRIGGER:-PT5M\nEND:VALARM\nSUMMARY:late\nEND:VEVENT",
        // DTSTART twice.
        "BEGIN:VEVENT\nUID:a\nDTSTART:20240110T140000Z\nDTSTART:20240110T150000Z\nRRULE:FREQ=DAILY;COUNT=3\nEND:VEVENT",
        // No DTSTART.
        "BEGIN:VEVENT\nUID:a\nDTSTAMP:20240101T000000Z\nRRULE:FREQ=DAILY;COUNT=3\nEND:VEVENT",
        // A series and an event with another UID.
        "BEGIN:VEVENT\nUID:a\nDTSTART:20240110T140000Z\nRRULE:FREQ=DAILY;COUNT=3\nEND:VEVENT\n"
            + "BEGIN:VEVENT\nUID:b\nDTSTART:20240110T140000Z\nEND:VEVENT",
        // A zone only the object defines.
        "BEGIN:VTIMEZONE\nTZID:Custom\nBEGIN:STANDARD\nDTSTART:19700101T000000\nTZOFFSETFROM:+0300\nTZOFFSETTO:+0300\n"
            + "END:STANDARD\nEND:VTIMEZONE\nBEGIN:VEVENT\nUID:c\nDTSTART;TZID=Custom:20240110T090000\n"
            + "RRULE:FREQ=DAILY;COUNT=3\nEND:VEVENT",
        // A to-do series.
        "BEGIN:VTODO\nUID:t\nDTSTART:20240110T140000Z\nRRULE:FREQ=DAILY;COUNT=3\nEND:VTODO",
        // A rule that does not read.
        "BEGIN:VEVENT\nUID:a\nDTSTART:20240110T140000Z\nRRULE:FREQ=SOMETIMES\nEND:VEVENT",
        // Mismatched END inside the event.
        "BEGIN:VEVENT\nUID:a\nDTSTART:20240110T140000Z\nRRULE:FREQ=DAILY;COUNT=3\nBEGIN:VALARM\nEND:X-OTHER\nEND:VEVENT",
    ]

    @Test(arguments: leftToTheTree)
    func whatItCannotWriteExactlyGoesToTheTree(_ body: String) {
        let range = TimeRange(start: utc("20240101T000000Z"), end: utc("20240201T000000Z"))
        #expect(StoredObjectExpansion(range: range, context: Self.contexts[0]).expand(calendarBytes(body)) == nil)
    }

    @Test func invalidUTF8GoesToTheTree() {
        var data = calendarBytes("BEGIN:VEVENT\nUID:a\nDTSTART:20240110T140000Z\nSUMMARY:Caf#\nEND:VEVENT")
        data[data.firstIndex(of: UInt8(ascii: "#"))!] = 0xE9
        let range = TimeRange(start: utc("20240101T000000Z"), end: utc("20240201T000000Z"))
        #expect(StoredObjectExpansion(range: range, context: Self.contexts[0]).expand(data) == nil)
    }
}

/// A small deterministic generator (SplitMix64), so the generated objects are the same on every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
