import Foundation
import Testing
@testable import ICalendar

/// RFC 8536 TZif reading: versions, the footer, and refusal of damaged input without crashing.
@Suite struct TimeZoneTZifTests {
    typealias T = TZTest

    static let est = TZifBuilder.TypeSpec(offset: -18000, isDST: false, abbreviation: "EST")
    static let edt = TZifBuilder.TypeSpec(offset: -14400, isDST: true, abbreviation: "EDT")
    static let lmt = TZifBuilder.TypeSpec(offset: -17762, isDST: false, abbreviation: "LMT")

    @Test func readsVersionOneFiles() throws {
        var builder = TZifBuilder()
        builder.version = 0
        builder.types = [Self.lmt, Self.est, Self.edt]
        builder.times = [-2_000_000_000, 1_710_054_000]  // 1906-08-16, 2024-03-10 07:00Z (v1 times are 32-bit)
        builder.typeIndices = [1, 2]
        let file = try TZifFile(bytes: builder.build())
        #expect(file.version == 1)
        #expect(file.footer == nil)
        #expect(file.transitionTimes == builder.times)
        #expect(file.types.map(\.abbreviation) == ["LMT", "EST", "EDT"])
        // Without a footer the last type stays in force.
        let zone = try IANATimeZone(identifier: "Test/V1", file: file)
        #expect(zone.offset(at: T.utc(1800, 1, 1)) == UTCOffset(seconds: -17762))
        #expect(zone.offset(at: T.utc(2000, 1, 1)) == T.offset(-5))
        #expect(zone.offset(at: T.utc(2300, 1, 1)) == T.offset(-4))
        #expect(zone.instant(for: T.local(2024, 3, 10, 2, 30)) == T.utc(2024, 3, 10, 7, 30))
    }

    @Test(arguments: [UInt8(ascii: "2"), UInt8(ascii: "3"), UInt8(ascii: "4")])
    func readsTheSixtyFourBitBlockAndFooter(version: UInt8) throws {
        var builder = TZifBuilder()
        builder.version = version
        builder.types = [Self.lmt, Self.est, Self.edt]
        // 1700 is outside the 32-bit range; only the 64-bit block can carry it.
        builder.times = [Instant(utc: T.local(1700, 1, 1)).secondsSinceEpoch, 1_710_054_000, 1_730_613_600]
        builder.typeIndices = [1, 2, 1]
        builder.footer = "EST5EDT,M3.2.0,M11.1.0"
        let file = try TZifFile(bytes: builder.build())
        #expect(file.version == Int(version - UInt8(ascii: "0")))
        #expect(file.footer == "EST5EDT,M3.2.0,M11.1.0")
        #expect(file.transitionTimes.first == Instant(utc: T.local(1700, 1, 1)).secondsSinceEpoch)
        let zone = try IANATimeZone(identifier: "Test/V2", file: file)
        #expect(zone.offset(at: T.utc(1650, 1, 1)) == UTCOffset(seconds: -17762))
        #expect(zone.offset(at: T.utc(2025, 7, 1)) == T.offset(-4))  // from the footer
        #expect(zone.fileTransitionCount == 3)
    }

    @Test func footerOnlyZoneFollowsTheRuleEverywhere() throws {
        // RFC 8536 §3.2: with no transitions the footer specifies local time for all timestamps.
        var builder = TZifBuilder()
        builder.types = [Self.est]
        builder.footer = "EST5EDT,M4.1.0,M10.5.0"
        let zone = try IANATimeZone(identifier: "Test/FooterOnly", tzif: builder.build())
        #expect(zone.offset(at: T.utc(1950, 7, 1)) == T.offset(-4))
        #expect(zone.offset(at: T.utc(1950, 1, 1)) == T.offset(-5))
        #expect(zone.offset(at: T.utc(2024, 7, 1)) == T.offset(-4))
        #expect(zone.instant(for: T.local(1950, 7, 1, 12)) == T.utc(1950, 7, 1, 16))
        #expect(zone.instant(for: T.local(1950, 4, 2, 2, 30)) == T.utc(1950, 4, 2, 7, 30))  // gap
    }

