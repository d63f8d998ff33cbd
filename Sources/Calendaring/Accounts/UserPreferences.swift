import CalendarStore
import Foundation
import ICalendar

/// How a person likes their calendar shown: their time zone, language and first day of the week. Apps read and
/// set them through the API; the store keeps them as a small JSON document it does not interpret
/// (`CalendarStore.setUserPreferences`), so adding one needs no migration.
public struct UserPreferences: Sendable, Hashable, Codable {
    public enum Weekday: String, Sendable, Hashable, Codable, CaseIterable {
        case monday, tuesday, wednesday, thursday, friday, saturday, sunday
    }

    /// An IANA zone the server knows (`Europe/Berlin`).
    public var timeZone: String?
    /// A BCP 47 language tag (`en`, `de-CH`, `zh-Hant-TW`).
    public var language: String?
    public var weekStart: Weekday?

    public init(timeZone: String? = nil, language: String? = nil, weekStart: Weekday? = nil) {
        self.timeZone = timeZone
        self.language = language
        self.weekStart = weekStart
    }

    /// A change: each field given replaces the stored one; an empty time zone or language removes it.
    public struct Change: Sendable, Hashable {
        public var timeZone: String?
        public var language: String?
        public var weekStart: Weekday?

        public init(timeZone: String? = nil, language: String? = nil, weekStart: Weekday? = nil) {
            self.timeZone = timeZone
            self.language = language
            self.weekStart = weekStart
        }
    }

    /// These preferences with `change` applied, each value checked: a zone the server's tz database has (written
    /// as the database names it), a well-formed language tag.
    func applying(_ change: Change, timeZones: TimeZoneDatabase) throws(AccountError) -> UserPreferences {
        var result = self
        if let zone = change.timeZone?.trimmingSpaces {
            if zone.isEmpty {
                result.timeZone = nil
            } else {
                do {
                    result.timeZone = try timeZones.zone(identifier: zone).identifier
                } catch {
                    throw .invalidPreference(field: "timeZone", reason: "'\(zone)' is not a time zone this server knows "
                                                 + "(use an IANA name such as Europe/Berlin).")
                }
            }
        }
        if let tag = change.language?.trimmingSpaces {
            if tag.isEmpty {
                result.language = nil
            } else {
                guard Self.isLanguageTag(tag) else {
                    throw .invalidPreference(field: "language", reason: "'\(tag)' is not a language tag such as en, "
                                                 + "de-CH or zh-Hant-TW (BCP 47).")
                }
                result.language = tag
            }
        }
        if let day = change.weekStart { result.weekStart = day }
        return result
    }

    /// A BCP 47 tag's shape, checked briefly: a primary language of 2 to 3 letters (or 4 to 8, or the private `x`
    /// and grandfathered `i`), then subtags of 1 to 8 letters and digits, 35 characters at most. The registry is not
    /// consulted: apps fall back from a tag they do not know.
    /// Spec: RFC 5646 §2.1 (syntax), §4.4.1 (35 characters hold any tag that matters).
    static func isLanguageTag(_ tag: String) -> Bool {
        guard tag.utf8.count <= 35 else { return false }
        let subtags = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let primary = subtags.first else { return false }
        let isLetter = { (byte: UInt8) in (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) }
        let isDigit = { (byte: UInt8) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        guard primary.utf8.allSatisfy(isLetter),
              (2...8).contains(primary.utf8.count) || primary.lowercased() == "x" || primary.lowercased() == "i" else {
            return false
        }
        return subtags.dropFirst().allSatisfy {
            (1...8).contains($0.utf8.count) && $0.utf8.allSatisfy { isLetter($0) || isDigit($0) }
        }
    }

    /// The stored document read back; a document this version cannot read counts as no preferences.
    static func decode(_ document: String?) -> UserPreferences {
        guard let document, let data = document.data(using: .utf8),
              let preferences = try? JSONDecoder().decode(UserPreferences.self, from: data) else {
            return UserPreferences()
        }
        return preferences
    }

    /// The document to store; nil when nothing is set.
    var document: String? {
        guard self != UserPreferences() else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) }
    }
}
