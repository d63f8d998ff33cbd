import Testing
@testable import ICalendar

/// Values are written as bytes (`Digits.write`), not by string concatenation: the forms RFC 5545 §3.3 gives,
/// zero padding, and years outside four digits.
@Suite struct ValueFormattingTests {
    @Test func dateAndTimeFormsArePaddedToTheirWidths() {
        let early = LocalDateTime(date: CalendarDate(unchecked: 7, 1, 2), time: LocalTime(unchecked: 3, 4, 5))
        #expect(early.icalValue == "00070102T030405")
        #expect(DateTime.utc(early).icalValue == "00070102T030405Z")
        #expect(DateTime.zoned(early, tzid: "Europe/Paris").icalValue == "00070102T030405")
        #expect(DateTime.date(CalendarDate(unchecked: 2026, 12, 31)).icalValue == "20261231")
        #expect(LocalTime(unchecked: 23, 59, 60).icalValue == "235960")
    }

    @Test func numbersWiderThanTheirFieldKeepEveryDigit() {
        #expect(CalendarDate(unchecked: 12345, 6, 7).icalValue == "123450607")
        #expect(CalendarDate(unchecked: -44, 3, 15).icalValue == "-00440315")
        #expect(Digits.pad(0, 2) == "00")
        #expect(Digits.pad(-7, 3) == "-007")
        #expect(Digits.pad(Int.min, 2) == String(Int.min))
    }

    @Test func asciiNamesAreUppercasedByteByByte() {
        #expect(ASCIIBytes.uppercased("x-wr-calname") == "X-WR-CALNAME")
        #expect(ASCIIBytes.uppercased("DTSTART") == "DTSTART")
        #expect(ASCIIBytes.uppercased("x-straße") == "x-straße".uppercased())
        #expect(PropertyName("dtStart") == .dtstart)
    }

    @Test func validatedStringRefusesWhatIsNotUTF8() {
        let cases: [([UInt8], Bool)] = [
            (Array("SUMMARY".utf8), true), (Array("Café".utf8), true), ([0xC0, 0xAF], false), ([0xFF, 0xFE], false),
            ([0xED, 0xA0, 0x80], false),  // a UTF-16 surrogate
        ]
        for (bytes, valid) in cases {
            #expect((bytes.withUnsafeBufferPointer(ASCIIBytes.validatedString) != nil) == valid, "\(bytes)")
        }
    }
}
