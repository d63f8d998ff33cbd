import CalDAV
import Calendaring
import ICalendar
import ICalendarRecurrence
import Testing
import WebDAV

/// RFC 4791 §5.2.2 calendar-timezone: reading it for floating times, and checking it when it is set.
@Suite struct CalendarZoneTests {
    /// The VTIMEZONE of RFC 4791 Appendix B (US/Eastern as of 2006), as a calendar-timezone value.
    static let newYork = """
        BEGIN:VCALENDAR\r
        VERSION:2.0\r
        PRODID:-//Example Corp.//CalDAV Client//EN\r
        BEGIN:VTIMEZONE\r
        TZID:US/Eastern\r
        BEGIN:DAYLIGHT\r
        DTSTART:20000404T020000\r
        RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=4\r
        TZNAME:EDT\r
        TZOFFSETFROM:-0500\r
        TZOFFSETTO:-0400\r
        END:DAYLIGHT\r
        BEGIN:STANDARD\r
        DTSTART:20001026T020000\r
        RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r
        TZNAME:EST\r
        TZOFFSETFROM:-0400\r
        TZOFFSETTO:-0500\r
        END:STANDARD\r
        END:VTIMEZONE\r
        END:VCALENDAR\r

        """

    /// A zone the tz database does not know, defined only by its VTIMEZONE (+03:00 all year).
    static let custom = """
        BEGIN:VCALENDAR
        BEGIN:VTIMEZONE
        TZID:Almanac Test Standard Time
        BEGIN:STANDARD
        DTSTART:19700101T000000
        TZOFFSETFROM:+0300
        TZOFFSETTO:+0300
        END:STANDARD
        END:VTIMEZONE
        END:VCALENDAR

        """

    @Test func emptyMeansUTC() {
        for text in [nil, "", "  \n"] {
            let zone = CalendarZone(calendarTimeZone: text, database: testDatabase)
            #expect(zone.floatingZone.offset(at: utc("20060104T000000Z")).seconds == 0)
        }
    }

    @Test func ianaZoneFromTheDatabase() {
        let zone = CalendarZone(calendarTimeZone: Self.newYork, database: testDatabase)
        #expect(zone.floatingZone.identifier == "US/Eastern" || zone.floatingZone.identifier == "America/New_York")
        #expect(zone.floatingZone.offset(at: utc("20060104T000000Z")).seconds == -5 * 3600)
        #expect(zone.floatingZone.offset(at: utc("20060704T000000Z")).seconds == -4 * 3600)
        let midnight = zone.timeContext.instant(.date(CalendarDate(year: 2006, month: 1, day: 4)!))
        #expect(midnight == utc("20060104T050000Z"))
    }

    /// RFC 7809 timezone-id: a name the tz database knows, or nothing.
    @Test func timeZoneID() {
        #expect(CalendarZone(timeZoneID: "Europe/Berlin", database: testDatabase)?.floatingZone.offset(at: utc("20240101T000000Z")).seconds == 3600)
        #expect(CalendarZone(timeZoneID: "Nowhere/Special", database: testDatabase) == nil)
    }

    @Test func customZoneFromItsVTIMEZONE() {
        let zone = CalendarZone(calendarTimeZone: Self.custom, database: testDatabase)
        #expect(zone.floatingZone.offset(at: utc("20240101T000000Z")).seconds == 3 * 3600)
    }

    /// An object's own VTIMEZONE resolves a TZID the database does not know.
    @Test func objectZonesAreAdded() throws {
        let calendar = parse(ics(Self.custom.replacingOccurrences(of: "END:VCALENDAR", with: """
            BEGIN:VEVENT
            UID:c
            DTSTART;TZID=Almanac Test Standard Time:20240101T120000
            END:VEVENT
            END:VCALENDAR
            """)))
        let context = utcContext.resolving(embeddedZonesOf: calendar)
        let start = try calendar.components(.vevent)[0].property(.dtstart)!.dateTime()
        #expect(context.instant(start) == utc("20240101T090000Z"))
        #expect(utcContext.instant(start) == utc("20240101T120000Z"))  // unknown without the object: floating (UTC)
    }

    /// RFC 4791 §5.2.2: exactly one VTIMEZONE in a VCALENDAR, else 403 valid-calendar-data.
    @Test func validation() {
        #expect(davError { () throws(CalendaringError) in try CalendarTimezoneProperty.validate(Self.newYork, database: testDatabase) } == "no error")
        #expect(davError { () throws(CalendaringError) in try CalendarTimezoneProperty.validate(Self.custom) } == "no error")
        #expect(davError { () throws(CalendaringError) in try CalendarTimezoneProperty.validate("") } == "no error")
        let invalid = "403 valid-calendar-data"
        #expect(davError { () throws(CalendaringError) in try CalendarTimezoneProperty.validate("Europe/Berlin") } == invalid)
        #expect(davError { () throws(CalendaringError) in try CalendarTimezoneProperty.validate("BEGIN:VCALENDAR\nEND:VCALENDAR\n") } == invalid)
        let two = Self.custom.replacingOccurrences(of: "END:VCALENDAR", with: "BEGIN:VTIMEZONE\nTZID:B\nBEGIN:STANDARD\nDTSTART:19700101T000000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0100\nEND:STANDARD\nEND:VTIMEZONE\nEND:VCALENDAR")
        #expect(davError { () throws(CalendaringError) in try CalendarTimezoneProperty.validate(two) } == invalid)
        #expect(davError { () throws(CalendaringError) in try CalendarTimezoneProperty.validate("BEGIN:VCALENDAR\nBEGIN:VTIMEZONE\nTZID:Nowhere\nEND:VTIMEZONE\nEND:VCALENDAR\n") } == invalid)
    }
}