    @Test func emptyFooterKeepsTheLastType() throws {
        var builder = TZifBuilder()
        builder.types = [Self.est, Self.edt]
        builder.times = [0]
        builder.typeIndices = [1]
        builder.footer = ""
        let zone = try IANATimeZone(identifier: "Test/Empty", tzif: builder.build())
        #expect(zone.footer == nil)
        #expect(zone.offset(at: T.utc(2500, 1, 1)) == T.offset(-4))
    }

    @Test func refusesLeapSecondFiles() throws {
        var builder = TZifBuilder()
        builder.leapCount = 1
        #expect {
            try TZifFile(bytes: builder.build())
        } throws: { ($0 as? TimeZoneError)?.code == .invalidTZif && ($0 as? TimeZoneError)?.message.contains("right/") == true }
    }

    @Test func refusesBadHeadersAndData() throws {
        func code(_ bytes: [UInt8]) -> TimeZoneError.Code? {
            do { _ = try TZifFile(bytes: bytes); return nil } catch { return error.code }
        }
        #expect(code(Array("TZxf2".utf8) + [UInt8](repeating: 0, count: 60)) == .invalidTZif)
        #expect(code([]) == .invalidTZif)
        var builder = TZifBuilder()
        builder.types = [Self.est]
        builder.times = [10, 5]
        builder.typeIndices = [0, 0]
        #expect(code(builder.build()) == .invalidTZif)  // not ascending
        builder.times = [5]
        builder.typeIndices = [3]
        #expect(code(builder.build()) == .invalidTZif)  // type index out of range
        builder.typeIndices = [0]
        builder.footer = "EST5EDT,M13.1.0,M1.1.0"
        #expect(throws: TimeZoneError.self) { try IANATimeZone(identifier: "Bad/Footer", tzif: builder.build()) }
        builder.footer = ""
        builder.times = [Int64.max - 10]
        #expect(code(builder.build()) == .invalidTZif)  // far beyond any real transition
        var bytes = TZifBuilder().build()
        bytes.removeLast()  // footer's closing newline
        #expect(code(bytes) == .invalidTZif)
    }

    @Test func bigBangFirstTransitionWithAFooter() throws {
        // zic -b fat starts files with a transition at -2^59; with nothing after it the footer takes over.
        var builder = TZifBuilder()
        builder.types = [Self.est, Self.edt]
        builder.times = [-(1 << 59)]
        builder.typeIndices = [0]
        builder.footer = "EST5EDT,M3.2.0,M11.1.0"
        let zone = try IANATimeZone(identifier: "Test/BigBang", tzif: builder.build())
        #expect(zone.offset(at: T.utc(2024, 7, 1)) == T.offset(-4))
        #expect(zone.instant(for: T.local(2024, 11, 3, 1, 30)) == T.utc(2024, 11, 3, 5, 30))
    }

    @Test func damagedSystemFilesThrowInsteadOfCrashing() throws {
        let path = T.database.directory + "/America/New_York"
        guard let data = FileManager.default.contents(atPath: path) else {
            Issue.record("cannot read \(path): install tzdata or set TZDIR")
            return
        }
        let bytes = [UInt8](data)
        // Every truncation.
        for length in stride(from: 0, to: bytes.count, by: 7) {
            _ = try? IANATimeZone(identifier: "X", tzif: Array(bytes.prefix(length)))
        }
        // Deterministic byte flips.
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2000 {
            var copy = bytes
            for _ in 0..<3 {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                copy[Int(seed >> 33) % copy.count] = UInt8(truncatingIfNeeded: seed >> 17)
            }
            if let zone = try? IANATimeZone(identifier: "X", tzif: copy) {
                _ = zone.offset(at: T.utc(2024, 1, 1))
                _ = zone.instant(for: T.local(2024, 3, 10, 2, 30))
            }
        }
    }
}
