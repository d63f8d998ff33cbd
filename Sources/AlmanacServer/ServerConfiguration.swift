import CalDAV
import Calendaring
import Foundation
import Logging
import WebDAV

/// Everything the server needs to know to run, as a plain value. Reading it from flags, environment and the config
/// file is the executable's job; this type only holds and checks the values.
public struct ServerConfiguration: Sendable, Hashable {
    /// Interface to listen on.
    public var host: String
    public var port: Int
    /// Directory holding the database and the config file.
    public var dataDirectory: String
    /// Where the calendars are stored: `sqlite` (almanac.sqlite in the data directory) or a `postgres://` URL. The
    /// executable picks the store from it.
    public var store = "sqlite"
    /// A file holding the PostgreSQL password, kept out of the URL.
    public var storePasswordFile: String?
    /// The public URL clients use, e.g. `https://cal.example.com/dav`. Its path becomes the DAV base path; nil means
    /// the server is reachable at the root of whatever host the client used.
    public var baseURL: URL?
    public var logLevel: Logger.Level
    /// Largest request body accepted, in bytes; larger bodies get 413.
    public var maxRequestBodySize: Int
    /// log2 of the bcrypt rounds for new password hashes (4...31). 12 costs roughly 0.2 s per hash on a server core.
    public var bcryptCost: UInt8
    /// Take the client address from the last `X-Forwarded-For` entry (only behind a reverse proxy that sets it);
    /// otherwise login throttling by address would count every client as the proxy.
    public var trustForwardedFor: Bool
    /// How long a connection may stay silent before it is closed: idle between requests, and also while a request
    /// head or body stops arriving (Hummingbird counts only completed HTTP parts as activity).
    public var idleTimeout: Duration = ServerConfiguration.defaultIdleTimeout
    /// Longest time a request body may take to arrive once the server has asked for it, however slowly it trickles.
    public var bodyTimeout: Duration = ServerConfiguration.defaultBodyTimeout
    /// How often the background pass extends recurring series' materialised instances (the index horizon moves with
    /// the clock; see `IndexMaintenanceService`).
    public var indexMaintenanceInterval: Duration = .seconds(3_600)
    /// The relay for e-mail invitations (iMIP); nil when none is configured, and then they stay queued.
    public var mail: MailConfiguration?
    /// Attendees per event and scheduling messages per user and hour (abuse limits).
    public var schedulingLimits = SchedulingLimits()
    /// JSON API requests a minute per user and per token, on each node; 0 for no limit.
    public var apiRequestsPerMinute = ServerConfiguration.defaultAPIRequestsPerMinute
    /// The OpenID Connect provider people may sign in with on the OAuth consent page; nil for none.
    public var singleSignOn: SingleSignOnConfiguration?
    /// Whether people may make their own accounts (`POST /api/v1/accounts`); they need a mail relay too.
    public var allowSignup = false
    /// Days an account that asked to leave keeps working before it is deleted; 0: at the next maintenance pass.
    public var accountDeletionGraceDays = AccountSettings.defaultDeletionGraceDays

    public static let defaultHost = "127.0.0.1"
    public static let defaultAPIRequestsPerMinute = 600
    public static let defaultPort = 8080
    public static let defaultDataDirectory = "./almanac-data"
    public static let defaultMaxRequestBodySize = 10 * 1024 * 1024
    public static let defaultBcryptCost: UInt8 = 12
    public static let defaultIdleTimeout: Duration = .seconds(60)
    public static let defaultBodyTimeout: Duration = .seconds(300)

    public init(host: String = ServerConfiguration.defaultHost, port: Int = ServerConfiguration.defaultPort,
                dataDirectory: String = ServerConfiguration.defaultDataDirectory, baseURL: URL? = nil,
                logLevel: Logger.Level = .info,
                maxRequestBodySize: Int = ServerConfiguration.defaultMaxRequestBodySize,
                bcryptCost: UInt8 = ServerConfiguration.defaultBcryptCost, trustForwardedFor: Bool = false) {
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        self.baseURL = baseURL
        self.logLevel = logLevel
        self.maxRequestBodySize = maxRequestBodySize
        self.bcryptCost = bcryptCost
        self.trustForwardedFor = trustForwardedFor
    }

