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

    /// The constant for a namespace this server speaks, else `namespace` itself. Names read from a request then share
    /// their namespace's storage with the server's name constants, so comparing them (a property switch, the
    /// writer's prefix lookup) is one pointer comparison instead of comparing the characters.
    public static func interned(_ namespace: String) -> String {
        switch namespace {
        case dav: dav
        case calDAV: calDAV
        case calendarServer: calendarServer
        case apple: apple
        default: namespace
        }
    }

    /// Preferred prefixes, used by the writer; other namespaces get generated prefixes.
    public static let preferredPrefixes: [String: String] = [
        dav: "D", calDAV: "C", calendarServer: "CS", apple: "ICAL",
    ]
}
