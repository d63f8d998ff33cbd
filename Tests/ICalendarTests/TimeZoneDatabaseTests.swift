import Testing
@testable import ICalendar

/// Loading, caching and identifier safety of `TimeZoneDatabase`.
@Suite struct TimeZoneDatabaseTests {
    typealias T = TZTest

    @Test func loadsEveryZoneInTheSystemDatabase() throws {
        let ids = try T.database.identifiers()
        #expect(ids.count > 400)
        #expect(ids.contains("America/New_York") && ids.contains("Etc/GMT+5") && ids.contains("US/Eastern"))
        #expect(!ids.contains { $0.hasPrefix("posix/") || $0.hasPrefix("right/") || $0 == "posixrules" })
        for id in ids {
            let zone = try T.zone(id)
            #expect(zone.identifier == id)
            let offset = zone.offset(at: T.utc(2024, 6, 1)).seconds
            #expect((-12 * 3600...14 * 3600).contains(offset), "\(id): \(offset)")
        }
    }

    @Test(arguments: [
        "../../etc/passwd", "/etc/passwd", "America/../../../etc/passwd", "./UTC", "America/./New_York",
        "America//New_York", "America/New_York/", "", "America/New York", "America\\New_York", "America/New_York\u{0}",
        ".hidden", "America/..", String(repeating: "A", count: 300), "Europe/Zürich",
    ])
    func refusesUnsafeIdentifiers(_ id: String) {
        #expect(!TimeZoneIdentifier.isWellFormed(id))
        do {
            _ = try T.database.zone(identifier: id)
            Issue.record("'\(id)' was accepted")
        } catch {
            #expect(error.code == .invalidIdentifier)
        }
        #expect(T.database.rules(for: id) == nil)
    }

    @Test func pathsHiddenInVendorPrefixesDoNotEscape() {
        #expect(T.database.rules(for: "/mozilla.org/../../etc/passwd") == nil)
        #expect(T.database.rules(for: "/x/../../../../etc/localtime") == nil)
        #expect(T.database.rules(for: "/etc/passwd") == nil)
    }

    @Test func unknownAndNonZoneNames() {
        for id in ["America/New_Yor", "America", "zone.tab", "posixrules", "localtime", "tzdata.zi", "Nowhere/Land"] {
            do {
                _ = try T.database.zone(identifier: id)
                Issue.record("'\(id)' was accepted")
            } catch {
                #expect(error.code == .unknownZone, "\(id): \(error)")
            }
        }
    }

    @Test func matchesIdentifiersCaseInsensitively() throws {
        #expect(try T.database.zone(identifier: "america/new_york").identifier == "America/New_York")
        #expect(try T.database.zone(identifier: "EUROPE/LONDON").identifier == "Europe/London")
        #expect(T.database.ianaIdentifier(for: "etc/utc") == "Etc/UTC")
    }

    @Test func missingDatabaseFailsClearly() {
        let missing = TimeZoneDatabase(directory: "/nonexistent/zoneinfo")
        do {
            _ = try missing.zone(identifier: "America/New_York")
            Issue.record("expected databaseUnavailable")
        } catch {
            #expect(error.code == .databaseUnavailable)
            #expect(error.message.contains("tzdata"))
        }
        #expect(throws: TimeZoneError.self) { try missing.identifiers() }
        #expect(missing.rules(for: "America/New_York") == nil)
        // Fixed offsets need no database.
        #expect(missing.rules(for: "UTC+05:30")?.offset(at: T.utc(2024, 1, 1)) == T.offset(5, 30))
    }

    @Test func cachesLoadedZones() throws {
        let db = TimeZoneDatabase(directory: T.database.directory)
        let a = try db.zone(identifier: "Europe/Berlin")
        let b = try #require(db.zone(for: "Europe/Berlin"))
        #expect(a.identifier == b.identifier)
        #expect(db.zone(for: "W. Europe Standard Time")?.identifier == "Europe/Berlin")
        #expect(db.zone(for: "W. Europe Standard Time")?.identifier == "Europe/Berlin")  // from the cache
        #expect(db.zone(for: "No Such Zone") == nil)
        #expect(db.zone(for: "No Such Zone") == nil)
    }

    @Test func concurrentLookupsAgree() async throws {
        let db = TimeZoneDatabase(directory: T.database.directory)
        let ids = ["America/New_York", "Europe/London", "Australia/Lord_Howe", "Pacific/Apia", "Eastern Standard Time",
                   "/mozilla.org/20050126_1/Europe/Paris", "asia/tokyo", "Bogus/Zone"]
        let results = await withTaskGroup(of: (String, String?).self) { group in
            for i in 0..<200 {
                let id = ids[i % ids.count]
                group.addTask { (id, db.zone(for: id)?.identifier) }
            }
            var all: [String: Set<String?>] = [:]
            for await (id, result) in group { all[id, default: []].insert(result) }
            return all
        }
        #expect(results.values.allSatisfy { $0.count == 1 })
        #expect(results["asia/tokyo"] == ["Asia/Tokyo"])
        #expect(results["Bogus/Zone"] == [nil])
    }

    @Test func reportsTheDatabaseVersionWhenKnown() {
        if let version = T.database.version {
            #expect(version.count >= 5 && version.first?.isNumber == true, "\(version)")
        }
    }
}
