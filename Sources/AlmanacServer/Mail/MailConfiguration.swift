/// Outgoing e-mail: the relay, the sender address and the retry policy. Present in `ServerConfiguration` only when a
/// relay is configured (`smtp_host`); without one, iMIP messages stay queued in the store.
/// Spec: RFC 6047 (iMIP), RFC 5321 (SMTP).
public struct MailConfiguration: Sendable, Hashable, CustomStringConvertible {
    public var smtp: SMTPConfiguration
    /// The address invitations are sent from (envelope and From header). Nil: the calendar user's own address.
    /// A relay usually accepts only its own domains as senders, and DMARC makes recipients reject a message from a
    /// foreign domain, so a server address (with the organizer in Reply-To) is the safer choice.
    public var sender: String?
    public var retryPolicy: MailRetryPolicy

    public init(smtp: SMTPConfiguration, sender: String? = nil, retryPolicy: MailRetryPolicy = MailRetryPolicy()) {
        self.smtp = smtp
        self.sender = sender
        self.retryPolicy = retryPolicy
    }

    public func validate() throws(ConfigurationError) {
        try smtp.validate()
        try retryPolicy.validate()
        if let sender, !SMTPClient.isValidEnvelopeAddress(sender) {
            throw ConfigurationError("smtp_from: '\(sender)' is not an e-mail address")
        }
    }

    /// For logs: the relay and mode, never the password.
    public var description: String {
        "smtp\(smtp.security == .tls ? "s" : "")://\(smtp.username.map { $0 + "@" } ?? "")\(smtp.host):\(smtp.port)"
            + (smtp.security == .starttls ? " (STARTTLS)" : "")
    }
}
