/// An expanded XML name: a namespace URI and a local name (Namespaces in XML 1.0 §3).
///
/// DAV code names elements and properties only through these typed constants, never through `"{DAV:}x"` strings.
public struct XMLName: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let namespace: String
    public let local: String

    public init(_ namespace: String, _ local: String) {
        self.namespace = namespace
        self.local = local
    }

    /// Clark notation, `{namespace}local`, for logs and stable storage keys.
    public var description: String { "{\(namespace)}\(local)" }

    public static func < (lhs: XMLName, rhs: XMLName) -> Bool {
        (lhs.namespace, lhs.local) < (rhs.namespace, rhs.local)
    }
}

/// The namespaces a calendar server speaks, with the prefixes the writer prefers for them.
public enum XMLNamespace {
    public static let dav = "DAV:"
    public static let calDAV = "urn:ietf:params:xml:ns:caldav"
    public static let calendarServer = "http://calendarserver.org/ns/"
    public static let apple = "http://apple.com/ns/ical/"

    /// Preferred prefixes, used by the writer; other namespaces get generated prefixes.
    public static let preferredPrefixes: [String: String] = [
        dav: "D", calDAV: "C", calendarServer: "CS", apple: "ICAL",
    ]
}
