import DAVXML

/// One `<D:response>` of a multistatus: either per-property results or one status for the whole resource.
/// Spec: RFC 4918 §14.24 `(href, ((href*, status)|(propstat+)), error?, responsedescription?, location?)`.
public struct MultistatusResponse: Sendable, Hashable {
    public enum Content: Sendable, Hashable {
        case propstats([Propstat])
        case status(Int)
    }

    /// The already-encoded href (see `HrefPath.encode`).
    public var href: String
    public var content: Content
    /// A condition for the whole response (e.g. `<D:need-privileges>`), or a whole `<D:error>` element.
    public var error: XMLElement?

    /// Per-property results (PROPFIND, PROPPATCH, REPORT).
    public init(href: String, propstats: [Propstat]) {
        self.href = href
        self.content = .propstats(propstats)
        self.error = nil
    }

    /// One status for the resource (a 404 in a multiget, a deleted member in sync-collection).
    public init(href: String, status: Int, error: XMLElement? = nil) {
        self.href = href
        self.content = .status(status)
        self.error = error
    }

    public func element() -> XMLElement {
        var children = [XMLElement(.dav.href, text: href)]
        switch content {
        case .propstats(let propstats):
            children += propstats.map { $0.element() }
        case .status(let status):
            children.append(XMLElement(.dav.status, text: HTTPStatus.line(status)))
        }
        if let error { children.append(Propstat.errorElement(error)) }
        return XMLElement(.dav.response, elements: children)
    }
}
