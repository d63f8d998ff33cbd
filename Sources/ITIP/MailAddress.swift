/// An e-mail mailbox: an address and an optional display name, as a From or To header names it.
/// Spec: RFC 5322 §3.4 (mailbox), RFC 2047 (non-ASCII display names).
public struct MailAddress: Sendable, Hashable {
    /// The bare address (`local@domain`), without `mailto:` or angle brackets.
    public var email: String
    /// The display name, e.g. the CN of an ORGANIZER or ATTENDEE.
    public var name: String?

    public init(email: String, name: String? = nil) {
        self.email = email
        self.name = name
    }

    /// The mailbox for a calendar user address with its CN, nil unless it is a `mailto:` address.
    public init?(_ address: CalendarUserAddress, name: String? = nil) {
        guard let email = address.email, !email.isEmpty else { return nil }
        self.init(email: email, name: name)
    }

    /// The header form: `addr@example.com`, `"Name" <addr@example.com>` or `=?UTF-8?B?...?= <addr@example.com>`.
    /// Line breaks and control characters in the name are dropped so a name cannot inject header lines.
    var headerValue: String {
        let email = IMIPEncoding.headerSafe(self.email).filter { $0 != " " }
        guard let name, case let cleaned = IMIPEncoding.headerSafe(name), !cleaned.isEmpty else { return email }
        return IMIPEncoding.displayName(cleaned) + " <" + email + ">"
    }
}
