import ICalendar
/// INTERIM (replaced by the mail helper's version on merge).
public enum IMIPRenderer {
    public static func render(_ message: ITIPMessage, from sender: MailAddress, to recipient: MailAddress,
                              messageID: String, date: Int64) -> [UInt8] {
        var text = "From: <\(sender.email)>\r\nTo: <\(recipient.email)>\r\nMessage-ID: <\(messageID)>\r\n"
        text += "Content-Type: text/calendar; method=\(message.method.rawValue); charset=UTF-8\r\n\r\n"
        return Array(text.utf8) + ICalendarSerializer().serialize(message.calendar)
    }
}
