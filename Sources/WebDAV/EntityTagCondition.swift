/// The value of an If-Match or If-None-Match header. Spec: RFC 9110 §13.1.1, §13.1.2.
public enum EntityTagCondition: Sendable, Hashable {
    /// `*`: any current representation.
    case any
    /// The listed entity tags without quotes; a weak tag keeps its `W/` prefix (`W/abc`), so it never strongly
    /// matches a stored tag.
    case tags([String])

    /// Parses a field value (several header lines joined with commas); nil when it lists no tag at all.
    /// A bare token without quotes is accepted as a tag, since some clients send one.
    public init?(fieldValue: String) {
        let bytes = Array(fieldValue.utf8)
        var tags: [String] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if byte == UInt8(ascii: "*") {
                self = .any
                return
            }
            var weak = false
            if byte == UInt8(ascii: "W"), index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "/"),
               bytes[index + 2] == UInt8(ascii: "\"") {
                weak = true
                index += 2
            }
            let start: Int
            let end: Int
            if bytes[index] == UInt8(ascii: "\"") {
                // etagc excludes `"` but not `,`: a quoted tag ends only at its closing quote.
                start = index + 1
                end = bytes[start...].firstIndex(of: UInt8(ascii: "\"")) ?? bytes.count
                index = end + 1
            } else {
                start = index
                end = bytes[start...].firstIndex { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: " ") } ?? bytes.count
                index = end
            }
            let tag = String(decoding: bytes[start..<end], as: UTF8.self)
            tags.append(weak ? "W/" + tag : tag)
        }
        if tags.isEmpty { return nil }
        self = .tags(tags)
    }

    /// Normalises a current tag given with or without quotes to the stored form (`abc` or `W/abc`).
    static func normalized(_ tag: String) -> String {
        var tag = Substring(tag)
        var weak = false
        if tag.hasPrefix("W/") {
            weak = true
            tag = tag.dropFirst(2)
        }
        if tag.count >= 2, tag.first == "\"", tag.last == "\"" { tag = tag.dropFirst().dropLast() }
        return weak ? "W/" + tag : String(tag)
    }

    /// RFC 9110 §8.8.3.2 strong comparison: both strong and identical.
    static func strongMatch(_ lhs: String, _ rhs: String) -> Bool {
        !lhs.hasPrefix("W/") && !rhs.hasPrefix("W/") && lhs == rhs
    }

    /// RFC 9110 §8.8.3.2 weak comparison: identical opaque tags, weakness ignored.
    static func weakMatch(_ lhs: String, _ rhs: String) -> Bool {
        lhs.dropWeakPrefix() == rhs.dropWeakPrefix()
    }
}

extension String {
    fileprivate func dropWeakPrefix() -> Substring {
        hasPrefix("W/") ? dropFirst(2) : self[...]
    }
}
