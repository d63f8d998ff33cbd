@testable import Calendaring
import ICalendar
import Testing

/// The shapes an account's values must have, the same for every door, and preferences checked against the tz
/// database.
@Suite struct AccountRulesTests {
    @Test(arguments: ["alice@example.com", "a.b+tag@sub.example.org", "  x@example.test  ", "ü@bücher.example"])
    func plausibleAddressesPass(_ address: String) throws {
        #expect(try AccountRules.validatedEmail(address) == address.trimmingSpaces)
    }

    @Test(arguments: ["", "alice", "alice@", "@example.com", "a@b@example.com", "alice@example", "alice@example.c",
                      "al ice@example.com", "<alice@example.com>", "alice@-x.example.com", "alice@example..com",
                      "a\r\n@example.com"])
    func implausibleAddressesAreRefused(_ address: String) {
        #expect(throws: AccountError.self) { try AccountRules.validatedEmail(address) }
    }

    @Test func namesPasswordsAndDisplayNames() {
        #expect(throws: AccountError.self) { try AccountRules.validate(userName: "a/b") }
        #expect(throws: AccountError.self) { try AccountRules.validate(userName: "..") }
        #expect(throws: Never.self) { try AccountRules.validate(userName: "anna-maria_1@x") }
        #expect(throws: AccountError.self) { try AccountRules.validate(password: "seven77") }
        #expect(throws: AccountError.self) { try AccountRules.validate(password: String(repeating: "é", count: 37)) }
        #expect(throws: AccountError.self) { try AccountRules.validatedDisplayName("   ") }
        #expect(throws: AccountError.self) { try AccountRules.validatedDisplayName("a\u{7}b") }
        #expect(AccountRules.sameEmail("Alice@Example.COM", "alice@example.com"))
    }

    @Test func languageTags() {
        for tag in ["en", "de-CH", "zh-Hant-TW", "sr-Latn-RS", "es-419", "x-private", "i-klingon"] {
            #expect(UserPreferences.isLanguageTag(tag), "\(tag)")
        }
        for tag in ["", "e", "english language", "de_CH", "de--CH", "123", "de-CHCHCHCHCH", String(repeating: "ab-", count: 20) + "x"] {
            #expect(!UserPreferences.isLanguageTag(tag), "\(tag)")
        }
    }

    @Test func preferencesChangeAndRoundTrip() throws {
        let zones = TimeZoneDatabase()
        let set = try UserPreferences().applying(.init(timeZone: "america/new_york", language: "en-US", weekStart: .sunday),
                                                 timeZones: zones)
        #expect(set == UserPreferences(timeZone: "America/New_York", language: "en-US", weekStart: .sunday))
        #expect(UserPreferences.decode(set.document) == set)
        let cleared = try set.applying(.init(timeZone: "", language: ""), timeZones: zones)
        #expect(cleared == UserPreferences(weekStart: .sunday))
        #expect(throws: AccountError.self) { try set.applying(.init(timeZone: "Mars/Olympus_Mons"), timeZones: zones) }
        #expect(throws: AccountError.self) { try set.applying(.init(timeZone: "../../etc/passwd"), timeZones: zones) }
        #expect(UserPreferences().document == nil)
        #expect(UserPreferences.decode("not json") == UserPreferences())
    }
}
