import Testing
@testable import ICalendar

/// Broken input is refused with a code, the line where it starts, the property, and a message saying what to fix.
@Suite struct ParseErrorTests {
    static func error(_ text: String, options: ParseOptions = .strict) -> ICalendarParseError? {
        do {
            _ = try ICalendarParser(options: options).parse(text)
            return nil
        } catch {
            return error
        }
    }

    struct Case: Sendable, CustomStringConvertible {
        let text: String
        let code: ICalendarParseError.Code
        let line: Int?
        let property: String?
        var description: String { "\(code)" }
    }

    static let cases: [Case] = [
        Case(text: "", code: .empty, line: nil, property: nil),
        Case(text: calendar("BEGIN:VEVENT", "UID:1", "DTSTAMP:20240101T000000Z", "DTSTART:2024-01-01", "END:VEVENT"), code: .invalidValue, line: 7, property: "DTSTART"),
        Case(text: calendar("BEGIN:VEVENT", "UID:1", "RRULE:FREQ=DAILY;COUNT=-1", "END:VEVENT"), code: .invalidValue, line: 6, property: "RRULE"),
        Case(text: calendar("BEGIN:VEVENT", "UID:1", "DURATION:1H", "END:VEVENT"), code: .invalidValue, line: 6, property: "DURATION"),
        Case(text: calendar("BEGIN:VEVENT", "UID:1", "DTSTAMP:20240101T000000", "END:VEVENT"), code: .invalidValue, line: 6, property: "DTSTAMP"),
        Case(text: calendar("BEGIN:VEVENT", "UID:1", "PRIORITY:10", "END:VEVENT"), code: .invalidValue, line: 6, property: "PRIORITY"),
        Case(text: calendar("BEGIN:VEVENT", "UID:1", "GEO:91;0", "END:VEVENT"), code: .invalidValue, line: 6, property: "GEO"),
        Case(text: calendar("BEGIN:VEVENT", "UID:1", "SUMMARY no colon", "END:VEVENT"), code: .invalidName, line: 6, property: nil),
        Case(text: calendar("BEGIN:VEVENT", "UID:1", "SUMMARY", "END:VEVENT"), code: .missingColon, line: 6, property: nil),
        Case(text: calendar("BEGIN:VEVENT", "UID:1", "ATTENDEE;CN=\"Jane:mailto:j@example.com", "END:VEVENT"), code: .unterminatedQuote, line: 6, property: nil),
        Case(text: calendar("BEGIN:VEVENT", "UID:1", "ATTENDEE;CN:mailto:j@example.com", "END:VEVENT"), code: .invalidParameter, line: 6, property: nil),
        Case(text: calendar("BEGIN:VEVENT", "UID:1", "END:VTODO"), code: .mismatchedEnd, line: 6, property: nil),
        Case(text: calendar("BEGIN:VEVENT", "UID:1"), code: .mismatchedEnd, line: 6, property: nil),
        Case(text: ics("BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:x"), code: .unclosedComponent, line: 1, property: nil),
        Case(text: ics("END:VCALENDAR"), code: .unexpectedEnd, line: 1, property: nil),
        Case(text: ics("SUMMARY:outside", "BEGIN:VCALENDAR", "END:VCALENDAR"), code: .propertyOutsideComponent, line: 1, property: "SUMMARY"),
        Case(text: ics("BEGIN:VCALENDAR", "PRODID:x", "END:VCALENDAR"), code: .missingRequiredProperty, line: 1, property: "VERSION"),
        Case(text: ics("BEGIN:VCALENDAR", "VERSION:2.0", "END:VCALENDAR"), code: .missingRequiredProperty, line: 1, property: "PRODID"),
        Case(text: "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\nEND:VCALENDAR\n", code: .invalidContentLine, line: 1, property: nil),
        Case(text: calendar("BEGIN:VEVENT", "", "END:VEVENT"), code: .invalidContentLine, line: 5, property: nil),
        Case(text: calendar("BEGIN:VEVENT ", "END:VEVENT"), code: .invalidName, line: 4, property: nil),
    ]

    @Test(arguments: cases)
    func reportsCodeLineAndProperty(_ testCase: Case) throws {
        let error = try #require(Self.error(testCase.text))
        #expect(error.code == testCase.code, "\(error)")
        #expect(error.line == testCase.line, "\(error)")
        #expect(error.property == testCase.property, "\(error)")
        #expect(!error.message.isEmpty)
    }

