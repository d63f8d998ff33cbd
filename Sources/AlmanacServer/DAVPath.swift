/// A request path split into percent-decoded segments below the DAV base path, as `DAVRequest.path` wants it.
/// Spec: RFC 3986 §3.3 (path segments), §2.1 (percent-encoding; decoded as UTF-8).
public struct DAVPath: Sendable, Hashable {
    public var segments: [String]
    public var trailingSlash: Bool

    public init(segments: [String], trailingSlash: Bool) {
        self.segments = segments
        self.trailingSlash = trailingSlash
    }

    public enum Failure: Error, Sendable, Hashable {
        /// The path is not below the base path: nothing of ours lives there (404).
        case outsideBasePath
        /// Bad percent-encoding, invalid UTF-8, a NUL, or a `.`/`..` segment (400).
        case malformed
    }

    /// Decodes `rawPath` (as sent, still percent-encoded, without the query) relative to `basePath` (`""` or `/dav`).
    /// Empty segments (`a//b`) are dropped. The base path is compared after decoding, so `/d%61v` is below `/dav`.
    public init(rawPath: String, basePath: String) throws(Failure) {
        // "OPTIONS *" asks about the server as a whole (RFC 9110 §9.3.7): answer as for the DAV root.
        if rawPath == "*" {
            self.init(segments: [], trailingSlash: true)
            return
        }
        guard rawPath.hasPrefix("/") else { throw .malformed }
        let segments = try Self.decodedSegments(rawPath)
        let base = try Self.decodedSegments(basePath)
        guard segments.starts(with: base) else { throw .outsideBasePath }
        self.init(segments: Array(segments.dropFirst(base.count)), trailingSlash: rawPath.hasSuffix("/"))
    }

    private static func decodedSegments(_ path: String) throws(Failure) -> [String] {
        var result: [String] = []
        for raw in path.split(separator: "/", omittingEmptySubsequences: true) {
            let segment = try decode(raw)
            guard segment != ".", segment != "..", !segment.utf8.contains(0), !segment.utf8.contains(UInt8(ascii: "/")) else {
                throw .malformed
            }
            result.append(segment)
        }
        return result
    }

    /// Percent-decodes one segment as UTF-8. A decoded "/" is refused above: it would make one URL segment look like
    /// two to every later layer.
    private static func decode(_ segment: Substring) throws(Failure) -> String {
        guard segment.utf8.contains(UInt8(ascii: "%")) else { return String(segment) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(segment.utf8.count)
        var iterator = segment.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                throw .malformed
            }
            bytes.append(high << 4 | low)
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else { throw .malformed }
        return decoded
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
