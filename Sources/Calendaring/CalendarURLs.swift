/// The URLs of the door that owns the server's URL space (CalDAV), as far as the calendar needs them: a principal's
/// URL is one of its calendar user addresses, and a refused write names the object that holds a UID by its URL.
///
/// Spec: RFC 6638 §2.4.1 (calendar-user-address-set), RFC 4791 §5.3.2.1 (no-uid-conflict names the other object).
package protocol CalendarURLs: Sendable {
    /// The principal URL of the user named `name`.
    func principalURL(ofUser name: String) -> String
    /// The name of the user whose principal URL `path` is (a path, as the door writes it); nil for any other path.
    func userName(principalPath path: String) -> String?
    /// The URL of the object `name` in the calendar `slug` of the user `owner`.
    func objectURL(owner: String, calendar slug: String, name: String) -> String
    /// The URL of the calendar `slug` of the user `owner`.
    func calendarURL(owner: String, calendar slug: String) -> String
}
