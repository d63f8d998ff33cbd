import CalDAV
import Calendaring

/// The settings an operator can give in the config file (`key = value`) or as `ALMANAC_<KEY>` environment variables.
/// The executable adds its own flags on top; `ServerConfiguration(dataDirectory:layers:)` merges them.
public enum ConfigurationKey: String, CaseIterable, Sendable, Hashable {
    case host
    case port
    case store
    case storePasswordFile = "store_password_file"
    case baseURL = "base_url"
    case logLevel = "log_level"
    case maxBodySize = "max_body_size"
    case bcryptCost = "bcrypt_cost"
    case trustForwardedFor = "trust_forwarded_for"
    case idleTimeout = "idle_timeout"
    case bodyTimeout = "body_timeout"
    case apiRequestsPerMinute = "api_requests_per_minute"
    case allowSignup = "allow_signup"
    // Single sign-on through an external OpenID Connect provider; see `SingleSignOnConfiguration`.
    case ssoIssuer = "sso_issuer"
    case ssoClientID = "sso_client_id"
    case ssoClientSecretFile = "sso_client_secret_file"
    case ssoName = "sso_name"
    case accountDeletionGraceDays = "account_deletion_grace_days"
    // Outgoing e-mail (iMIP invitations to people outside this server); see `MailConfiguration`.
    case maxAttendees = "max_attendees"
    case schedulingMessagesPerHour = "scheduling_messages_per_hour"
    case freeBusyVisibility = "freebusy_visibility"
    case smtpHost = "smtp_host"
    case smtpPort = "smtp_port"
    case smtpTLS = "smtp_tls"
    case smtpUsername = "smtp_username"
    case smtpPassword = "smtp_password"
    case smtpPasswordFile = "smtp_password_file"
    case smtpAllowInsecureAuth = "smtp_allow_insecure_auth"
    case smtpCAFile = "smtp_ca_file"
    case smtpHelo = "smtp_helo"
    case smtpFrom = "smtp_from"
    case smtpRetryBase = "smtp_retry_base"
    case smtpMaxAttempts = "smtp_max_attempts"
    case smtpPollInterval = "smtp_poll_interval"

    /// `ALMANAC_HOST`, `ALMANAC_BASE_URL`, ...
    public var environmentName: String { "ALMANAC_" + rawValue.uppercased() }

    /// One line for `--help` and the configuration documentation.
    public var summary: String {
        switch self {
        case .host: "interface to listen on (default \(ServerConfiguration.defaultHost))"
        case .port: "TCP port (default \(ServerConfiguration.defaultPort))"
        case .store:
            "sqlite (almanac.sqlite in the data directory; the default) or postgres://user@host[:port][,host2...]/db"
                + "[?sslmode=disable|prefer|require|verify-full&sslrootcert=FILE] for several nodes on one PostgreSQL"
        case .storePasswordFile: "file holding the PostgreSQL password (instead of one in the store URL)"
        case .baseURL: "public URL clients use, e.g. https://cal.example.com/dav; its path is the DAV base path"
        case .logLevel: "trace, debug, info, notice, warning, error or critical (default info)"
        case .maxBodySize: "largest request body in bytes (default \(ServerConfiguration.defaultMaxRequestBodySize))"
        case .bcryptCost: "bcrypt cost for new password hashes, 4-31 (default \(ServerConfiguration.defaultBcryptCost))"
        case .trustForwardedFor: "true behind a reverse proxy that sets X-Forwarded-For (default false)"
        case .idleTimeout:
            "seconds a connection may stay silent, idle or mid-request, before it is closed (default \(ServerConfiguration.defaultIdleTimeout.components.seconds))"
        case .bodyTimeout:
            "seconds a request body may take to arrive in full (default \(ServerConfiguration.defaultBodyTimeout.components.seconds))"
        case .apiRequestsPerMinute:
            "JSON API requests a minute per user and per token on each node, 0 for no limit (default \(ServerConfiguration.defaultAPIRequestsPerMinute))"
        case .ssoIssuer: "OpenID Connect provider people may sign in with (its issuer URL; enables single sign-on)"
        case .ssoClientID: "the client id Almanac is registered as at the provider"
        case .ssoClientSecretFile: "file holding that client's secret"
        case .ssoName: "the provider's name on the sign-in button (default: the issuer's host)"
        case .allowSignup:
            "true to let people make their own accounts through the API (needs smtp_host; default false)"
        case .accountDeletionGraceDays:
            "days an account that asked to be deleted keeps working first, 0 for the next hourly pass (default \(AccountSettings.defaultDeletionGraceDays))"
        case .maxAttendees:
            "most attendees one event may invite (default \(SchedulingLimits().maxAttendeesPerInstance))"
        case .schedulingMessagesPerHour:
            "most scheduling messages one user's changes may send per hour (default \(SchedulingLimits().messagesPerHour))"
        case .freeBusyVisibility:
            "who may look up the busy times of a user who chose nothing: everyone, sharees or nobody (default everyone)"
        case .smtpHost: "mail relay for e-mail invitations; none means they stay queued (default none)"
        case .smtpPort: "mail relay port (default 25, 587 or 465 by smtp_tls)"
        case .smtpTLS: "none, starttls or tls (default starttls)"
        case .smtpUsername: "user name for SMTP AUTH (default none: no AUTH)"
        case .smtpPassword: "password for SMTP AUTH"
        case .smtpPasswordFile: "file holding the SMTP AUTH password (instead of smtp_password)"
        case .smtpAllowInsecureAuth: "true to allow AUTH over an unencrypted connection (default false)"
        case .smtpCAFile: "PEM file of the CA certificates the relay's certificate must chain to (default system)"
        case .smtpHelo: "host name to give in EHLO (default the host name of base_url, else localhost)"
        case .smtpFrom: "sender address of e-mail invitations (default the organizer's address)"
        case .smtpRetryBase: "seconds before the first retry; doubles per attempt (default \(MailRetryPolicy.defaultRetryBase.components.seconds))"
        case .smtpMaxAttempts: "delivery attempts before giving up (default \(MailRetryPolicy.defaultMaxAttempts))"
        case .smtpPollInterval: "seconds between checks of the mail queue (default \(MailRetryPolicy.defaultPollInterval.components.seconds))"
        }
    }
}

/// A config file: `key = value` lines; `#` starts a comment line; blank lines are ignored; values may be quoted.
public enum ConfigurationFile {
    /// The settings in `text`. Unknown keys and repeated keys are errors, so a typo does not pass silently.
    public static func parse(_ text: String, source: String = "config file")
        throws(ConfigurationError) -> [ConfigurationKey: String] {
        var settings: [ConfigurationKey: String] = [:]
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            let where_ = "\(source) line \(offset + 1)"
            guard let equals = line.firstIndex(of: "=") else {
                throw ConfigurationError("\(where_): expected 'key = value', got '\(line)'")
            }
            let name = line[..<equals].trimmingWhitespace()
            guard let key = ConfigurationKey(rawValue: String(name)) else {
                let known = ConfigurationKey.allCases.map(\.rawValue).joined(separator: ", ")
                throw ConfigurationError("\(where_): unknown key '\(name)' (known keys: \(known))")
            }
            guard settings[key] == nil else { throw ConfigurationError("\(where_): '\(name)' is set twice") }
            var value = line[line.index(after: equals)...].trimmingWhitespace()
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = value.dropFirst().dropLast()
            }
            settings[key] = String(value)
        }
        return settings
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> SubSequence {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map(index(after:)) ?? start
        return self[start..<end]
    }
}
