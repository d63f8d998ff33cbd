/// The contents of one TZif file, checked but not yet interpreted: transition times, the local time type after each,
/// the types themselves and the footer TZ string.
///
/// Spec: RFC 8536 (versions 1–4). For version 2 and later the 64-bit second data block is read and the 32-bit first
/// block is skipped; a version 1 file has only the 32-bit block and no footer. Files carrying leap-second records
/// (the `right/` variants) count time differently and are refused.
public struct TZifFile: Hashable, Sendable {
    /// One `ttinfo` record.
    public struct TimeType: Hashable, Sendable {
        public var utcOffset: Int
        public var isDaylightSaving: Bool
        public var abbreviation: String
    }

    /// 1, 2, 3 or 4.
    public var version: Int
    /// Transition instants, seconds since the epoch, strictly ascending.
    public var transitionTimes: [Int64]
    /// For each transition, the index into `types` of the local time type that starts there.
    public var transitionTypes: [Int]
    public var types: [TimeType]
    /// The footer TZ string, nil for version 1 files; may be empty (then local time after the last transition is
    /// unspecified and we keep the last type).
    public var footer: String?

    /// RFC 8536 §3.2: offsets outside this range are suspicious; -2^31 is forbidden outright.
    static let offsetRange = -89_999...93_599

    public init(bytes: [UInt8], identifier: String? = nil) throws(TimeZoneError) {
        var reader = Reader(bytes: bytes, identifier: identifier)
        let header1 = try reader.header()
        if header1.version == 1 {
            self = try reader.dataBlock(header1, timeSize: 4)
            return
        }
        // Skip the version 1 block: its size follows from its header.
        try reader.skip(header1.v1BlockSize)
        let header2 = try reader.header()
        var file = try reader.dataBlock(header2, timeSize: 8)
        file.version = header2.version
        file.footer = try reader.footer()
        self = file
    }

    init(version: Int, transitionTimes: [Int64], transitionTypes: [Int], types: [TimeType], footer: String?) {
        self.version = version
        self.transitionTimes = transitionTimes
        self.transitionTypes = transitionTypes
        self.types = types
        self.footer = footer
    }
}

extension TZifFile {
    struct Header {
        var version: Int
        var isutcnt: Int, isstdcnt: Int, leapcnt: Int, timecnt: Int, typecnt: Int, charcnt: Int

        var v1BlockSize: Int {
            timecnt * 5 + typecnt * 6 + charcnt + leapcnt * 8 + isstdcnt + isutcnt
        }
    }

    /// A bounds-checked big-endian cursor; every read that would pass the end throws instead of trapping.
    struct Reader {
        let bytes: [UInt8]
        let identifier: String?
        var position = 0
        static let timeLimit: Int64 = 1 << 59

        init(bytes: [UInt8], identifier: String?) {
            self.bytes = bytes
            self.identifier = identifier
        }

        func fail(_ why: String) -> TimeZoneError {
            TimeZoneError(.invalidTZif, identifier: identifier, message: why)
        }

        mutating func skip(_ count: Int) throws(TimeZoneError) {
            guard count >= 0, bytes.count - position >= count else { throw fail("file is truncated at byte \(position)") }
            position += count
        }

        mutating func uint8() throws(TimeZoneError) -> UInt8 {
            guard position < bytes.count else { throw fail("file is truncated at byte \(position)") }
            defer { position += 1 }
            return bytes[position]
        }

        mutating func int32() throws(TimeZoneError) -> Int32 {
            guard bytes.count - position >= 4 else { throw fail("file is truncated at byte \(position)") }
            var v: UInt32 = 0
            for i in 0..<4 { v = v << 8 | UInt32(bytes[position + i]) }
            position += 4
            return Int32(bitPattern: v)
        }

        mutating func int64() throws(TimeZoneError) -> Int64 {
            guard bytes.count - position >= 8 else { throw fail("file is truncated at byte \(position)") }
            var v: UInt64 = 0
            for i in 0..<8 { v = v << 8 | UInt64(bytes[position + i]) }
            position += 8
            return Int64(bitPattern: v)
        }

