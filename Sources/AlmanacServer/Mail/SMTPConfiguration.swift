/// How to reach the outgoing mail relay (submission server) that carries iMIP messages.
/// Spec: RFC 5321 (SMTP), RFC 6409 (submission on port 587), RFC 3207 (STARTTLS), RFC 8314 (implicit TLS on 465),
/// RFC 4954 (AUTH).
public struct SMTPConfiguration: Sendable, Hashable {
    /// How the connection is protected.
    public enum Security: String, Sendable, Hashable, CaseIterable {
        /// Plain text throughout (a relay on localhost or a trusted network).
        case none
        /// Plain connect, then STARTTLS before anything else; refused if the relay does not offer it (never a silent
        /// downgrade to plain text).
        case starttls
        /// TLS from the first byte (port 465).
        case tls

        /// The usual port for the mode: 25 without TLS, 587 for submission with STARTTLS, 465 for implicit TLS.
        public var defaultPort: Int {
            switch self {
            case .none: 25
            case .starttls: 587
            case .tls: 465
            }
        }
    }

    /// Which certificates the relay may present.
    public enum CertificateVerification: Sendable, Hashable {
        /// The system's trust store, and the certificate must name `host`.
        case system
        /// Only certificates issued by the CA certificates in this PEM file, and the certificate must name `host`
        /// (a relay with a private CA; the tests' self-signed relay).
        case trustRootsPEMFile(String)
        /// No verification at all: encryption without authentication of the relay. Only for a relay reached over a
        /// trusted path; it protects against passive listeners, not against an active attacker.
        case none
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var certificateVerification: CertificateVerification
    /// Credentials for AUTH; no AUTH when nil.
    public var username: String?
    public var password: String?
    /// Send credentials over an unencrypted connection (`security == .none`). Off by default: a password in plain
    /// text on the network is readable by anyone on the path.
    public var allowInsecureAuthentication: Bool
    /// The name this server gives in EHLO; a fully-qualified domain name (RFC 5321 §4.1.1.1).
    public var heloName: String
    public var connectTimeout: Duration
    /// How long to wait for each reply to a command.
    public var commandTimeout: Duration
    /// How long to wait for the reply after the message data; relays scan the message before answering, so this is
    /// longer (RFC 5321 §4.5.3.2.6 suggests 10 minutes).
    public var dataTimeout: Duration

    public init(host: String, port: Int? = nil, security: Security = .starttls,
                certificateVerification: CertificateVerification = .system, username: String? = nil,
                password: String? = nil, allowInsecureAuthentication: Bool = false, heloName: String = "localhost",
                connectTimeout: Duration = .seconds(30), commandTimeout: Duration = .seconds(120),
                dataTimeout: Duration = .seconds(300)) {
        self.host = host
        self.port = port ?? security.defaultPort
        self.security = security
        self.certificateVerification = certificateVerification
        self.username = username
        self.password = password
        self.allowInsecureAuthentication = allowInsecureAuthentication
        self.heloName = heloName
        self.connectTimeout = connectTimeout
        self.commandTimeout = commandTimeout
        self.dataTimeout = dataTimeout
    }

    /// True when credentials are configured.
    var authenticates: Bool { username != nil }

    /// Checks what would make every delivery fail; the message names the setting.
    public func validate() throws(ConfigurationError) {
        guard !host.isEmpty else { throw ConfigurationError("smtp_host must not be empty") }
        guard (1...65_535).contains(port) else { throw ConfigurationError("smtp_port must be between 1 and 65535, got \(port)") }
        guard (username == nil) == (password == nil) else {
            throw ConfigurationError("smtp_username and smtp_password (or smtp_password_file) must be given together")
        }
        if authenticates && security == .none && !allowInsecureAuthentication {
            throw ConfigurationError(
                "smtp_username is set but smtp_tls is none: the password would cross the network in plain text; use smtp_tls = starttls or tls (or smtp_allow_insecure_auth = true for a relay on localhost)")
        }
        guard !heloName.isEmpty, heloName.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "[" || $0 == "]" || $0 == ":" }) else {
            throw ConfigurationError("smtp_helo: '\(heloName)' is not a host name")
        }
    }
}
