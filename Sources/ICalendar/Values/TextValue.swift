/// TEXT escaping: `\\`, `\;`, `\,`, `\n`/`\N`.
///
/// Spec: RFC 5545 §3.3.11.
public enum TextValue {
    /// Decodes escapes. Unknown escapes (`\:` and the like, which some producers write) keep the character.
    public static func unescape(_ raw: some StringProtocol) -> String {
        guard raw.utf8.contains(0x5C) else { return String(raw) }
        var out = ""
        out.reserveCapacity(raw.utf8.count)
        var escaping = false
        for ch in raw {
            if escaping {
                switch ch {
                case "n", "N": out.append("\n")
                default: out.append(ch)
                }
                escaping = false
            } else if ch == "\\" {
                escaping = true
            } else {
                out.append(ch)
            }
        }
        if escaping { out.append("\\") }
        return out
    }

    /// Encodes a string for a TEXT value.
    public static func escape(_ text: some StringProtocol) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text {
            switch ch {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n": out += "\\n"
            case "\r": continue
            default: out.append(ch)
            }
        }
        return out
    }

    /// Splits a raw list value on commas that are not escaped, leaving each element still escaped.
    public static func splitList(_ raw: some StringProtocol, separator: Character = ",") -> [Substring] {
        let s = Substring(raw)
        var parts: [Substring] = []
        var start = s.startIndex
        var escaping = false
        var i = s.startIndex
        while i < s.endIndex {
            let ch = s[i]
            if escaping {
                escaping = false
            } else if ch == "\\" {
                escaping = true
            } else if ch == separator {
                parts.append(s[start..<i])
                start = s.index(after: i)
            }
            i = s.index(after: i)
        }
        parts.append(s[start..<s.endIndex])
        return parts
    }
}
