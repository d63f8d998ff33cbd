import ICalendar

/// What the server does with each quirk that lenient parsing reports in data it is asked to store.
///
/// Spec: RFC 5545 §3.1 (content lines, CRLF, folding), §3.1.4 (the charset is UTF-8), §3.4 (VERSION and PRODID),
/// §3.6 (BEGIN/END nesting); RFC 4791 §5.3.2.1 (valid-calendar-data) and §5.3.4 (a server that changes what it
/// stores returns no ETag).
///
/// Whatever the server stores must parse in strict mode, because every other client that syncs the calendar reads
/// it. Quirks with one obvious meaning (a byte order mark, bare LF line ends, blank lines, lowercase names, a missing
/// VERSION or PRODID) are repaired: the object is stored re-serialised. Quirks where the sender's meaning is lost or
/// guessed (structure that does not nest, invalid UTF-8, unreadable lines, malformed values) are refused, so the
/// client learns at once instead of every other client receiving broken data.
public enum CalendarDataPolicy {
    public enum Decision: Sendable, Hashable {
        /// Store the re-serialised tree: the quirk has one obvious meaning, and re-serialising removes it.
        case repair
        /// Refuse with valid-calendar-data: storing a repair would guess what the sender meant.
        case refuse
        /// Not a defect of the bytes (how a time zone was interpreted): stored as sent.
        case accept
    }

    public static func decision(for code: ICalendarWarning.Code) -> Decision {
        switch code {
        case .byteOrderMark, .bareLineFeed, .emptyLineSkipped, .lowercaseName, .trailingWhitespace,
             .missingVersion, .missingProdID:
            return .repair
        case .invalidUTF8Replaced, .unclosedComponentClosed, .mismatchedEndAccepted, .invalidContentLineSkipped,
             .invalidNameAccepted, .invalidValue:
            return .refuse
        case .windowsTimeZoneName, .calendarTimeZoneFromXWR, .timeZoneAlias, .embeddedTimeZone, .invalidTimeZone,
             .duplicateTimeZone, .unknownTimeZone:
            return .accept
        }
    }

    /// The sentence a refusal or a repair report gives for a quirk: its line, its property, what was wrong.
    public static func describe(_ warning: ICalendarWarning) -> String {
        var text = warning.line.map { "line \($0): " } ?? ""
        if let property = warning.property, !warning.message.hasPrefix(property) { text += property + ": " }
        return text + warning.message
    }
}
