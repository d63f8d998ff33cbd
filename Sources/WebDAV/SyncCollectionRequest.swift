import DAVXML

/// How deep a sync-collection report looks. Spec: RFC 6578 §6.3.
public enum SyncLevel: Sendable, Hashable {
    /// `1`: the collection's immediate members.
    case one
    /// `infinite`: all descendants.
    case infinite
}

/// A sync-collection REPORT body.
/// Spec: RFC 6578 §6.1 `<!ELEMENT sync-collection (sync-token, sync-level, limit?, prop)>`.
public struct SyncCollectionRequest: Sendable, Hashable {
    /// The token from the previous sync, empty for the initial sync.
    public var syncToken: String
    public var level: SyncLevel
    /// The client's `<D:limit><D:nresults>`, if any (RFC 5323 §5.17).
    public var limit: Int?
    public var properties: [XMLName]

    public init(syncToken: String, level: SyncLevel, limit: Int? = nil, properties: [XMLName]) {
        self.syncToken = syncToken
        self.level = level
        self.limit = limit
        self.properties = properties
    }

    public static func parse(_ root: XMLElement) throws(DAVError) -> SyncCollectionRequest {
        try DAVRequestBody.requireRoot(root, .dav.syncCollection)
        guard let token = root.first(.dav.syncToken) else {
            throw .badRequest("A sync-collection report must contain a sync-token element (empty for an initial sync).")
        }
        guard let prop = root.first(.dav.prop) else {
            throw .badRequest("A sync-collection report must contain a prop element.")
        }
        return SyncCollectionRequest(
            syncToken: token.text.trimmingXMLWhitespace(),
            level: try level(root.first(.dav.syncLevel)),
            limit: try limit(root.first(.dav.limit)),
            properties: prop.elements.map(\.name)
        )
    }

    /// RFC 6578 requires sync-level; drafts before it had none and meant depth 1, which is what older clients expect.
    private static func level(_ element: XMLElement?) throws(DAVError) -> SyncLevel {
        guard let element else { return .one }
        switch element.text.trimmingXMLWhitespace() {
        case "1": return .one
        case "infinite", "infinity": return .infinite
        case let other: throw .badRequest("The sync-level must be 1 or infinite, not \"\(other)\".")
        }
    }

    private static func limit(_ element: XMLElement?) throws(DAVError) -> Int? {
        guard let element else { return nil }
        guard let text = element.first(.dav.nresults)?.text.trimmingXMLWhitespace() else {
            throw .badRequest("A limit element must contain an nresults element.")
        }
        guard let value = Int(text), value > 0 else {
            throw .badRequest("The nresults value must be a positive integer, not \"\(text)\".")
        }
        return value
    }
}

extension String {
    /// Drops leading and trailing XML whitespace (space, tab, CR, LF) without Foundation.
    func trimmingXMLWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
