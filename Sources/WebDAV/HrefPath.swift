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
        guard var path = pathPart(of: href), path.hasPrefix("/") else { return nil }
        if let end = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = String(path[..<end]) }
        var segments: [String] = []
        for raw in path.split(separator: "/", omittingEmptySubsequences: true) {
            guard let segment = percentDecode(raw), !segment.utf8.contains(0) else { return nil }
            if segment == ".." { return nil }
            if segment != "." { segments.append(segment) }
        }
        let trailingSlash = path.hasSuffix("/")
        var baseSegments: [String] = []
        for raw in normalizedBase(basePath).split(separator: "/") {
            guard let segment = percentDecode(raw) else { return nil }
            baseSegments.append(segment)
        }
        guard segments.starts(with: baseSegments) else { return nil }
        let below = Array(segments.dropFirst(baseSegments.count))
        // The base is a collection: "/dav" and "/dav/" both name it.
        return (below, below.isEmpty ? true : trailingSlash)
    }

    /// The base without trailing slashes and with a leading one, or "" for the server root.
    private static func normalizedBase(_ basePath: String) -> String {
        let trimmed = basePath.split(separator: "/", omittingEmptySubsequences: true).joined(separator: "/")
        return trimmed.isEmpty ? "" : "/" + trimmed
    }

    /// The path of an absolute http(s) URL or of a network-path reference (`//host/path`, RFC 3986 §4.2), or `href`
    /// itself when it is neither.
    private static func pathPart(of href: String) -> String? {
        if href.hasPrefix("//") {
            let afterAuthority = href.dropFirst(2).drop { $0 != "/" && $0 != "?" && $0 != "#" }
            return afterAuthority.hasPrefix("/") ? String(afterAuthority) : "/" + afterAuthority
        }
        let lower = href.prefix(8).lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return href }
        let afterScheme = href[href.index(href.startIndex, offsetBy: lower.hasPrefix("http://") ? 7 : 8)...]
        guard let slash = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) else { return "/" }
        let rest = afterScheme[slash...]
        return rest.hasPrefix("/") ? String(rest) : "/" + rest
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