    @Test func invalidUTF8IsRefusedInStrictMode() throws {
        var bytes = Array(calendar("BEGIN:VEVENT", "UID:1", "SUMMARY:x", "END:VEVENT").utf8)
        let index = bytes.firstIndex(of: UInt8(ascii: "x"))!
        bytes[index] = 0xFF
        #expect(throws: ICalendarParseError(.invalidUTF8, line: 6, property: nil, message: "the value is not valid UTF-8; save the file as UTF-8")) {
            try ICalendarParser().parse(bytes)
        }
        let lenient = try ICalendarParser(options: .lenient).parse(bytes)
        #expect(lenient.warnings.map(\.code) == [.invalidUTF8Replaced])
        #expect(lenient.components[0].components[0].property(.summary)?.value == "\u{FFFD}")
    }

    @Test func nestingDepthIsLimited() {
        let deep = String(repeating: "BEGIN:X\r\n", count: 100)
        #expect(Self.error(deep)?.code == .tooDeep)
    }

    @Test func messagesSayWhatToFix() throws {
        let error = try #require(Self.error(calendar("BEGIN:VEVENT", "UID:1", "DTSTART:2024-01-01", "END:VEVENT")))
        #expect(error.description == "line 6, DTSTART: '2024-01-01' is not a DATE like 19970714 or a DATE-TIME like 19970714T173000Z")
    }

    /// Value checks can be turned off for callers that only need the tree.
    @Test func valueValidationIsOptional() throws {
        let text = calendar("BEGIN:VEVENT", "UID:1", "DTSTART:garbage", "END:VEVENT")
        var options = ParseOptions.strict
        options.validatesValues = false
        #expect(try ICalendarParser(options: options).parse(text).components.count == 1)
    }
}

/// Lenient mode accepts what real producers emit and reports each quirk as a warning.
@Suite struct LenientParsingTests {
    @Test func quirkyProducerFileParsesWithWarnings() throws {
        let bytes = try FixtureLoader.bytes("lenient/quirky-producer.ics")
        #expect(throws: ICalendarParseError.self) { try ICalendarParser(options: .strict).parse(bytes) }
        let result = try ICalendarParser(options: .lenient).parse(bytes)
        let codes = Set(result.warnings.map(\.code))
        #expect(codes.isSuperset(of: [.byteOrderMark, .bareLineFeed, .lowercaseName, .emptyLineSkipped, .trailingWhitespace, .missingVersion, .missingProdID, .invalidValue, .unclosedComponentClosed]))
        let cal = try #require(result.components.first)
        #expect(cal.name == .vcalendar)
        #expect(cal.property(.xWRTimezone)?.value == "America/Chicago")
        let events = cal.components(.vevent)
        #expect(events.count == 2)
        #expect(events[0].property(.dtstart)?.tzid == "Central Standard Time")
        // The bad DTSTART is kept as written, not dropped or invented.
        #expect(events[0].properties(.dtstart).map(\.value) == ["20240110T190000", "not-a-date"])
        let invalid = try #require(result.warnings.first { $0.code == .invalidValue })
        #expect(invalid.line == 11)
        #expect(invalid.property == "DTSTART")
    }

    @Test func lenientModeClosesUnclosedAndSkipsStrayEnds() throws {
        let text = ics("BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:x", "BEGIN:VEVENT", "UID:1", "BEGIN:VALARM", "END:VEVENT", "END:VTODO", "END:VCALENDAR")
        let result = try ICalendarParser(options: .lenient).parse(text)
        #expect(result.components[0].components[0].components.map(\.name) == [.valarm])
        #expect(result.warnings.map(\.code) == [.unclosedComponentClosed, .mismatchedEndAccepted])
    }

    @Test func lenientModeSkipsUnreadableLinesButKeepsTheRest() throws {
        let text = calendar("BEGIN:VEVENT", "UID:1", "this line is garbage", "SUMMARY:kept", "END:VEVENT")
        let result = try ICalendarParser(options: .lenient).parse(text)
        #expect(result.components[0].components[0].property(.summary)?.value == "kept")
        #expect(result.warnings.map(\.code) == [.invalidContentLineSkipped])
        #expect(result.warnings[0].line == 6)
    }

    @Test func trailingBlankLinesAfterTheCalendarAreFine() throws {
        let text = calendar("BEGIN:VEVENT", "UID:1", "END:VEVENT") + "\r\n\r\n"
        #expect(try ICalendarParser(options: .strict).parse(text).warnings.isEmpty)
    }

    @Test func lowercaseNamesReadCaseInsensitively() throws {
        let text = ics("begin:vcalendar", "version:2.0", "prodid:x", "begin:vevent", "uid:1", "dtstart;value=date:20240101", "end:vevent", "end:vcalendar")
        let result = try ICalendarParser(options: .strict).parse(text)
        let event = Event(result.components[0].components[0])
        #expect(event.dtstart == .date(CalendarDate(year: 2024, month: 1, day: 1)!))
        #expect(result.warnings.map(\.code) == [.lowercaseName])
    }
}
