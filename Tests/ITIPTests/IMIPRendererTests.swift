import Foundation
import ICalendar
import Testing
@testable import ITIP

/// An invitation in the shape of RFC 5546 §4.2.1 ("A Minimal Published Event" turned into a REQUEST), with a zoned
/// start as RFC 6047 §2.4 carries it, and the VTIMEZONE the serializer writes beside it.
private func invitation(summary: String = "Review meeting", description: String? = nil, sequence: Int = 0,
                        method: ITIPMethod = .request, partstat: String = "NEEDS-ACTION") throws -> ITIPMessage {
    var lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Almanac//Tests//EN", "METHOD:\(method.rawValue)",
        "BEGIN:VTIMEZONE", "TZID:Europe/Berlin",
        "BEGIN:STANDARD", "DTSTART:19701025T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
        "BEGIN:DAYLIGHT", "DTSTART:19700329T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT", "END:VTIMEZONE",
        "BEGIN:VEVENT", "UID:guid-1@example.com", "DTSTAMP:19970701T210000Z", "SEQUENCE:\(sequence)",
        "DTSTART;TZID=Europe/Berlin:19970714T133000", "DTEND;TZID=Europe/Berlin:19970714T143000",
        "SUMMARY:\(summary)", "LOCATION:Room 1 & 2",
        "ORGANIZER;CN=Alice Example:mailto:alice@example.com",
        "ATTENDEE;CN=Bob;PARTSTAT=\(partstat);RSVP=TRUE:mailto:bob@example.org",
    ]
    if let description { lines.append("DESCRIPTION:\(description)") }
    lines += ["END:VEVENT", "END:VCALENDAR"]
    let calendar = try ICalendarParser().parseCalendar(lines.joined(separator: "\r\n") + "\r\n")
    let originator = method.isFromAttendee ? "mailto:bob@example.org" : "mailto:alice@example.com"
    let recipient = method.isFromAttendee ? "mailto:alice@example.com" : "mailto:bob@example.org"
    return ITIPMessage(method: method, uid: "guid-1@example.com", originator: CalendarUserAddress(originator),
                       recipients: [CalendarUserAddress(recipient)], calendar: calendar)
}

private func render(_ message: ITIPMessage, sender: MailAddress = MailAddress(email: "alice@example.com", name: "Alice Example"))
    -> (bytes: [UInt8], mail: MIMEEntity) {
    let bytes = IMIPRenderer.render(message, from: sender, to: MailAddress(email: "bob@example.org", name: "Bob"),
                                    messageID: "abc123@almanac.example", date: 868_901_400)
    return (bytes, MIMEEntity(String(decoding: bytes, as: UTF8.self)))
}

@Suite struct IMIPRendererTests {
    @Test func requestHasTheRFC6047Structure() throws {
        let (_, mail) = render(try invitation())
        #expect(mail.header("MIME-Version") == "1.0")
        #expect(mail.header("From") == "\"Alice Example\" <alice@example.com>")
        #expect(mail.header("To") == "\"Bob\" <bob@example.org>")
        #expect(mail.header("Subject") == "Invitation: Review meeting")
        #expect(mail.header("Message-ID") == "<abc123@almanac.example>")
        #expect(mail.header("Date") == "Mon, 14 Jul 1997 17:30:00 +0000")
        #expect(mail.header("Auto-Submitted") == nil)
        #expect(mail.header("Reply-To") == nil)
        #expect(mail.contentType == "multipart/mixed")

        let parts = mail.parts
        #expect(parts.map(\.contentType) == ["multipart/alternative", "application/ics"])
        let alternatives = parts[0].parts
        #expect(alternatives.map(\.contentType) == ["text/plain", "text/html", "text/calendar"])
        let calendarPart = alternatives[2]
        #expect(calendarPart.header("Content-Type") == "text/calendar; method=REQUEST; charset=UTF-8")
        let calendar = try ICalendarParser().parseCalendar(calendarPart.decodedBody)
        #expect(calendar.property(.method)?.value == "REQUEST")
        #expect(calendar.components(.vevent).first?.property(.uid)?.value == "guid-1@example.com")

        let attachment = parts[1]
        #expect(attachment.header("Content-Disposition") == "attachment; filename=\"invite.ics\"")
        #expect(attachment.decodedBody == calendarPart.decodedBody)
    }

