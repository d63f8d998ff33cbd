import Testing
@testable import ICalendar

@Test func recurrenceSmoke() throws {
    let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART:20240101T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    let cal = try Component(parsing: text)
    #expect(cal.components.first?.property(.uid)?.value == "1")
    #expect(cal.serialized == text)
}