        mutating func header() throws(TimeZoneError) -> Header {
            guard bytes.count - position >= 44, bytes[position..<position + 4].elementsEqual("TZif".utf8) else {
                throw fail("not a TZif file (no 'TZif' magic)")
            }
            let versionByte = bytes[position + 4]
            let version: Int
            switch versionByte {
            case 0: version = 1
            case UInt8(ascii: "2"): version = 2
            case UInt8(ascii: "3"): version = 3
            case UInt8(ascii: "4"): version = 4
            default: throw fail("unsupported TZif version byte \(versionByte)")
            }
            position += 20
            var counts: [Int] = []
            for _ in 0..<6 {
                let n = try int32()
                // Real files have a few thousand entries at most; this also keeps size arithmetic far from overflow.
                guard n >= 0, n <= 1 << 20 else { throw fail("header count \(n) is out of range") }
                counts.append(Int(n))
            }
            let h = Header(version: version, isutcnt: counts[0], isstdcnt: counts[1], leapcnt: counts[2],
                           timecnt: counts[3], typecnt: counts[4], charcnt: counts[5])
            guard h.typecnt >= 1 else { throw fail("typecnt must be at least 1") }
            guard h.charcnt >= 1 else { throw fail("charcnt must be at least 1") }
            guard h.isutcnt == 0 || h.isutcnt == h.typecnt else { throw fail("isutcnt must be 0 or typecnt") }
            guard h.isstdcnt == 0 || h.isstdcnt == h.typecnt else { throw fail("isstdcnt must be 0 or typecnt") }
            guard h.leapcnt == 0 else {
                throw fail("leap-second records are not supported; use the zone without the 'right/' prefix")
            }
            return h
        }

        mutating func dataBlock(_ h: Header, timeSize: Int) throws(TimeZoneError) -> TZifFile {
            var times: [Int64] = []
            times.reserveCapacity(h.timecnt)
            for _ in 0..<h.timecnt {
                let t = timeSize == 4 ? Int64(try int32()) : try int64()
                // zic never writes beyond ±2^59 ("big bang"); the bound keeps offset arithmetic far from overflow.
                guard abs(t) <= Self.timeLimit else { throw fail("transition time \(t) is out of range") }
                if let last = times.last, t <= last { throw fail("transition times are not strictly ascending") }
                times.append(t)
            }
            var typeIndices: [Int] = []
            typeIndices.reserveCapacity(h.timecnt)
            for _ in 0..<h.timecnt {
                let index = Int(try uint8())
                guard index < h.typecnt else { throw fail("transition type index \(index) is out of range") }
                typeIndices.append(index)
            }
            var raw: [(offset: Int32, isDST: Bool, abbreviationIndex: Int)] = []
            for _ in 0..<h.typecnt {
                let offset = try int32()
                let isDST = try uint8()
                let abbreviationIndex = Int(try uint8())
                guard offset != Int32.min else { throw fail("UT offset -2^31 is not allowed") }
                guard isDST <= 1 else { throw fail("isdst must be 0 or 1") }
                guard abbreviationIndex < h.charcnt else { throw fail("abbreviation index is out of range") }
                raw.append((offset, isDST == 1, abbreviationIndex))
            }
            guard bytes.count - position >= h.charcnt else { throw fail("file is truncated in the abbreviations") }
            let chars = Array(bytes[position..<position + h.charcnt])
            position += h.charcnt
            let types = raw.map { r -> TimeType in
                let tail = chars[r.abbreviationIndex...]
                let end = tail.firstIndex(of: 0) ?? chars.endIndex
                return TimeType(utcOffset: Int(r.offset), isDaylightSaving: r.isDST,
                                abbreviation: String(decoding: chars[r.abbreviationIndex..<end], as: UTF8.self))
            }
            try skip(h.leapcnt * (timeSize + 4) + h.isstdcnt + h.isutcnt)
            return TZifFile(version: h.version, transitionTimes: times, transitionTypes: typeIndices, types: types,
                            footer: nil)
        }

        /// `\n` TZ-string `\n` after the version 2+ data block.
        mutating func footer() throws(TimeZoneError) -> String {
            guard position < bytes.count, bytes[position] == 0x0A else { throw fail("footer does not start with a newline") }
            let start = position + 1
            guard let end = bytes[start...].firstIndex(of: 0x0A) else { throw fail("footer does not end with a newline") }
            position = end + 1
            return String(decoding: bytes[start..<end], as: UTF8.self)
        }
    }
}
