/// Turning a TZID as clients write it into IANA identifiers to look up, and checking that an identifier is safe to
/// use as a path in the tz database.
///
/// Spec: RFC 5545 §3.2.19 and §3.8.3.1 (a TZID is free text; a leading `/` marks a globally unique one, which
/// Mozilla and libical use as `/mozilla.org/20050126_1/America/New_York` and
/// `/freeassociation.sourceforge.net/Tzfile/Europe/London`). Windows names follow CLDR windowsZones.
public enum TimeZoneIdentifier {
    /// IANA identifiers are short; anything longer is not one.
    public static let maxLength = 255

    /// True when `identifier` can name a file under the tz database directory without escaping it: relative
    /// (no leading `/`), no empty component, no component starting with a dot (so no `.` or `..`), and only the
    /// characters tz names use (ASCII letters, digits, `/ _ - + .`).
    public static func isWellFormed(_ identifier: some StringProtocol) -> Bool {
        let bytes = identifier.utf8
        guard !bytes.isEmpty, bytes.count <= maxLength else { return false }
        var componentStart = true
        for b in bytes {
            switch b {
            case UInt8(ascii: "/"):
                if componentStart { return false }  // leading slash or "//"
                componentStart = true
                continue
            case UInt8(ascii: "."):
                if componentStart { return false }  // ".", "..", ".hidden"
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "+"):
                break
            default:
                return false
            }
            componentStart = false
        }
        return !componentStart  // no trailing slash
    }

    /// TZIDs that mean UTC.
    static let utcNames: Set<String> = [
        "z", "utc", "gmt", "ut", "zulu", "universal", "greenwich", "uct",
        "etc/utc", "etc/gmt", "etc/zulu", "etc/universal", "etc/uct", "etc/greenwich",
        "coordinated universal time", "greenwich mean time",
    ]

    /// IANA identifiers (or spellings of them; the database also matches case-insensitively) that `tzid` may stand
    /// for, most likely first. The TZID itself, trimmed, always comes first.
    public static func candidates(for tzid: String) -> [String] {
        let trimmed = String(tzid.trimmingSpaces.trimmingQuotes)
        var result: [String] = []
        func add(_ candidate: String) {
            if !candidate.isEmpty, !result.contains(candidate) { result.append(candidate) }
        }
        add(trimmed)
        let lower = WindowsTimeZoneNames.normalized(trimmed)
        if utcNames.contains(lower) { add("Etc/UTC") }
        if let iana = WindowsTimeZoneNames.ianaIdentifier(forWindowsID: trimmed) { add(iana) }
        if let iana = WindowsTimeZoneNames.ianaIdentifier(forDisplayName: trimmed) { add(iana) }
        if trimmed.hasPrefix("/") {
            // A vendor prefix: try what is left after dropping leading components, longest first, so
            // "/mozilla.org/20050126_1/America/New_York" finds America/New_York.
            let parts = trimmed.split(separator: "/")
            for drop in 1..<max(parts.count, 1) {
                let rest = parts[drop...].joined(separator: "/")
                if !rest.isEmpty { add(rest) }
            }
        }
        if let offset = fixedOffset(in: trimmed), offset.seconds % 3600 == 0, (-12...14).contains(offset.seconds / 3600) {
            // Etc/GMT names use the POSIX sign: Etc/GMT-5 is five hours east.
            let hours = offset.seconds / 3600
            add(hours == 0 ? "Etc/UTC" : "Etc/GMT\(hours > 0 ? "-" : "+")\(abs(hours))")
        }
        return result
    }

    /// A fixed offset written as `UTC+05:30`, `GMT-3`, `UTC+0100` (ISO sign: `+` is east of Greenwich). The `Etc/`
    /// names are not read here because they use the opposite sign and exist as files anyway.
    public static func fixedOffset(in tzid: String) -> UTCOffset? {
        var text = Substring(tzid.trimmingSpaces.trimmingQuotes.uppercased())
        if text.hasPrefix("(") && text.hasSuffix(")") { text = text.dropFirst().dropLast() }
        if text.hasPrefix("UTC") || text.hasPrefix("GMT") { text = text.dropFirst(3) }
        else if text.hasPrefix("UT") { text = text.dropFirst(2) }
        else { return nil }
        guard let signChar = text.first, signChar == "+" || signChar == "-" else { return nil }
        let digits = text.dropFirst().filter { $0 != ":" }
        guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy(\.isASCIIDigitCharacter),
            text.dropFirst().filter({ $0 == ":" }).count <= 1
        else { return nil }
        let hours: Int
        let minutes: Int
        if digits.count <= 2 {
            hours = Int(digits)!
            minutes = 0
        } else {
            hours = Int(digits.dropLast(2))!
            minutes = Int(digits.suffix(2))!
        }
        guard hours <= 18, minutes < 60 else { return nil }
        let seconds = hours * 3600 + minutes * 60
        return UTCOffset(seconds: signChar == "-" ? -seconds : seconds)
    }
}

extension Substring {
    /// Without one pair of surrounding double quotes.
    var trimmingQuotes: Substring {
        count >= 2 && hasPrefix("\"") && hasSuffix("\"") ? dropFirst().dropLast() : self
    }
}

extension Character {
    var isASCIIDigitCharacter: Bool { ("0"..."9").contains(self) }
}
