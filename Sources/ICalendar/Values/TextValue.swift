/// TEXT escaping: `\\`, `\;`, `\,`, `\n`/`\N`.
///
/// Spec: RFC 5545 §3.3.11.
public enum TextValue {
    /// Decodes escapes. Unknown escapes (`\:` and the like, which some producers write) keep the character.
    /// Works on Unicode scalars, not grapheme clusters, so a backslash followed by a combining mark is still an escape.
    public static func unescape(_ raw: some StringProtocol) -> String {
        guard raw.utf8.contains(0x5C) else { return String(raw) }
        var out = ""
        out.reserveCapacity(raw.utf8.count)
        var escaping = false
        for scalar in raw.unicodeScalars {
            if escaping {
                switch scalar {
                case "n", "N": out.unicodeScalars.append("\n")
                default: out.unicodeScalars.append(scalar)
                }
                escaping = false
            } else if scalar == "\\" {
                escaping = true
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        if escaping { out.append("\\") }
        return out
    }

    /// Encodes a string for a TEXT value. Works on Unicode scalars: a `,` followed by a combining mark is one
    /// grapheme cluster but still a comma to every iCalendar reader, so it must be escaped.
    public static func escape(_ text: some StringProtocol) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            case "\r": continue  // CRLF becomes \n through its LF; a lone CR is dropped
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Splits a raw list value on commas that are not escaped, leaving each element still escaped. Scans Unicode
    /// scalars (see `escape`).
    public static func splitList(_ raw: some StringProtocol, separator: Character = ",") -> [Substring] {
        let scalars = Substring(raw).unicodeScalars
        let separatorScalar = separator.unicodeScalars.first!
        var parts: [Substring] = []
        var start = scalars.startIndex
        var escaping = false
        var i = scalars.startIndex
        while i < scalars.endIndex {
            let scalar = scalars[i]
            if escaping {
                escaping = false
            } else if scalar == "\\" {
                escaping = true
            } else if scalar == separatorScalar {
                parts.append(Substring(scalars[start..<i]))
                start = scalars.index(after: i)
            }
            i = scalars.index(after: i)
        }
        parts.append(Substring(scalars[start..<scalars.endIndex]))
        return parts
    }
}
