import Testing
@testable import ICalendar

/// RFC 5545 §3.3.5 conversions against the system tz database. Expected values were worked out from the zone rules
/// and cross-checked with Python's zoneinfo (fold=0 has the same gap and overlap semantics).
@Suite struct TimeZoneConversionTests {
    typealias T = TZTest

    @Test func newYorkSpringForwardGapMovesLater() throws {
        let ny = try T.zone("America/New_York")
        // 02:30 does not exist on 2024-03-10; it is read with EST (-5), so 07:30Z, shown as 03:30 EDT.
        let instant = ny.instant(for: T.local(2024, 3, 10, 2, 30))
        #expect(instant == T.utc(2024, 3, 10, 7, 30))
        #expect(ny.local(at: instant) == T.local(2024, 3, 10, 3, 30))
        #expect(ny.instant(for: T.local(2024, 3, 10, 1, 59, 59)) == T.utc(2024, 3, 10, 6, 59, 59))
        #expect(ny.instant(for: T.local(2024, 3, 10, 3, 0)) == T.utc(2024, 3, 10, 7, 0))
        #expect(ny.offset(at: T.utc(2024, 3, 10, 6, 59, 59)) == T.offset(-5))
        #expect(ny.offset(at: T.utc(2024, 3, 10, 7)) == T.offset(-4))
    }

    @Test func newYorkFallBackOverlapTakesFirstOccurrence() throws {
        let ny = try T.zone("America/New_York")
        #expect(ny.instant(for: T.local(2024, 11, 3, 1, 30)) == T.utc(2024, 11, 3, 5, 30))
        #expect(ny.instant(for: T.local(2024, 11, 3, 0, 59)) == T.utc(2024, 11, 3, 4, 59))
        #expect(ny.instant(for: T.local(2024, 11, 3, 2, 0)) == T.utc(2024, 11, 3, 7, 0))
        #expect(ny.offset(at: T.utc(2024, 11, 3, 5, 59, 59)) == T.offset(-4))
        #expect(ny.offset(at: T.utc(2024, 11, 3, 6)) == T.offset(-5))
        #expect(ny.local(at: T.utc(2024, 11, 3, 6, 30)) == T.local(2024, 11, 3, 1, 30))  // second 01:30
    }

    @Test func londonGapAndOverlap() throws {
        let london = try T.zone("Europe/London")
        // 2024-03-31 01:00 GMT -> 02:00 BST: 01:30 is read with GMT.
        #expect(london.instant(for: T.local(2024, 3, 31, 1, 30)) == T.utc(2024, 3, 31, 1, 30))
        #expect(london.local(at: T.utc(2024, 3, 31, 1, 30)) == T.local(2024, 3, 31, 2, 30))
        // 2024-10-27 02:00 BST -> 01:00 GMT: the first 01:30 is BST.
        #expect(london.instant(for: T.local(2024, 10, 27, 1, 30)) == T.utc(2024, 10, 27, 0, 30))
        #expect(london.offset(at: T.utc(2024, 7, 1)) == T.offset(1))
        #expect(london.localTimeType(at: T.utc(2024, 7, 1)).abbreviation == "BST")
        #expect(london.localTimeType(at: T.utc(2024, 12, 1)) == LocalTimeType(offset: .zero, isDaylightSaving: false, abbreviation: "GMT"))
    }

    @Test func lordHoweHalfHourShift() throws {
        let lh = try T.zone("Australia/Lord_Howe")
        #expect(lh.offset(at: T.utc(2024, 7, 1)) == T.offset(10, 30))
        #expect(lh.offset(at: T.utc(2024, 1, 1)) == T.offset(11))
        // 2024-10-06 02:00 +10:30 -> 02:30 +11: 02:15 is in the 30-minute gap.
        #expect(lh.instant(for: T.local(2024, 10, 6, 2, 15)) == T.utc(2024, 10, 5, 15, 45))
        #expect(lh.local(at: T.utc(2024, 10, 5, 15, 45)) == T.local(2024, 10, 6, 2, 45))
        // 2024-04-07 02:00 +11 -> 01:30 +10:30: 01:45 happens twice; the first is +11.
        #expect(lh.instant(for: T.local(2024, 4, 7, 1, 45)) == T.utc(2024, 4, 6, 14, 45))
        #expect(lh.localTimeType(at: T.utc(2024, 1, 1)).abbreviation == "+11")
        #expect(lh.footer?.text == "<+1030>-10:30<+11>-11,M10.1.0,M4.1.0")
    }

    @Test func apiaSkipsTheThirtiethOfDecember2011() throws {
        let apia = try T.zone("Pacific/Apia")
        // 2011-12-29 24:00 -10 became 2011-12-31 00:00 +14 at 2011-12-30T10:00Z.
        #expect(apia.offset(at: T.utc(2011, 12, 30, 9, 59, 59)) == T.offset(-10))
        #expect(apia.offset(at: T.utc(2011, 12, 30, 10)) == T.offset(14))
        #expect(apia.local(at: T.utc(2011, 12, 30, 9, 59, 59)) == T.local(2011, 12, 29, 23, 59, 59))
        #expect(apia.local(at: T.utc(2011, 12, 30, 10)) == T.local(2011, 12, 31, 0, 0))
        #expect(apia.instant(for: T.local(2011, 12, 29, 12)) == T.utc(2011, 12, 29, 22))
        #expect(apia.instant(for: T.local(2011, 12, 31, 12)) == T.utc(2011, 12, 30, 22))
        // A wall clock on the missing day lies in a 24-hour gap: read with -10, it lands a day later.
        let noon = apia.instant(for: T.local(2011, 12, 30, 12))
        #expect(noon == T.utc(2011, 12, 30, 22))
        #expect(apia.local(at: noon) == T.local(2011, 12, 31, 12))
        #expect(apia.instant(for: T.local(2011, 12, 30, 0)) == T.utc(2011, 12, 30, 10))
    }

