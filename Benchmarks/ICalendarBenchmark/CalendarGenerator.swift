import ICalendar

/// Writes a deterministic calendar that looks like a real one: mostly single events, about 10% recurring series
/// (with EXDATEs and overridden instances), all-day events, several time zones with VTIMEZONE, attendees and alarms.
/// The same `count` and `seed` always give the same bytes, so runs and peers are comparable.
struct CalendarGenerator {
    let count: Int
    var seed: UInt64 = 42

    private static let zones: [(tzid: String, block: String)] = [
        ("Europe/Berlin", """
        BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\n\
        DTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\nBEGIN:STANDARD\r\n\
        TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nDTSTART:19701025T030000\r\n\
        RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n
        """),
        ("America/New_York", """
        BEGIN:VTIMEZONE\r\nTZID:America/New_York\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\n\
        TZNAME:EDT\r\nDTSTART:20070311T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\nEND:DAYLIGHT\r\n\
        BEGIN:STANDARD\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nTZNAME:EST\r\nDTSTART:20071104T020000\r\n\
        RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n
        """),
        ("Asia/Tokyo", """
        BEGIN:VTIMEZONE\r\nTZID:Asia/Tokyo\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:+0900\r\nTZOFFSETTO:+0900\r\n\
        TZNAME:JST\r\nDTSTART:19700101T000000\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n
        """),
    ]

    private static let words = [
        "Planning", "Review", "Lunch", "Sync", "Dentist", "Yoga", "Budget", "Design", "Interview", "Retro", "Call",
        "Workshop", "Standup", "Dinner", "Flight", "Training", "Offsite", "Demo", "Onboarding", "Check-in",
    ]

    /// The calendar as CRLF iCalendar text.
    func generate() -> String {
        var rng = SplitMix(seed: seed)
        var out = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Almanac//Benchmark Generator//EN\r\nCALSCALE:GREGORIAN\r\n"
        for zone in Self.zones { out += zone.block }
        for index in 0..<count {
            out += event(index, &rng)
        }
        out += "END:VCALENDAR\r\n"
        return out
    }

    private func event(_ index: Int, _ rng: inout SplitMix) -> String {
        let uid = "event-\(index)@bench.almanac.invalid"
        // Spread over 2024-01-01 ... 2026-12-31, business hours.
        var day = CalendarDate(dayNumber: 19_723 + Int(rng.next() % 1096))
        let hour = 8 + Int(rng.next() % 10)
        let minute = [0, 15, 30, 45][Int(rng.next() % 4)]
        let zone = Self.zones[Int(rng.next() % UInt64(Self.zones.count))].tzid
        let title = Self.words[Int(rng.next() % UInt64(Self.words.count))] + " " + Self.words[Int(rng.next() % UInt64(Self.words.count))]
        let kind = index % 20
        if kind == 17, day.weekday == .sunday || day.weekday == .saturday { day = CalendarDate(dayNumber: day.dayNumber + (day.weekday == .sunday ? 1 : 2)) }
        var e = "BEGIN:VEVENT\r\nUID:\(uid)\r\nDTSTAMP:20240101T000000Z\r\nCREATED:20231215T120000Z\r\n"
        e += "LAST-MODIFIED:20231215T120000Z\r\nSEQUENCE:0\r\n"
        e += "SUMMARY:\(title) #\(index)\r\n"
        if kind == 3 {
            // All-day event.
            e += "DTSTART;VALUE=DATE:\(day.icalValue)\r\nDTEND;VALUE=DATE:\(CalendarDate(dayNumber: day.dayNumber + 1).icalValue)\r\nTRANSP:TRANSPARENT\r\n"
        } else {
            let start = "\(day.icalValue)T\(pad(hour))\(pad(minute))00"
            let endHour = hour + 1
            e += "DTSTART;TZID=\(zone):\(start)\r\nDTEND;TZID=\(zone):\(day.icalValue)T\(pad(endHour))\(pad(minute))00\r\n"
            if kind == 7 || kind == 17 {
                // About 10% recurring: weekly or daily-on-weekdays, with EXDATEs. DTSTART is always an instance of
                // its rule: RFC 5545 §3.8.5.3 leaves the set undefined otherwise, and peers really do differ there.
                if kind == 7 {
                    e += "RRULE:FREQ=WEEKLY;BYDAY=\(day.weekday.icalName);COUNT=52\r\n"
                } else {
                    e += "RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;UNTIL=\(CalendarDate(dayNumber: day.dayNumber + 180).icalValue)T235959Z\r\n"
                }
                e += "EXDATE;TZID=\(zone):\(CalendarDate(dayNumber: day.dayNumber + 14).icalValue)T\(pad(hour))\(pad(minute))00\r\n"
            }
            e += "LOCATION:Room \(100 + Int(rng.next() % 400))\\, Building \(["A", "B", "C"][Int(rng.next() % 3)])\r\n"
            e += "DESCRIPTION:Agenda for \(title.lowercased()):\\n1. Status\\n2. Risks\\; blockers\\n3. Next steps — "
            e += "notes in the shared folder. Längere Beschreibung mit Umlauten und einem Zeilenumbruch, damit gefaltet wird.\r\n"
            if kind % 2 == 0 {
                e += "ORGANIZER;CN=Organizer \(index % 50):mailto:org\(index % 50)@example.com\r\n"
                for a in 0..<(1 + Int(rng.next() % 4)) {
                    e += "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=\(["ACCEPTED", "NEEDS-ACTION", "TENTATIVE"][a % 3]);RSVP=TRUE;CN=Person \(a):mailto:person\(a)-\(index % 97)@example.com\r\n"
                }
            }
            if kind % 5 == 0 {
                e += "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Reminder\r\nTRIGGER:-PT15M\r\nEND:VALARM\r\n"
            }
        }
        e += "END:VEVENT\r\n"
        if kind == 7 {
            // One overridden instance of the weekly series, a week later than DTSTART, moved by an hour.
            let recurrence = CalendarDate(dayNumber: day.dayNumber + 7)
            e += "BEGIN:VEVENT\r\nUID:\(uid)\r\nDTSTAMP:20240101T000000Z\r\n"
            e += "RECURRENCE-ID;TZID=\(zone):\(recurrence.icalValue)T\(pad(hour))\(pad(minute))00\r\n"
            e += "DTSTART;TZID=\(zone):\(recurrence.icalValue)T\(pad(hour + 1))\(pad(minute))00\r\n"
            e += "DTEND;TZID=\(zone):\(recurrence.icalValue)T\(pad(hour + 2))\(pad(minute))00\r\n"
            e += "SUMMARY:\(title) #\(index) (moved)\r\nEND:VEVENT\r\n"
        }
        return e
    }

    private func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}

struct SplitMix {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
