/// Bounds on what `XMLDocumentParser` accepts, so a hostile body costs bounded time and memory.
public struct XMLParseLimits: Sendable, Hashable {
    /// Largest input in bytes.
    public var maxBytes: Int
    /// Deepest element nesting; the root is depth 1. libxml2 itself stops at 256 (reported as malformed).
    public var maxDepth: Int
    /// Most elements in the whole document.
    public var maxElements: Int
    /// Most attributes on one element (namespace declarations not counted).
    public var maxAttributesPerElement: Int

    public init(maxBytes: Int, maxDepth: Int, maxElements: Int, maxAttributesPerElement: Int) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxElements = maxElements
        self.maxAttributesPerElement = maxAttributesPerElement
    }

    /// Generous for DAV (a multiget of thousands of hrefs, a stored calendar-timezone), small enough to refuse abuse.
    public static let `default` = XMLParseLimits(
        maxBytes: 16 * 1024 * 1024, maxDepth: 100, maxElements: 500_000, maxAttributesPerElement: 64
    )
}
