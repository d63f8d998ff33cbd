/// INTERIM (replaced by the mail helper's version on merge).
public struct MailAddress: Sendable, Hashable {
    public var email: String
    public var name: String?
    public init(email: String, name: String? = nil) { self.email = email; self.name = name }
}
