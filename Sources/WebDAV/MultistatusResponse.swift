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

    /// The same as `stream.child(element(), into:)`, with the response, href, propstat, prop and status wrappers
    /// written straight to bytes: a listing writes one response per member, and building and freeing a tree of
    /// wrappers costs more than the member's properties.
    public func write(to stream: XMLStream, into output: inout [UInt8]) {
        guard stream.declares(XMLNamespace.dav) else { return stream.child(element(), into: &output) }
        stream.appendStartTag(.dav.response, into: &output)
        stream.appendTextElement(.dav.href, href, into: &output)
        switch content {
        case .propstats(let propstats):
            for propstat in propstats {
                stream.appendStartTag(.dav.propstat, into: &output)
                stream.appendStartTag(.dav.prop, into: &output)
                for property in propstat.properties { stream.child(property, into: &output) }
                stream.appendEndTag(.dav.prop, into: &output)
                stream.appendTextElement(.dav.status, HTTPStatus.line(propstat.status), into: &output)
                if let error = propstat.error { stream.child(Propstat.errorElement(error), into: &output) }
                stream.appendEndTag(.dav.propstat, into: &output)
            }
        case .status(let status):
            stream.appendTextElement(.dav.status, HTTPStatus.line(status), into: &output)
        }
        if let error { stream.child(Propstat.errorElement(error), into: &output) }
        stream.appendEndTag(.dav.response, into: &output)
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
