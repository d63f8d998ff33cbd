import Testing
@testable import ICalendar

/// Real-world exports (Google, Outlook, Apple, Thunderbird, RFC 7986/7953 features) must survive a round trip:
/// parse → serialize → parse gives the same tree, and serialization is a fixed point after the first pass.
@Suite struct CorpusRoundTripTests {
    static let corpus = FixtureLoader.files(in: "corpus", ext: "ics")

    @Test func corpusIsPresent() {
        #expect(Self.corpus.count >= 5)
    }

    @Test(arguments: corpus)
    func roundTripsLosslessly(_ path: String) throws {
        let bytes = try FixtureLoader.bytes(path)
        let parsed = try ICalendarParser(options: .strict).parse(bytes)
        #expect(parsed.warnings.isEmpty, "\(parsed.warnings)")
        let tree = try #require(parsed.components.first)
        let once = ICalendarSerializer().serialize(tree)
        let reparsed = try ICalendarParser(options: .strict).parseCalendar(once)
        #expect(reparsed == tree)
        #expect(ICalendarSerializer().serialize(reparsed) == once)
        #expect(reparsed.isSemanticallyEqual(to: tree))
    }

    @Test(arguments: corpus)
    func serializedLinesFitIn75Octets(_ path: String) throws {
        let tree = try ICalendarParser().parseCalendar(try FixtureLoader.bytes(path))
        let out = ICalendarSerializer().serialize(tree)
        var lineLength = 0
        var index = 0
        while index < out.count {
            if out[index] == 0x0D {
                #expect(index + 1 < out.count && out[index + 1] == 0x0A, "CR must be followed by LF")
                #expect(lineLength <= 75)
                lineLength = 0
                index += 2
                continue
            }
            #expect(out[index] != 0x0A, "bare LF in output")
            lineLength += 1
            index += 1
        }
        #expect(String(validating: out, as: UTF8.self) != nil)
    }

    @Test func unknownPropertiesParametersAndComponentsSurvive() throws {
        let tree = try ICalendarParser().parseCalendar(try FixtureLoader.bytes("corpus/rfc7986-and-availability.ics"))
        let event = try #require(tree.components(.vevent).first)
        let unknown = try #require(event.property("X-UNKNOWN-PROP"))
        #expect(unknown.parameter("X-PARAM")?.values == ["a:b"])
        #expect(unknown.parameter("X-OTHER")?.values == ["one", "two"])
        #expect(unknown.value == "some value")
        let widget = try #require(tree.components("X-VENDOR-WIDGET").first)
        #expect(widget.components("X-VENDOR-PART").first?.property("X-SIZE")?.value == "3")
        let out = tree.serialized
        #expect(out.contains("X-UNKNOWN-PROP;X-PARAM=\"a:b\";X-OTHER=one,two:some value\r\n"))
        #expect(out.contains("BEGIN:X-VENDOR-WIDGET\r\n"))
    }

    @Test func googleExportReadsAsExpected() throws {
        let tree = try ICalendarParser().parseCalendar(try FixtureLoader.bytes("corpus/google-calendar-export.ics"))
        #expect(tree.property(.xWRTimezone)?.value == "Europe/Berlin")
        let events = tree.components(.vevent).map(Event.init)
        #expect(events.count == 4)
        let master = events[0]
        #expect(master.isRecurring)
        #expect(master.exceptionDates.count == 3)
        #expect(master.attendees.count == 2)
        #expect(master.attendees[0][parameter: .cn] == "Ana Müller")
        #expect(master.description?.hasPrefix("Daily stand-up.\n\nJoin with Google Meet: https://meet.google.com/abc-defg-hij\n") == true)
        #expect(events[1].recurrenceID == .zoned(LocalDateTime(year: 2024, month: 1, day: 17, hour: 9, minute: 30)!, tzid: "Europe/Berlin"))
        #expect(events[2].isAllDay && events[2].isTransparent)
        #expect(events[2].summary == "Pfingstmontag 🎉")
        #expect(events[3].location == "東京オフィス, 会議室A")
        #expect(events[3].summary == "Quarterly review; budget, hiring")
        #expect(events[3].description == "日本語の説明文です。長い行は七十五オクテットで折り返されますが、UTF-8の文字の途中では折り返されません。")
    }

    @Test func outlookQuotedParametersAndLongUID() throws {
        let tree = try ICalendarParser().parseCalendar(try FixtureLoader.bytes("corpus/outlook-export.ics"))
        let event = Event(try #require(tree.components(.vevent).first))
        #expect(event.attendees.map { $0[parameter: .cn] } == ["Carol O'Neil", "Dave, Jr."])
        #expect(event.dtstart == .zoned(LocalDateTime(year: 2024, month: 3, day: 12, hour: 10, minute: 30)!, tzid: "Eastern Standard Time"))
        #expect(event.uid == "040000008200E00074C5B7101A82E00800000000A0E1D2C3B4A5DA010000000000000000100000001A2B3C4D5E6F708192A3B4C5D6E7F80")
        #expect(event.component.property("X-ALT-DESC")?[parameter: .fmttype] == "text/html")
        #expect(tree.serialized.contains("ATTENDEE;CN=\"Dave, Jr.\";ROLE=OPT-PARTICIPANT"))
    }

    @Test func appleAlarmsAndStructuredLocation() throws {
        let tree = try ICalendarParser().parseCalendar(try FixtureLoader.bytes("corpus/apple-calendar-export.ics"))
        let event = Event(try #require(tree.components(.vevent).first))
        #expect(event.alarms.count == 2)
        #expect(event.alarms[0].trigger == .relative(CalendarDuration(isNegative: true, minutes: 30), toEnd: false))
        #expect(event.alarms[1].trigger == .absolute(.utc(LocalDateTime(year: 1976, month: 4, day: 1, hour: 0, minute: 55, second: 45)!)))
        let structured = try #require(event.component.property("X-APPLE-STRUCTURED-LOCATION"))
        #expect(structured[parameter: "X-ADDRESS"] == "1 Ferry Building, San Francisco CA 94111, United States")
        #expect(structured.value == "geo:37.795580,-122.393410")
        let todo = Todo(try #require(tree.components(.vtodo).first))
        #expect(todo.due == .date(CalendarDate(year: 2024, month: 7, day: 1)!))
        #expect(todo.priority == 1)
    }
}
