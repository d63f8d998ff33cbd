import CalendarStore
import Calendaring
import ICalendar
import ICalendarRecurrence
import Testing

/// The searchable text of an object (RFC 4791 §9.7.5 text-match on SUMMARY, DESCRIPTION, LOCATION, ATTENDEE).
@Suite struct IndexedTextTests {
    let indexer = ObjectIndexer(horizon: seconds("20300101T000000Z"), floatingZone: FixedOffsetZone.utc, database: testDatabase)
    let validator = CalendarObjectValidator(maxResourceSize: 1 << 20, supportedComponents: ["VEVENT", "VTODO"])

    func text(_ body: String) throws -> IndexedText {
        indexer.index(try validator.validate(data: calendarBytes(body), contentType: nil)).text
    }

    /// Every member (master and overrides) contributes, TEXT values unescaped, each distinct value once.
    @Test func valuesOfEveryMember() throws {
        let text = try text("""
            BEGIN:VEVENT\nUID:a\nDTSTART:20240102T100000Z\nRRULE:FREQ=DAILY;COUNT=3\nSUMMARY:Team sync\\, weekly\nDESCRIPTION:Line one\\nLine two
            LOCATION:Room 1\nATTENDEE;CN="Alice Liddell":mailto:alice@example.com\nATTENDEE:mailto:bob@example.com
            BEGIN:VALARM\nACTION:DISPLAY\nDESCRIPTION:Reminder\nTRIGGER:-PT5M\nEND:VALARM\nEND:VEVENT
            BEGIN:VEVENT\nUID:a\nRECURRENCE-ID:20240103T100000Z\nDTSTART:20240103T120000Z\nSUMMARY:Team sync (moved)
            LOCATION:Room 1\nEND:VEVENT
            """)
        #expect(text.summary == "Team sync, weekly\nTeam sync (moved)")
        #expect(text.description == "Line one\nLine two")
        #expect(text.location == "Room 1")
        #expect(text.attendees == "mailto:alice@example.com\nAlice Liddell\nmailto:bob@example.com")
    }

    @Test func objectWithoutTextHasEmptyFields() throws {
        #expect(try text("BEGIN:VTODO\nUID:t\nEND:VTODO") == IndexedText())
    }

    /// i;unicode-casemap compares decomposed, case-folded strings (RFC 5051), so an ASCII needle can match
    /// ligatures, full-width letters and "ß". Whatever it matches, the store's ASCII case-insensitive substring test
    /// on the indexed text must find too (compared here on Unicode scalars, as a store does).
    @Test(arguments: ["ﬁnance review", "ＡＢＣ meeting", "Straße", "İstanbul trip", "Kelvin \u{212A}", "ǰob", "Café"])
    func unicodeCasemapMatchesAreIndexed(value: String) throws {
        let text = try text("BEGIN:VEVENT\nUID:u\nDTSTART:20240102T100000Z\nSUMMARY:\(value)\nEND:VEVENT").summary
        for needle in ["fi", "abc", "ss", "strasse", "i", "k", "j", "cafe", "caf", "e"] {
            guard TextCollation.unicodeCasemap.contains(value, needle) else { continue }
            #expect(asciiInsensitiveContains(text, needle), "\(value) / \(needle)")
        }
    }

    private func asciiInsensitiveContains(_ haystack: String, _ needle: String) -> Bool {
        let fold = { (scalar: Unicode.Scalar) -> UInt32 in (65...90).contains(scalar.value) ? scalar.value + 32 : scalar.value }
        let h = haystack.unicodeScalars.map(fold), n = needle.unicodeScalars.map(fold)
        guard n.count <= h.count else { return false }
        return (0...(h.count - n.count)).contains { Array(h[$0..<($0 + n.count)]) == n }
    }
}
