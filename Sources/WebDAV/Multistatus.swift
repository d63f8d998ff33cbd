import DAVXML

/// A 207 Multi-Status body.
/// Spec: RFC 4918 §13 and §14.16; RFC 6578 §6.2 adds the trailing `<D:sync-token>`.
public struct Multistatus: Sendable, Hashable {
    public var responses: [MultistatusResponse]
    /// The new sync token of a sync-collection report (RFC 6578); nil for every other multistatus.
    public var syncToken: String?

    public init(responses: [MultistatusResponse], syncToken: String? = nil) {
        self.responses = responses
        self.syncToken = syncToken
    }

    public func element() -> XMLElement {
        var children = responses.map { $0.element() }
        if let syncToken { children.append(XMLElement(.dav.syncToken, text: syncToken)) }
        return XMLElement(.dav.multistatus, elements: children)
    }

    /// 207 with the body as `application/xml; charset=utf-8`.
    public func response() -> DAVResponse {
        DAVResponse(status: 207, headers: DAVHeaders([("Content-Type", "application/xml; charset=utf-8")]),
                    body: XMLWriter.document(element()))
    }
}
