/// Why an XML body was refused: the kind decides the HTTP status a caller answers with, the message says what to fix.
public struct XMLParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// Not well-formed XML or not namespace-well-formed (Namespaces in XML 1.0).
        case malformed
        /// A `<!DOCTYPE` was present. DAV bodies never need one, and refusing it rules out XXE and entity expansion.
        case doctypeForbidden
        /// One of `XMLParseLimits` was exceeded.
        case limitExceeded
        /// No bytes, or only whitespace.
        case empty
    }

    public var kind: Kind
    /// The 1-based line where the problem was found (0 when there is no input).
    public var line: Int
    /// What went wrong, without the line prefix.
    public var reason: String

    public init(kind: Kind, line: Int, reason: String) {
        self.kind = kind
        self.line = line
        self.reason = reason
    }

    /// The reason with its line number, e.g. `line 3: Opening and ending tag mismatch: prop and propfind`.
    public var message: String { "line \(line): \(reason)" }

    public var description: String { message }
}
