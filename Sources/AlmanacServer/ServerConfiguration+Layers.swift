import CalendarStore
import Foundation
import Logging

extension ServerConfiguration {
    /// The configuration from layers of settings, most important first (flags, environment, file); a key takes its
    /// value from the first layer that has it, else the default. Values are checked with messages naming the key.
    public init(dataDirectory: String, layers: [[ConfigurationKey: String]]) throws(ConfigurationError) {
        func value(_ key: ConfigurationKey) -> String? {
            layers.lazy.compactMap { $0[key] }.first
        }
        self.init(dataDirectory: dataDirectory)
        if let host = value(.host) { self.host = host }
        if let port = value(.port) { self.port = try Self.integer(port, key: .port) }
        if let store = value(.store), !store.isEmpty {
            let lowered = store.lowercased()
            guard lowered == "sqlite" || lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://") else {
                throw ConfigurationError("store: '\(store.prefix(40))' is not sqlite or a postgres:// URL")
            }
            self.store = lowered == "sqlite" ? "sqlite" : store
        }
        self.storePasswordFile = value(.storePasswordFile)
        if storePasswordFile != nil, self.store == "sqlite" {
            throw ConfigurationError("store_password_file is set but store is sqlite")
        }
        if let url = value(.baseURL), !url.isEmpty {
            guard let parsed = URL(string: url) else { throw ConfigurationError("base_url: '\(url)' is not a URL") }
            self.baseURL = parsed
        }
        if let level = value(.logLevel) {
            guard let parsed = Logger.Level(rawValue: level.lowercased()) else {
                throw ConfigurationError("log_level: '\(level)' is not one of trace, debug, info, notice, warning, error, critical")
            }
            self.logLevel = parsed
        }
        if let size = value(.maxBodySize) { self.maxRequestBodySize = try Self.integer(size, key: .maxBodySize) }
        if let cost = value(.bcryptCost) {
            guard let parsed = UInt8(cost) else { throw ConfigurationError("bcrypt_cost: '\(cost)' is not between 4 and 31") }
            self.bcryptCost = parsed
        }
        if let trust = value(.trustForwardedFor) {
            switch trust.lowercased() {
            case "true", "yes", "1", "on": self.trustForwardedFor = true
            case "false", "no", "0", "off": self.trustForwardedFor = false
            default: throw ConfigurationError("trust_forwarded_for: '\(trust)' is not true or false")
            }
        }
        if let idle = value(.idleTimeout) { self.idleTimeout = .seconds(try Self.integer(idle, key: .idleTimeout)) }
        if let body = value(.bodyTimeout) { self.bodyTimeout = .seconds(try Self.integer(body, key: .bodyTimeout)) }
        if let rate = value(.apiRequestsPerMinute) {
            self.apiRequestsPerMinute = try Self.integer(rate, key: .apiRequestsPerMinute)
        }
        if let allow = value(.allowSignup) { self.allowSignup = try Self.boolean(allow, key: .allowSignup) }
        if let days = value(.accountDeletionGraceDays) {
            self.accountDeletionGraceDays = try Self.integer(days, key: .accountDeletionGraceDays)
        }
        self.mail = try Self.mail(value)
        self.singleSignOn = try Self.singleSignOn(value)
        if let cap = value(.maxAttendees) {
            schedulingLimits.maxAttendeesPerInstance = try Self.integer(cap, key: .maxAttendees)
        }
        if let rate = value(.schedulingMessagesPerHour) {
            schedulingLimits.messagesPerHour = try Self.integer(rate, key: .schedulingMessagesPerHour)
        }
        if let visibility = value(.freeBusyVisibility) {
            guard let chosen = FreeBusyVisibility(rawValue: visibility.lowercased()) else {
                throw ConfigurationError("freebusy_visibility: '\(visibility)' is not everyone, sharees or nobody")
            }
            schedulingLimits.defaultFreeBusyVisibility = chosen
        }
        try validate()
    }

    /// The outgoing mail settings; nil without `smtp_host`, and then no other `smtp_` key may be set (a relay half
    /// configured would otherwise be silently unused).
    private static func mail(_ value: (ConfigurationKey) -> String?) throws(ConfigurationError) -> MailConfiguration? {
        guard let host = value(.smtpHost), !host.isEmpty else {
            if let stray = ConfigurationKey.allCases.first(where: { $0.rawValue.hasPrefix("smtp_") && value($0) != nil }),
               stray != .smtpHost {
                throw ConfigurationError("\(stray.rawValue) is set but smtp_host is not")
            }
            return nil
        }
        var security = SMTPConfiguration.Security.starttls
        if let mode = value(.smtpTLS) {
            guard let parsed = SMTPConfiguration.Security(rawValue: mode.lowercased()) else {
                throw ConfigurationError("smtp_tls: '\(mode)' is not one of none, starttls, tls")
            }
            security = parsed
        }
        var smtp = SMTPConfiguration(host: host, security: security)
        if let port = value(.smtpPort) { smtp.port = try integer(port, key: .smtpPort) }
        smtp.username = value(.smtpUsername)
        smtp.password = value(.smtpPassword)
        if let file = value(.smtpPasswordFile) {
            guard smtp.password == nil else {
                throw ConfigurationError("smtp_password and smtp_password_file are both set; keep one")
            }
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw ConfigurationError("smtp_password_file: cannot read '\(file)'")
            }
            // A file written by an editor or `echo` ends in a line break that is not part of the password.
            var password = Substring(text)
            while let last = password.last, last == "\n" || last == "\r" { password = password.dropLast() }
            smtp.password = String(password)
        }
        if let allow = value(.smtpAllowInsecureAuth) {
            smtp.allowInsecureAuthentication = try boolean(allow, key: .smtpAllowInsecureAuth)
        }
        if let file = value(.smtpCAFile) { smtp.certificateVerification = .trustRootsPEMFile(file) }
        smtp.heloName = value(.smtpHelo) ?? value(.baseURL).flatMap { URL(string: $0)?.host() } ?? "localhost"
        var policy = MailRetryPolicy()
        if let base = value(.smtpRetryBase) { policy.retryBase = .seconds(try integer(base, key: .smtpRetryBase)) }
        if let attempts = value(.smtpMaxAttempts) { policy.maxAttempts = try integer(attempts, key: .smtpMaxAttempts) }
        if let poll = value(.smtpPollInterval) { policy.pollInterval = .seconds(try integer(poll, key: .smtpPollInterval)) }
        return MailConfiguration(smtp: smtp, sender: value(.smtpFrom), retryPolicy: policy)
    }

    private static func boolean(_ text: String, key: ConfigurationKey) throws(ConfigurationError) -> Bool {
        switch text.lowercased() {
        case "true", "yes", "1", "on": return true
        case "false", "no", "0", "off": return false
        default: throw ConfigurationError("\(key.rawValue): '\(text)' is not true or false")
        }
    }

    private static func integer(_ text: String, key: ConfigurationKey) throws(ConfigurationError) -> Int {
        guard let value = Int(text) else { throw ConfigurationError("\(key.rawValue): '\(text)' is not a whole number") }
        return value
    }
}
