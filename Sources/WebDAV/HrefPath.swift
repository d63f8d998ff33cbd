/// Converts between resource paths (decoded segments below the server's base path) and the hrefs written in and
/// read from DAV bodies and headers.
/// Spec: RFC 3986 §2.1 and §3.3 (path segments, percent-encoding), RFC 4918 §8.3 (hrefs are URLs or absolute paths).
public enum HrefPath {
    /// The absolute path for `segments` below `basePath` (`""`, `"/dav"` or `"/dav/"`), each segment
    /// percent-encoded as a URI path segment. The base itself (no segments) always ends with `/`.
    public static func encode(_ segments: [String], basePath: String, trailingSlash: Bool) -> String {
        // Built as bytes: a listing writes one href per member, and per-character String appends cost more than
        // the rest of the member's response.
        var path: [UInt8] = []
        path.reserveCapacity(basePath.utf8.count + segments.reduce(segments.count + 1) { $0 + $1.utf8.count })
        if !(basePath.isEmpty || basePath == "/") { path.append(contentsOf: normalizedBase(basePath).utf8) }
        path.append(UInt8(ascii: "/"))
        for (index, segment) in segments.enumerated() {
            if index > 0 { path.append(UInt8(ascii: "/")) }
            appendSegment(segment, to: &path)
        }
        if trailingSlash && !segments.isEmpty { path.append(UInt8(ascii: "/")) }
        return String(decoding: path, as: UTF8.self)
    }

    /// The decoded segments of an href below `basePath`, or nil when it is not below the base, has a `..` segment,
    /// a bad percent-escape, a NUL, or bytes that are not UTF-8. Accepts an absolute path, an absolute `http(s)`
    /// URL or a network-path reference (whose authority is ignored: callers that care check it, see
    /// `LocalOrigins`); drops a query or fragment, empty and `.` segments.
    public static func decode(_ href: String, basePath: String) -> (segments: [String], trailingSlash: Bool)? {
        // Read as bytes: a multiget names a hundred hrefs, and walking them Character by Character cost more than
        // the store lookup of their objects.
        var href = href
        guard let decoded = href.withUTF8({ decodePath($0) }) else { return nil }
        if basePath.isEmpty || basePath == "/" { return decoded }
        var baseSegments: [String] = []
        for raw in normalizedBase(basePath).split(separator: "/") {
            guard let segment = percentDecode(raw) else { return nil }
            baseSegments.append(segment)
        }
        guard decoded.segments.starts(with: baseSegments) else { return nil }
        let below = Array(decoded.segments.dropFirst(baseSegments.count))
        // The base is a collection: "/dav" and "/dav/" both name it.
        return (below, below.isEmpty ? true : decoded.trailingSlash)
    }

    /// The decoded segments of the whole path of `href` (see `decode(_:basePath:)`).
    private static func decodePath(_ href: UnsafeBufferPointer<UInt8>) -> (segments: [String], trailingSlash: Bool)? {
        let slash = UInt8(ascii: "/")
        guard let start = pathStart(of: href) else { return nil }
        var end = start
        while end < href.count, href[end] != UInt8(ascii: "?"), href[end] != UInt8(ascii: "#") { end += 1 }
        // A URL whose path is empty (`http://host?x`) names the root.
        guard start < end, href[start] == slash else { return ([], true) }
        var segments: [String] = []
        var index = start
        while index < end {
            if href[index] == slash {
                index += 1
                continue
            }
            var next = index
            while next < end, href[next] != slash { next += 1 }
            guard let segment = decodeSegment(UnsafeBufferPointer(rebasing: href[index..<next])) else { return nil }
            if segment == ".." { return nil }
            if segment != "." { segments.append(segment) }
            index = next
        }
        return (segments, href[end - 1] == slash)
    }

    /// Where the path of `href` starts: after the authority of an absolute http(s) URL or a network-path reference
    /// (`//host/path`, RFC 3986 §4.2), else at its first byte, which must be `/`; nil for anything else.
    private static func pathStart(of href: UnsafeBufferPointer<UInt8>) -> Int? {
        let slash = UInt8(ascii: "/")
        var authority: Int?
        if href.count >= 2, href[0] == slash, href[1] == slash {
            authority = 2
        } else if let scheme = schemeLength(href) {
            authority = scheme
        }
        guard var index = authority else { return href.first == slash ? 0 : nil }
        while index < href.count, href[index] != slash, href[index] != UInt8(ascii: "?"), href[index] != UInt8(ascii: "#") {
            index += 1
        }
        return index
    }

    /// The length of `http://` or `https://` (any case) at the start of `href`.
    private static func schemeLength(_ href: UnsafeBufferPointer<UInt8>) -> Int? {
        for scheme in ["http://", "https://"] {
            let expected = scheme.utf8
            guard href.count >= expected.count else { continue }
            // The scheme's letters compare case-insensitively (RFC 3986 §3.1).
            let lowered = { (byte: UInt8) in (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte }
            if zip(href, expected).allSatisfy({ lowered($0) == $1 }) { return expected.count }
        }
        return nil
    }

    /// A percent-decoded segment; nil for a bad escape, a NUL, or bytes that are not UTF-8.
    private static func decodeSegment(_ raw: UnsafeBufferPointer<UInt8>) -> String? {
        guard raw.contains(UInt8(ascii: "%")) else {
            // A slice of a String between "/" bytes is valid UTF-8 already.
            return raw.contains(0) ? nil : String(decoding: raw, as: UTF8.self)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.count)
        var index = 0
        while index < raw.count {
            let byte = raw[index]
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                index += 1
                continue
            }
            guard index + 2 < raw.count, let high = hexValue(raw[index + 1]), let low = hexValue(raw[index + 2]) else {
                return nil
            }
            bytes.append(high << 4 | low)
            index += 3
        }
        guard !bytes.contains(0) else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }

    /// The base without trailing slashes and with a leading one, or "" for the server root.
    private static func normalizedBase(_ basePath: String) -> String {
        let trimmed = basePath.split(separator: "/", omittingEmptySubsequences: true).joined(separator: "/")
        return trimmed.isEmpty ? "" : "/" + trimmed
    }

    /// pchar (RFC 3986 §3.3) minus nothing: unreserved, sub-delims, ":" and "@" stay; everything else is %XX.
    private static func appendSegment(_ segment: String, to output: inout [UInt8]) {
        var segment = segment
        segment.withUTF8 { bytes in
            // Most names need no escaping: copied whole.
            if bytes.allSatisfy(isPathCharacter) {
                output.append(contentsOf: bytes)
                return
            }
            for byte in bytes {
                if isPathCharacter(byte) {
                    output.append(byte)
                } else {
                    output.append(UInt8(ascii: "%"))
                    output.append(hexDigit(byte >> 4))
                    output.append(hexDigit(byte & 0x0F))
                }
            }
        }
    }

    private static func isPathCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "!"),
             UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"),
             UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="),
             UInt8(ascii: ":"), UInt8(ascii: "@"):
            return true
        default:
            return false
        }
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "A") + value - 10
    }

    private static func percentDecode(_ raw: Substring) -> String? {
        guard raw.utf8.contains(UInt8(ascii: "%")) else { return String(raw) }
        var bytes: [UInt8] = []
        var iterator = raw.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                return nil
            }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
