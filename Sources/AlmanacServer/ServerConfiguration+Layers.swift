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
        try validate()
    }

    private static func integer(_ text: String, key: ConfigurationKey) throws(ConfigurationError) -> Int {
        guard let value = Int(text) else { throw ConfigurationError("\(key.rawValue): '\(text)' is not a whole number") }
        return value
    }
}
