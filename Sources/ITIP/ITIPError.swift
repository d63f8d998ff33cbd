/// Why a scheduling change or an incoming iTIP message is refused. The CalDAV layer maps these to RFC 6638 §3.2.4
/// preconditions (valid-scheduling-message, same-organizer-in-all-components, allowed-organizer-scheduling-object-change,
/// allowed-attendee-scheduling-object-change) in one place.
public enum ITIPError: Error, Sendable, Hashable {
    /// The message or object is not valid iTIP (missing METHOD, UID, ORGANIZER, an unknown method, ...).
    case invalidMessage(String)
    /// The components of one object name different organizers.
    case organizerMismatch
    /// An attendee changed something only the organizer may change (RFC 6638 §3.2.2.1).
    case attendeeChangeNotAllowed(String)
    /// An organizer change that scheduling forbids (the UID or the organizer changed on an existing object).
    case organizerChangeNotAllowed(String)
}
