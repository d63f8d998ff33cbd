/// Why a time zone could not be found or read, and what to do about it.
///
/// Spec: RFC 8536 (TZif), POSIX.1-2017 §8.3 (TZ) as extended by RFC 8536 §3.3.1. The message is written for the
/// person who has to fix the input or the machine.
public struct TimeZoneError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// The identifier is not a safe relative name (`..`, an absolute path, odd characters, too long).
        case invalidIdentifier
        /// The identifier is well formed but the database has no such zone.
        case unknownZone
        /// The tz database directory is missing or unreadable (tzdata not installed, `TZDIR` wrong).
        case databaseUnavailable
        /// The zone file exists but is not valid TZif.
        case invalidTZif
        /// A POSIX TZ string (a TZif footer) could not be parsed.
        case invalidPOSIXRule
    }

    public var code: Code
    /// The identifier or TZ string concerned.
    public var identifier: String?
    public var message: String

    public init(_ code: Code, identifier: String? = nil, message: String) {
        self.code = code
        self.identifier = identifier
        self.message = message
    }

    public var description: String {
        if let identifier { return "\(code.rawValue) '\(identifier)': \(message)" }
        return "\(code.rawValue): \(message)"
    }
}
