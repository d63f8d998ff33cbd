import Testing
@testable import ICalendar

/// One database for the time-zone tests; a missing tzdata makes `zone(_:)` throw `databaseUnavailable`, which
/// fails the test with a message saying to install tzdata or set TZDIR.
enum TZTest {
    static let database = TimeZoneDatabase()

    static func zone(_ identifier: String) throws -> IANATimeZone {
        try database.zone(identifier: identifier)
    }

    static func local(_ y: Int, _ mo: Int, _ d: Int, _ h: Int = 0, _ mi: Int = 0, _ s: Int = 0) -> LocalDateTime {
        LocalDateTime(year: y, month: mo, day: d, hour: h, minute: mi, second: s)!
    }

    static func utc(_ y: Int, _ mo: Int, _ d: Int, _ h: Int = 0, _ mi: Int = 0, _ s: Int = 0) -> Instant {
        Instant(utc: local(y, mo, d, h, mi, s))
    }

    static func offset(_ hours: Int, _ minutes: Int = 0, _ seconds: Int = 0) -> UTCOffset {
        let sign = hours < 0 ? -1 : 1
        return UTCOffset(seconds: hours * 3600 + sign * (minutes * 60 + seconds))
    }
}

/// Writes small TZif files for tests (RFC 8536 §3): a version 1 block and, for version 2+, the 64-bit block and
/// footer.
struct TZifBuilder {
    struct TypeSpec {
        var offset: Int
        var isDST: Bool
        var abbreviation: String
    }

    var version: UInt8 = UInt8(ascii: "2")
    var times: [Int64] = []
    var typeIndices: [UInt8] = []
    var types: [TypeSpec] = [TypeSpec(offset: 0, isDST: false, abbreviation: "UTC")]
    var footer = ""
    var leapCount = 0

    func build() -> [UInt8] {
        var chars: [UInt8] = []
        var abbreviationIndex: [Int] = []
        for type in types {
            abbreviationIndex.append(chars.count)
            chars += Array(type.abbreviation.utf8) + [0]
        }
        func be32(_ v: Int64) -> [UInt8] { (0..<4).reversed().map { UInt8(truncatingIfNeeded: v >> ($0 * 8)) } }
        func be64(_ v: Int64) -> [UInt8] { (0..<8).reversed().map { UInt8(truncatingIfNeeded: v >> ($0 * 8)) } }
        func block(timeSize: Int, version: UInt8) -> [UInt8] {
            var out = Array("TZif".utf8) + [version] + [UInt8](repeating: 0, count: 15)
            for n in [types.count, types.count, leapCount, times.count, types.count, chars.count] { out += be32(Int64(n)) }
            for t in times { out += timeSize == 4 ? be32(t) : be64(t) }
            out += typeIndices
            for (type, index) in zip(types, abbreviationIndex) {
                out += be32(Int64(type.offset)) + [type.isDST ? 1 : 0, UInt8(index)]
            }
            out += chars
            for _ in 0..<leapCount { out += [UInt8](repeating: 0, count: timeSize + 4) }
            out += [UInt8](repeating: 0, count: types.count * 2)  // isstd, isut
            return out
        }
        if version == 0 { return block(timeSize: 4, version: 0) }
        return block(timeSize: 4, version: version) + block(timeSize: 8, version: version) + Array("\n\(footer)\n".utf8)
    }
}
