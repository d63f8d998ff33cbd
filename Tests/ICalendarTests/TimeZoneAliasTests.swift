import Testing
@testable import ICalendar

/// TZIDs from the wild: Windows/Exchange IDs (CLDR windowsZones, territory 001), Outlook display names,
/// Mozilla/libical prefixes, UTC spellings and fixed offsets.
@Suite struct TimeZoneAliasTests {
    typealias T = TZTest

    @Test(arguments: [
        ("Eastern Standard Time", "America/New_York"),
        ("W. Europe Standard Time", "Europe/Berlin"),
        ("AUS Eastern Standard Time", "Australia/Sydney"),
        ("Lord Howe Standard Time", "Australia/Lord_Howe"),
        ("Samoa Standard Time", "Pacific/Apia"),
        ("GMT Standard Time", "Europe/London"),
        ("Romance Standard Time", "Europe/Paris"),
        ("India Standard Time", "Asia/Calcutta"),
        ("UTC", "Etc/UTC"),
        ("UTC-11", "Etc/GMT+11"),
        ("UTC+12", "Etc/GMT-12"),
        ("Pacific Standard Time (Mexico)", "America/Tijuana"),
        ("eastern standard time", "America/New_York"),
        ("  Eastern   Standard Time ", "America/New_York"),
        ("Mid-Atlantic Standard Time", "Etc/GMT+2"),
    ])
    func mapsWindowsIDs(_ windows: String, _ iana: String) {
        #expect(WindowsTimeZoneNames.ianaIdentifier(forWindowsID: windows) == iana)
    }

    @Test func everyWindowsMappingExistsInTheDatabase() throws {
        #expect(WindowsTimeZoneNames.entries.count >= 139)
        #expect(Set(WindowsTimeZoneNames.entries.map(\.windowsID)).count == WindowsTimeZoneNames.entries.count)
        #expect(Set(WindowsTimeZoneNames.entries.map(\.displayName)).count == WindowsTimeZoneNames.entries.count)
        for entry in WindowsTimeZoneNames.entries {
            let zone = try T.zone(entry.ianaIdentifier)
            // "UTC" is also an IANA name, which wins; every other Windows ID maps through the table.
            let expected = entry.windowsID == "UTC" ? "UTC" : zone.identifier
            #expect(T.database.zone(for: entry.windowsID)?.identifier == expected, "\(entry.windowsID)")
        }
        for (id, iana) in WindowsTimeZoneNames.legacyIDs {
            #expect(T.database.zone(for: id)?.identifier == iana)
        }
    }

    @Test(arguments: [
        ("(UTC-05:00) Eastern Time (US & Canada)", "America/New_York"),
        ("(GMT-05:00) Eastern Time (US & Canada)", "America/New_York"),
        ("(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", "Europe/Berlin"),
        ("(UTC+10:30) Lord Howe Island", "Australia/Lord_Howe"),
        ("(UTC) Coordinated Universal Time", "Etc/UTC"),
        ("(UTC+00:00) Dublin, Edinburgh, Lisbon, London", "Europe/London"),
        ("Canberra, Melbourne, Sydney", "Australia/Sydney"),
    ])
    func mapsOutlookDisplayNames(_ display: String, _ iana: String) {
        #expect(WindowsTimeZoneNames.ianaIdentifier(forDisplayName: display) == iana)
        #expect(T.database.ianaIdentifier(for: display) == iana)
    }

    @Test(arguments: [
        ("/mozilla.org/20050126_1/America/New_York", "America/New_York"),
        ("/mozilla.org/20070129_1/Europe/Berlin", "Europe/Berlin"),
        ("/freeassociation.sourceforge.net/Tzfile/Europe/London", "Europe/London"),
        ("/freeassociation.sourceforge.net/Europe/London", "Europe/London"),
        ("/softwarestudio.org/Olson_20011030_5/America/Chicago", "America/Chicago"),
        ("/citadel.org/20190914_1/Asia/Tokyo", "Asia/Tokyo"),
        ("america/new_york", "America/New_York"),
        (" Europe/London ", "Europe/London"),
        ("\"Europe/London\"", "Europe/London"),
        ("US/Eastern", "US/Eastern"),
        ("Z", "Etc/UTC"),
        ("z", "Etc/UTC"),
        ("UTC", "UTC"),
        ("utc", "UTC"),
        ("GMT", "GMT"),
        ("Zulu", "Zulu"),
        ("Etc/GMT+5", "Etc/GMT+5"),
        ("GMT-3", "Etc/GMT+3"),
        ("UTC+2", "Etc/GMT-2"),
        ("UTC+01:00", "Etc/GMT-1"),
    ])
    func resolvesTZIDsFromTheWild(_ tzid: String, _ iana: String) {
        #expect(T.database.ianaIdentifier(for: tzid) == iana)
    }

    @Test func etcNamesUsePosixSignsAndUTCNamesISOSigns() throws {
        #expect(T.database.rules(for: "Etc/GMT+5")?.offset(at: T.utc(2024, 1, 1)) == T.offset(-5))
        #expect(T.database.rules(for: "GMT+5")?.offset(at: T.utc(2024, 1, 1)) == T.offset(5))
        let india = try #require(T.database.rules(for: "UTC+05:30"))
        #expect(india is FixedOffsetZone)
        #expect(india.offset(at: T.utc(2024, 1, 1)) == T.offset(5, 30))
        #expect(T.database.rules(for: "GMT-03:30")?.offset(at: T.utc(2024, 1, 1)) == T.offset(-3, 30))
    }

    @Test func fixedOffsetParsing() {
        #expect(TimeZoneIdentifier.fixedOffset(in: "UTC+0530") == T.offset(5, 30))
        #expect(TimeZoneIdentifier.fixedOffset(in: "(GMT-4)") == T.offset(-4))
        #expect(TimeZoneIdentifier.fixedOffset(in: "UT+1") == T.offset(1))
        for text in ["UTC", "UTC+", "UTC+5:5:5", "UTC+99", "UTC+1:60", "EST+5", "UTC+12345", "UTC+a"] {
            #expect(TimeZoneIdentifier.fixedOffset(in: text) == nil, "\(text)")
        }
    }

    @Test func unknownTZIDsResolveToNothing() {
        for tzid in ["Customized Time Zone", "/mozilla.org/20050126_1/Nowhere/Land", "Eastern", "", "   ", "Mars/Olympus_Mons"] {
            #expect(T.database.rules(for: tzid) == nil, "\(tzid)")
        }
    }
}
