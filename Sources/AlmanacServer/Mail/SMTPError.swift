/// Why a message could not be handed to the relay, and whether trying again later can help.
/// Spec: RFC 5321 §4.2.1 (4yz transient, 5yz permanent), §4.5.4.1 (retry strategy).
public enum SMTPError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The relay refused a command of this message's transaction (MAIL FROM, RCPT TO, DATA, the data itself).
    case rejected(command: String, reply: SMTPReply)
    /// The relay refused a command of the session (greeting, EHLO, STARTTLS, AUTH): a problem of the relay or its
    /// configuration, not of the message.
    case sessionRefused(command: String, reply: SMTPReply)
    /// STARTTLS was required but the relay does not offer it.
    case startTLSUnavailable
    /// Credentials are configured but the relay offers neither AUTH PLAIN nor AUTH LOGIN.
    case authenticationUnavailable
    /// Credentials would have crossed an unencrypted connection, which the configuration does not allow.
    case insecureAuthenticationRefused
    /// TLS setup or handshake failed (an untrusted certificate, a name mismatch, a protocol error).
    case tls(String)
    /// The connection could not be opened, or broke, or the relay closed it.
    case connection(String)
    /// No reply within the configured time.
    case timeout(waitingFor: String)
    /// The relay answered something that is not an SMTP reply.
    case protocolViolation(String)
    /// An envelope address that cannot be written in a command (empty, or with spaces, angle brackets or line
    /// breaks, which could inject commands). Permanent: the message will never go out to it.
    case invalidAddress(String)

    /// True when the same message may go through later: every 4xx, and every failure that concerns the relay or the
    /// connection rather than the message. Only a 5xx to this message's own transaction is permanent; a 5xx to AUTH
    /// or EHLO usually means a configuration to fix, after which queued messages should still go out.
    public var isTemporary: Bool {
        switch self {
        case .rejected(_, let reply): !reply.isPermanentFailure
        case .invalidAddress: false
        case .sessionRefused, .startTLSUnavailable, .authenticationUnavailable, .insecureAuthenticationRefused, .tls,
             .connection, .timeout, .protocolViolation:
            true
        }
    }

    public var description: String {
        switch self {
        case .rejected(let command, let reply): "\(command) rejected: \(reply)"
        case .sessionRefused(let command, let reply): "\(command) refused: \(reply)"
        case .startTLSUnavailable: "the relay does not offer STARTTLS, which smtp_tls = starttls requires"
        case .authenticationUnavailable: "the relay offers neither AUTH PLAIN nor AUTH LOGIN"
        case .insecureAuthenticationRefused: "refusing to send credentials over an unencrypted connection"
        case .tls(let detail): "TLS failed: \(detail)"
        case .connection(let detail): "connection failed: \(detail)"
        case .timeout(let what): "timed out waiting for \(what)"
        case .protocolViolation(let detail): "protocol violation: \(detail)"
        case .invalidAddress(let address): "invalid envelope address '\(address)'"
        }
    }
}
