import Testing
@testable import ICalendar

/// The examples RFC 5545 gives for content lines, parameters and each component, read as the RFC says they read.
@Suite struct RFC5545ExampleTests {
    /// RFC 5545 §3.4: the VCALENDAR example, with its folded DESCRIPTION.
    @Test func section3_4_calendarExample() throws {
        let text = ics(
            "BEGIN:VCALENDAR",
            "PRODID:-//xyz Corp//NONSGML PDA Calendar Version 1.0//EN",
            "VERSION:2.0",
            "BEGIN:VEVENT",
            "DTSTAMP:19960704T120000Z",
            "UID:uid1@example.com",
            "ORGANIZER:mailto:jsmith@example.com",
            "DTSTART:19960918T143000Z",
            "DTEND:19960920T220000Z",
            "STATUS:CONFIRMED",
            "CATEGORIES:CONFERENCE",
            "SUMMARY:Networld+Interop Conference",
            "DESCRIPTION:Networld+Interop Conference",
            "  and Exhibit\\nAtlanta World Congress Center\\n",
            " Atlanta\\, Georgia",
            "END:VEVENT",
            "END:VCALENDAR")
        let calendar = try Component(parsing: text)
        let event = Event(try #require(calendar.components(.vevent).first))
        #expect(event.description == "Networld+Interop Conference and Exhibit\nAtlanta World Congress Center\nAtlanta, Georgia")
        #expect(event.dtstart == .utc(LocalDateTime(year: 1996, month: 9, day: 18, hour: 14, minute: 30)!))
        #expect(event.status == "CONFIRMED")
        #expect(event.categories == ["CONFERENCE"])
    }

    /// RFC 5545 §3.2: quoted parameter values containing ':' and a multi-valued parameter.
    @Test func section3_2_parameters() throws {
        let text = calendar(
            "BEGIN:VEVENT",
            "UID:p@example.com",
            "DTSTAMP:19970901T130000Z",
            "ATTENDEE;DELEGATED-TO=\"mailto:jdoe@example.com\",\"mailto:jqpublic@example.com\":mailto:jsmith@example.com",
            "DESCRIPTION;ALTREP=\"cid:part1.0001@example.org\":The Fall'98 Wild Wizards Conference - - Las Vegas\\, NV\\, USA",
            "ATTENDEE;MEMBER=\"mailto:ietf-calsch@example.org\":mailto:jsmith@example.com",
            "END:VEVENT")
        let event = try #require(try Component(parsing: text).components(.vevent).first)
        let attendee = try #require(event.property(.attendee))
        #expect(attendee.parameter(.delegatedTo)?.values == ["mailto:jdoe@example.com", "mailto:jqpublic@example.com"])
        #expect(attendee.value == "mailto:jsmith@example.com")
        #expect(event.property(.description)?[parameter: .altrep] == "cid:part1.0001@example.org")
        #expect(event.property(.description)?.text == "The Fall'98 Wild Wizards Conference - - Las Vegas, NV, USA")
        #expect(event.properties(.attendee)[1][parameter: .member] == "mailto:ietf-calsch@example.org")
    }

    /// RFC 6868 §4: caret escapes in parameter values decode and re-encode.
    @Test func rfc6868_caretEncoding() throws {
        let text = calendar(
            "BEGIN:VEVENT", "UID:c@example.com", "DTSTAMP:19970901T130000Z",
            "GEO;X-ADDRESS=\"Pittsburgh Pirates^n115 Federal St^nPittsburgh, PA 15212\":40.446816;-80.00571",
            "ATTENDEE;CN=George Herman ^'Babe^' Ruth:mailto:babe@example.com",
            "END:VEVENT")
        let parsed = try Component(parsing: text)
        let event = try #require(parsed.components(.vevent).first)
        #expect(event.property(.geo)?[parameter: "X-ADDRESS"] == "Pittsburgh Pirates\n115 Federal St\nPittsburgh, PA 15212")
        #expect(event.property(.attendee)?[parameter: .cn] == "George Herman \"Babe\" Ruth")
        let out = parsed.serialized
        #expect(out.contains("CN=George Herman ^'Babe^' Ruth:"))
        #expect(try Component(parsing: out) == parsed)
    }

    /// RFC 5545 §3.6.1 (VEVENT), §3.6.2 (VTODO), §3.6.3 (VJOURNAL), §3.6.4 (VFREEBUSY), §3.6.6 (VALARM).
    @Test func section3_6_componentExamples() throws {
        let text = calendar(
            "BEGIN:VEVENT",
            "UID:19970901T130000Z-123401@example.com",
            "DTSTAMP:19970901T130000Z",
            "DTSTART:19970903T163000Z",
            "DTEND:19970903T190000Z",
            "SUMMARY:Annual Employee Review",
            "CLASS:PRIVATE",
            "CATEGORIES:BUSINESS,HUMAN RESOURCES",
            "END:VEVENT",
            "BEGIN:VTODO",
            "UID:20070313T123432Z-456553@example.com",
            "DTSTAMP:20070313T123432Z",
            "DUE;VALUE=DATE:20070501",
            "SUMMARY:Submit Quebec Income Tax Return for 2006",
            "CLASS:CONFIDENTIAL",
            "CATEGORIES:FAMILY,FINANCE",
            "STATUS:NEEDS-ACTION",
            "END:VTODO",
            "BEGIN:VJOURNAL",
            "UID:19970901T130000Z-123405@example.com",
            "DTSTAMP:19970901T130000Z",
            "DTSTART;VALUE=DATE:19970317",
            "SUMMARY:Staff meeting minutes",
            "DESCRIPTION:1. Staff meeting: Participants include Joe\\,",
            "  Lisa\\, and Bob. Aurora project plans were reviewed.",
            "  There is currently no budget reserves for this project.",
            "  Lisa will escalate to management. Next meeting on Tuesday.\\n",
            " 2. Telephone Conference: ABC Corp. sales representative",
            "  called to discuss new printer. Promised to get us a demo by",
            "  Friday.\\n3. Henry Miller (Handsoff Insurance): Car was",
            "  totaled by tree. Is looking into a loaner car. 555-2323",
            "  (tel).",
            "END:VJOURNAL",
            "BEGIN:VFREEBUSY",
            "UID:19970901T095957Z-76A912@example.com",
            "ORGANIZER:mailto:jane_doe@example.com",
            "ATTENDEE:mailto:john_public@example.com",
            "DTSTART:19971015T050000Z",
            "DTEND:19971016T050000Z",
            "DTSTAMP:19970901T083000Z",
            "FREEBUSY:19971015T050000Z/PT8H30M,19971015T160000Z/PT5H30M,19971015T223000Z/PT6H30M",
            "END:VFREEBUSY")
        let cal = try Component(parsing: text)
        #expect(Event(cal.components(.vevent)[0]).categories == ["BUSINESS", "HUMAN RESOURCES"])
        #expect(Todo(cal.components(.vtodo)[0]).due == .date(CalendarDate(year: 2007, month: 5, day: 1)!))
        let journal = Journal(cal.components(.vjournal)[0])
        #expect(journal.description?.hasPrefix("1. Staff meeting: Participants include Joe, Lisa, and Bob. Aurora") == true)
        #expect(journal.description?.contains("Tuesday.\n2. Telephone Conference") == true)
        let freeBusy = FreeBusy(cal.components(.vfreebusy)[0])
        #expect(freeBusy.busyPeriods.count == 3)
        #expect(freeBusy.busyPeriods[1].period == Period(start: .utc(LocalDateTime(year: 1997, month: 10, day: 15, hour: 16)!), end: .duration(CalendarDuration(hours: 5, minutes: 30))))
    }

    /// RFC 5545 §3.6.6: the audio alarm example with an absolute trigger and repeats.
    @Test func section3_6_6_alarm() throws {
        let text = calendar(
            "BEGIN:VEVENT", "UID:a@example.com", "DTSTAMP:19970901T130000Z", "DTSTART:19970317T140000Z",
            "BEGIN:VALARM",
            "TRIGGER;VALUE=DATE-TIME:19970317T133000Z",
            "REPEAT:4",
            "DURATION:PT15M",
            "ACTION:AUDIO",
            "ATTACH;FMTTYPE=audio/basic:ftp://example.com/pub/sounds/bell-01.aud",
            "END:VALARM",
            "BEGIN:VALARM",
            "TRIGGER;RELATED=END:-P2D",
            "ACTION:DISPLAY",
            "DESCRIPTION:Breakfast meeting with executive\\nteam at 8:00 AM EST.",
            "END:VALARM",
            "END:VEVENT")
        let event = Event(try #require(try Component(parsing: text).components(.vevent).first))
        #expect(event.alarms[0].trigger == .absolute(.utc(LocalDateTime(year: 1997, month: 3, day: 17, hour: 13, minute: 30)!)))
        #expect(event.alarms[0].repeatCount == 4)
        #expect(event.alarms[0].repeatInterval == CalendarDuration(minutes: 15))
        #expect(event.alarms[1].trigger == .relative(CalendarDuration(isNegative: true, days: 2), toEnd: true))
    }

    /// RFC 5545 §3.6.5: a VTIMEZONE keeps its observances in order.
    @Test func section3_6_5_timezoneStructure() throws {
        let text = calendar(
            "BEGIN:VTIMEZONE",
            "TZID:America/New_York",
            "LAST-MODIFIED:20050809T050000Z",
            "BEGIN:DAYLIGHT",
            "DTSTART:19670430T020000",
            "RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=-1SU;UNTIL=19730429T070000Z",
            "TZOFFSETFROM:-0500",
            "TZOFFSETTO:-0400",
            "TZNAME:EDT",
            "END:DAYLIGHT",
            "BEGIN:STANDARD",
            "DTSTART:19671029T020000",
            "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU;UNTIL=20061029T060000Z",
            "TZOFFSETFROM:-0400",
            "TZOFFSETTO:-0500",
            "TZNAME:EST",
            "END:STANDARD",
            "END:VTIMEZONE")
        let zone = try #require(try Component(parsing: text).components(.vtimezone).first)
        #expect(zone.components.map(\.name) == [.daylight, .standard])
        #expect(try zone.components[0].property(.tzoffsetto)?.utcOffset() == UTCOffset(seconds: -4 * 3600))
        let rule = try #require(try zone.components[1].property(.rrule)?.recurrenceRule())
        #expect(rule.byDay == [.init(.sunday, ordinal: -1)])
        #expect(rule.until == .utc(LocalDateTime(year: 2006, month: 10, day: 29, hour: 6)!))
    }
}