    @Test func farFutureUsesTheFooterRule() throws {
        let ny = try T.zone("America/New_York")
        #expect(ny.instant(for: T.local(2100, 7, 1, 12)) == T.utc(2100, 7, 1, 16))
        #expect(ny.instant(for: T.local(2100, 3, 14, 2, 30)) == T.utc(2100, 3, 14, 7, 30))
        #expect(ny.offset(at: T.utc(2100, 12, 25)) == T.offset(-5))
        // Past the precomputed years the rule is evaluated directly.
        #expect(ny.instant(for: T.local(2200, 3, 9, 2, 30)) == T.utc(2200, 3, 9, 7, 30))
        #expect(ny.instant(for: T.local(2200, 11, 2, 1, 30)) == T.utc(2200, 11, 2, 5, 30))
        #expect(ny.offset(at: T.utc(2200, 11, 2, 5, 59, 59)) == T.offset(-4))
        #expect(ny.offset(at: T.utc(2200, 11, 2, 6)) == T.offset(-5))
        #expect(ny.localTimeType(at: T.utc(2200, 7, 1)).abbreviation == "EDT")
        let lh = try T.zone("Australia/Lord_Howe")
        #expect(lh.offset(at: T.utc(2150, 1, 1)) == T.offset(11))
        #expect(lh.offset(at: T.utc(2150, 7, 1)) == T.offset(10, 30))
    }

    @Test func farPastUsesTheFirstTypeBeforeAnyTransition() throws {
        let ny = try T.zone("America/New_York")
        // Local mean time, -4:56:02, until 1883-11-18.
        #expect(ny.offset(at: T.utc(1800, 1, 1)) == T.offset(-4, 56, 2))
        #expect(ny.instant(for: T.local(1800, 1, 1)) == T.utc(1800, 1, 1, 4, 56, 2))
        #expect(ny.initialLocalTimeType.abbreviation == "LMT")
        #expect(ny.offset(at: T.utc(1883, 11, 18, 17)) == T.offset(-5))
    }

    @Test func zonesWithoutTransitions() throws {
        let utc = try T.zone("Etc/UTC")
        #expect(utc.offset(at: T.utc(2024, 1, 1)) == .zero)
        #expect(utc.instant(for: T.local(1500, 1, 1)) == T.utc(1500, 1, 1))
        let plus5 = try T.zone("Etc/GMT+5")
        #expect(plus5.offset(at: T.utc(2024, 6, 1)) == T.offset(-5))
        #expect(plus5.localTimeType(at: T.utc(2024, 6, 1)).abbreviation == "-05")
    }

    @Test func zonesThatDroppedDaylightTimeKeepTheirLastOffset() throws {
        let tokyo = try T.zone("Asia/Tokyo")
        #expect(tokyo.offset(at: T.utc(2300, 1, 1)) == T.offset(9))
        #expect(tokyo.instant(for: T.local(2024, 6, 1, 9)) == T.utc(2024, 6, 1))
    }

    @Test func transitionsListsFileAndFooterChanges() throws {
        let ny = try T.zone("America/New_York")
        let t = ny.transitions(from: T.utc(2024, 1, 1), to: T.utc(2025, 1, 1))
        #expect(t.map(\.instant) == [T.utc(2024, 3, 10, 7), T.utc(2024, 11, 3, 6)])
        #expect(t.map(\.onset) == [T.local(2024, 3, 10, 2), T.local(2024, 11, 3, 2)])
        #expect(t[0].after.abbreviation == "EDT" && t[0].before.abbreviation == "EST")
        let far = ny.transitions(from: T.utc(2299, 1, 1), to: T.utc(2300, 1, 1))
        #expect(far.count == 2)
        #expect(far.first?.after.isDaylightSaving == true)
    }

    @Test func localTimeRoundTripsEveryHourAcrossAYear() throws {
        for id in ["America/New_York", "Europe/London", "Australia/Lord_Howe", "America/Nuuk", "Asia/Jerusalem"] {
            let zone = try T.zone(id)
            var instant = T.utc(2023, 12, 31)
            while instant < T.utc(2025, 1, 2) {
                let local = zone.local(at: instant)
                let back = zone.instant(for: local)
                // Round trip is exact except for the second copy of a repeated hour, which maps to the first.
                if back != instant {
                    #expect(back < instant && zone.local(at: back) == local, "\(id) \(instant)")
                }
                instant = instant.adding(seconds: 1800)
            }
        }
    }

    @Test func resolvesDateTimeThroughTheDatabase() throws {
        let value = DateTime.zoned(T.local(2024, 7, 4, 9), tzid: "America/New_York")
        #expect(value.instant(resolver: T.database) == T.utc(2024, 7, 4, 13))
        let windows = DateTime.zoned(T.local(2024, 7, 4, 9), tzid: "Eastern Standard Time")
        #expect(windows.instant(resolver: T.database) == T.utc(2024, 7, 4, 13))
    }
}