    /// The DAV base path derived from `baseURL`: no trailing slash, "" at the root (`https://h/dav/` gives `/dav`).
    public var basePath: String {
        guard let baseURL else { return "" }
        var path = baseURL.path(percentEncoded: true)
        while path.hasSuffix("/") { path.removeLast() }
        if !path.isEmpty && !path.hasPrefix("/") { path = "/" + path }
        return path
    }

    /// The configuration the CalDAV layer receives.
    public var calDAVConfiguration: CalDAVConfiguration {
        CalDAVConfiguration(basePath: basePath, maxResourceSize: maxRequestBodySize, scheduling: schedulingLimits,
                            mailSender: mail?.sender ?? "", sendsMail: mail != nil,
                            publicOrigin: baseURL.flatMap { HTTPOrigin(url: $0.absoluteString) })
    }

    /// What the account operations need to know: sign-up, the grace period, and how addresses are proven (from
    /// `smtp_from`, else `almanac@` the EHLO name, with a link to `/account/verify` at the public URL's origin).
    public var accountSettings: AccountSettings {
        var settings = AccountSettings(allowSignup: allowSignup, deletionGraceDays: accountDeletionGraceDays)
        if let mail {
            settings.verificationMail = VerificationMail(sender: mail.sender ?? "almanac@" + mail.smtp.heloName,
                                                         pageURL: verificationPageURL)
        }
        return settings
    }

    /// `<origin of base_url>/account/verify`, where `AccountPages` serves the confirmation page; nil without a
    /// public URL (the message then carries only the code).
    var verificationPageURL: String? {
        guard let baseURL, var components = URLComponents(url: baseURL, resolvingAgainstBaseURL: false) else {
            return nil
        }
        components.path = AccountPages.verifyPath
        components.query = nil
        components.fragment = nil
        return components.string
    }

    /// Checks ranges the server cannot run with; the message names the setting and the accepted values.
    public func validate() throws(ConfigurationError) {
        guard (1...65_535).contains(port) else { throw ConfigurationError("port must be between 1 and 65535, got \(port)") }
        guard !host.isEmpty else { throw ConfigurationError("host must not be empty") }
        guard schedulingLimits.maxAttendeesPerInstance > 0, schedulingLimits.messagesPerHour > 0 else {
            throw ConfigurationError("max_attendees and scheduling_messages_per_hour must be positive")
        }
        guard maxRequestBodySize > 0 else {
            throw ConfigurationError("max request body size must be positive, got \(maxRequestBodySize)")
        }
        guard apiRequestsPerMinute >= 0 else {
            throw ConfigurationError("api_requests_per_minute must be 0 (no limit) or more, got \(apiRequestsPerMinute)")
        }
        guard idleTimeout > .zero, bodyTimeout > .zero else {
            throw ConfigurationError("idle_timeout and body_timeout must be positive")
        }
        guard (0...3_650).contains(accountDeletionGraceDays) else {
            throw ConfigurationError("account_deletion_grace_days must be between 0 and 3650, got \(accountDeletionGraceDays)")
        }
        guard (4...31).contains(bcryptCost) else {
            throw ConfigurationError("bcrypt cost must be between 4 and 31, got \(bcryptCost)")
        }
        if let baseURL {
            guard let scheme = baseURL.scheme?.lowercased(), scheme == "http" || scheme == "https",
                  baseURL.host() != nil else {
                throw ConfigurationError("base URL must be an absolute http(s) URL, got \(baseURL.absoluteString)")
            }
        }
        try mail?.validate()
    }
}

/// A configuration value the server cannot use; the message says which and why.
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
