/// A plain-text e-mail (one text/plain part, quoted-printable), for the notices the server sends that are not iTIP
/// messages, such as a calendar shared with someone. Headers are encoded as the iMIP messages' are.
///
/// Spec: RFC 5322 (message format), RFC 2045 (quoted-printable), RFC 2047 (encoded words), RFC 3834 §5
/// (`Auto-Submitted: auto-generated`: sent by the server because of someone else's action, so auto-responders stay
/// quiet).
public enum PlainMail {
    public static func render(from sender: MailAddress, to recipient: MailAddress, subject: String, text: String,
                              messageID: String, date: Int64) -> [UInt8] {
        var out = IMIPEncoding.header("From", sender.headerValue)
        out += IMIPEncoding.header("To", recipient.headerValue)
        out += IMIPEncoding.header("Subject", IMIPEncoding.unstructured(String(subject.prefix(200))))
        out += IMIPEncoding.header("Date", IMIPEncoding.rfc5322Date(date))
        out += IMIPEncoding.header("Message-ID", "<" + IMIPEncoding.headerSafe(messageID) + ">")
        out += IMIPEncoding.header("MIME-Version", "1.0")
        out += IMIPEncoding.header("User-Agent", "Almanac")
        out += IMIPEncoding.header("Auto-Submitted", "auto-generated")
        out += IMIPEncoding.header("Content-Type", "text/plain; charset=UTF-8")
        out += IMIPEncoding.header("Content-Transfer-Encoding", "quoted-printable")
        out += IMIPEncoding.crlf + IMIPEncoding.quotedPrintable(text)
        return Array(out.utf8)
    }
}
