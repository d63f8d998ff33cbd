import ICalendar

/// Renders an iTIP message as an iMIP e-mail for one recipient.
///
/// The MIME layout is the one Google Calendar sends, which is the layout Gmail, Outlook/Exchange, Apple Mail and
/// Thunderbird are all known to recognise as an invitation:
///
///     multipart/mixed
///     ├── multipart/alternative
///     │   ├── text/plain                                   (quoted-printable)
///     │   ├── text/html                                    (quoted-printable)
///     │   └── text/calendar; method=REQUEST; charset=UTF-8 (base64)
///     └── application/ics; name="invite.ics"               (base64, attachment)
///
/// RFC 6047 §2.4 requires the text/calendar part with the `method` parameter; putting it last in the alternative
/// makes it the preferred rendering for calendar-aware clients (Outlook shows Accept/Decline from it), while other
/// readers show the text or HTML summary. The `application/ics` attachment carries the same calendar for webmail and
/// clients that only let a person import an attached file; it is not `text/calendar`, so clients that understand
/// iMIP do not process the invitation twice.
///
/// Bodies are 7-bit (quoted-printable or base64, lines of at most 76 characters) so the message passes relays
/// without 8BITMIME unchanged. The calendar is base64 rather than quoted-printable because iCalendar folding may
/// split a UTF-8 sequence across lines, and base64 hands the bytes back exactly as serialized.
///
/// No `Auto-Submitted` header (RFC 3834 §5): every message is the direct result of a person's action (an organizer
/// saving an event, an attendee answering), sent on their behalf like mail their own client would send. Marking it
/// `auto-generated` would make some systems suppress or deprioritise it, and RFC 3834 reserves that for messages
/// no person asked for.
///
/// Spec: RFC 6047 §2 (iMIP), RFC 5322 (message format), RFC 2045–2047 (MIME).
public enum IMIPRenderer {
    /// The complete RFC 5322 message (CRLF line ends) for one recipient.
    public static func render(_ message: ITIPMessage, from sender: MailAddress, to recipient: MailAddress,
                              messageID: String, date: Int64) -> [UInt8] {
        let summary = IMIPSummary(message)
        let calendar = ICalendarSerializer().serialize(message.calendar)
        let boundaryTag = boundaryTag(messageID)
        let mixed = "=_mixed_" + boundaryTag
        let alternative = "=_alt_" + boundaryTag
        let crlf = IMIPEncoding.crlf

        var out = IMIPEncoding.header("From", sender.headerValue)
        // The relay's sender may not be the calendar user (a server address sending on their behalf): replies from a
        // person who answers by mail then go to the organizer or attendee who acted.
        if let originator = message.originator.email, originator.lowercased() != sender.email.lowercased() {
            let name = originatorName(message, email: originator)
            out += IMIPEncoding.header("Reply-To", MailAddress(email: originator, name: name).headerValue)
        }
        out += IMIPEncoding.header("To", recipient.headerValue)
        out += IMIPEncoding.header("Subject", IMIPEncoding.unstructured(String(summary.subject.prefix(200))))
        out += IMIPEncoding.header("Date", IMIPEncoding.rfc5322Date(date))
        out += IMIPEncoding.header("Message-ID", "<" + IMIPEncoding.headerSafe(messageID) + ">")
        out += IMIPEncoding.header("MIME-Version", "1.0")
        out += IMIPEncoding.header("User-Agent", "Almanac")
        out += IMIPEncoding.header("Content-Type", "multipart/mixed; boundary=\"" + mixed + "\"")
        out += crlf
        out += "This is a multi-part message in MIME format." + crlf

        out += crlf + "--" + mixed + crlf
        out += IMIPEncoding.header("Content-Type", "multipart/alternative; boundary=\"" + alternative + "\"")
        out += crlf

        out += crlf + "--" + alternative + crlf
        out += IMIPEncoding.header("Content-Type", "text/plain; charset=UTF-8")
        out += IMIPEncoding.header("Content-Transfer-Encoding", "quoted-printable")
        out += crlf + IMIPEncoding.quotedPrintable(IMIPBodies.plain(summary))

        out += crlf + "--" + alternative + crlf
        out += IMIPEncoding.header("Content-Type", "text/html; charset=UTF-8")
        out += IMIPEncoding.header("Content-Transfer-Encoding", "quoted-printable")
        out += crlf + IMIPEncoding.quotedPrintable(IMIPBodies.html(summary))

        out += crlf + "--" + alternative + crlf
        out += IMIPEncoding.header("Content-Type", "text/calendar; method=" + message.method.rawValue + "; charset=UTF-8")
        out += IMIPEncoding.header("Content-Transfer-Encoding", "base64")
        out += crlf + IMIPEncoding.base64Body(calendar)
        out += crlf + "--" + alternative + "--" + crlf

        out += crlf + "--" + mixed + crlf
        out += IMIPEncoding.header("Content-Type", "application/ics; name=\"invite.ics\"")
        out += IMIPEncoding.header("Content-Disposition", "attachment; filename=\"invite.ics\"")
        out += IMIPEncoding.header("Content-Transfer-Encoding", "base64")
        out += crlf + IMIPEncoding.base64Body(calendar)
        out += crlf + "--" + mixed + "--" + crlf
        return Array(out.utf8)
    }

    /// A boundary suffix derived from the Message-ID, so two messages differ and a rendering is reproducible. The
    /// boundaries start with `=_`, which neither quoted-printable nor base64 output can contain, so no body line can
    /// be mistaken for one (RFC 2046 §5.1.1).
    static func boundaryTag(_ messageID: String) -> String {
        // FNV-1a, 64 bits: not security-relevant, only distinct.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in messageID.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }

    /// The CN the calendar gives the originator (ORGANIZER or their ATTENDEE entry).
    private static func originatorName(_ message: ITIPMessage, email: String) -> String? {
        for component in message.calendar.components {
            for property in component.properties(.organizer) + component.properties(.attendee)
            where property.mailtoAddress == email.lowercased() {
                if let name = property[parameter: .cn], !name.isEmpty { return name }
            }
        }
        return nil
    }
}