    @Test func everyLineEndsInCRLFAndStaysShort() throws {
        let longDescription = String(repeating: "A long agenda line with many words, ", count: 30)
        let (bytes, mail) = render(try invitation(description: longDescription))
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            #expect(index > 0 && bytes[index - 1] == 0x0D, "bare LF at \(index)")
        }
        for (index, byte) in bytes.enumerated() where byte == 0x0D {
            #expect(index + 1 < bytes.count && bytes[index + 1] == 0x0A, "bare CR at \(index)")
        }
        let lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 78 })
        #expect(bytes.allSatisfy { $0 < 0x80 }, "the message is 7-bit")
        // The long line folded with soft breaks and came back whole.
        let plain = mail.parts[0].parts[0]
        #expect(plain.body.contains("=\r\n"))
        #expect(String(decoding: plain.decodedBody, as: UTF8.self).contains(longDescription))
    }

    @Test func nonASCIISummarySurvivesInEveryPart() throws {
        let summary = "Réunion d’équipe – 会議の準備について話し合いましょう、長い件名"
        let (_, mail) = render(try invitation(summary: summary))
        let subject = try #require(mail.header("Subject"))
        #expect(subject.hasPrefix("=?UTF-8?B?"))
        #expect(MIMEEntity.decodeEncodedWords(subject) == "Invitation: " + summary)
        let alternatives = mail.parts[0].parts
        #expect(String(decoding: alternatives[0].decodedBody, as: UTF8.self).contains("What:      " + summary))
        #expect(String(decoding: alternatives[1].decodedBody, as: UTF8.self).contains(summary))
        let calendar = try ICalendarParser().parseCalendar(alternatives[2].decodedBody)
        #expect(calendar.components(.vevent).first?.property(.summary)?.text == summary)
    }

    @Test func nonASCIIDisplayNameIsAnEncodedWord() throws {
        let (_, mail) = render(try invitation(), sender: MailAddress(email: "alice@example.com", name: "Zoë Ängström"))
        let from = try #require(mail.header("From"))
        #expect(from.hasSuffix(" <alice@example.com>"))
        #expect(!from.contains("\""), "an encoded word is never quoted (RFC 2047 §5)")
        #expect(MIMEEntity.decodeEncodedWords(String(from.dropLast(" <alice@example.com>".count))) == "Zoë Ängström")
    }

    @Test func theHumanPartsSayWhatWhenWhereWho() throws {
        let (_, mail) = render(try invitation())
        let text = String(decoding: mail.parts[0].parts[0].decodedBody, as: UTF8.self)
        #expect(text.contains("Alice Example <alice@example.com> invites you to this event."))
        #expect(text.contains("When:      Monday, 14 July 1997, 13:30 – 14:30 (Europe/Berlin)"))
        #expect(text.contains("Where:     Room 1 & 2"))
        #expect(text.contains("Organizer: Alice Example <alice@example.com>"))
        #expect(text.contains("Attendees: Bob <bob@example.org> (needs action)"))
        let html = String(decoding: mail.parts[0].parts[1].decodedBody, as: UTF8.self)
        #expect(html.contains("Room 1 &amp; 2"))
        #expect(html.contains("Bob &lt;bob@example.org&gt;"))
    }

    @Test func markupInTheCalendarIsEscapedInHTML() throws {
        let (_, mail) = render(try invitation(summary: "<script>alert('x')</script>"))
        let html = String(decoding: mail.parts[0].parts[1].decodedBody, as: UTF8.self)
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
    }

    @Test func aLineBreakInTheSummaryCannotAddHeaders() throws {
        // `\n` is an escaped line break in an iCalendar TEXT value (RFC 5545 §3.3.11).
        let (_, mail) = render(try invitation(summary: "Hi\\nBcc: victim@example.net"))
        #expect(mail.header("Bcc") == nil)
        #expect(mail.header("Subject") == "Invitation: Hi Bcc: victim@example.net")
    }

    @Test(arguments: [
        (ITIPMethod.request, 0, "NEEDS-ACTION", "Invitation"),
        (.request, 2, "NEEDS-ACTION", "Updated invitation"),
        (.cancel, 1, "NEEDS-ACTION", "Cancelled"),
        (.reply, 0, "ACCEPTED", "Accepted"),
        (.reply, 0, "DECLINED", "Declined"),
        (.reply, 0, "TENTATIVE", "Tentative"),
        (.counter, 0, "NEEDS-ACTION", "Counter proposal"),
        (.declineCounter, 0, "NEEDS-ACTION", "Proposal declined"),
        (.refresh, 0, "NEEDS-ACTION", "Refresh request"),
    ])
    func subjectNamesTheAction(method: ITIPMethod, sequence: Int, partstat: String, action: String) throws {
        let (_, mail) = render(try invitation(sequence: sequence, method: method, partstat: partstat),
                               sender: MailAddress(email: "calendar@almanac.example"))
        #expect(mail.header("Subject") == action + ": Review meeting")
        let calendarPart = mail.parts[0].parts[2]
        #expect(calendarPart.header("Content-Type") == "text/calendar; method=\(method.rawValue); charset=UTF-8")
        // A server address sends on behalf of the calendar user, whom replies reach.
        let expectedReplyTo = method.isFromAttendee ? "\"Bob\" <bob@example.org>" : "\"Alice Example\" <alice@example.com>"
        #expect(mail.header("Reply-To") == expectedReplyTo)
    }

    @Test func rfc5322DatesAreLocaleFree() {
        #expect(IMIPEncoding.rfc5322Date(0) == "Thu, 1 Jan 1970 00:00:00 +0000")
        #expect(IMIPEncoding.rfc5322Date(1_700_000_000) == "Tue, 14 Nov 2023 22:13:20 +0000")
        #expect(IMIPEncoding.rfc5322Date(951_782_400) == "Tue, 29 Feb 2000 00:00:00 +0000")
    }

    @Test func longASCIISubjectFoldsAtSpaces() throws {
        let summary = String(repeating: "Quarterly planning ", count: 8).trimmingCharacters(in: .whitespaces)
        let (bytes, mail) = render(try invitation(summary: summary))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("Subject: Invitation: Quarterly planning"))
        #expect(text.contains("\r\n Quarterly"), "folded onto a continuation line")
        #expect(mail.header("Subject") == "Invitation: " + summary)
    }
}
