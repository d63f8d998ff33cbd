import DAVXML

/// A PROPFIND body: which properties to return.
/// Spec: RFC 4918 §9.1 and §14.20 `<!ELEMENT propfind ( propname | (allprop, include?) | prop ) >`;
/// an empty body is an allprop request.
public struct PropfindRequest: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// `<D:prop>`: exactly these properties.
        case properties([XMLName])
        /// `<D:allprop>`: every dead property and the RFC 4918 live properties, plus `include`d ones.
        case allprop(include: [XMLName])
        /// `<D:propname>`: the names of every property, no values.
        case propname
    }

    public var kind: Kind

    public init(kind: Kind) {
        self.kind = kind
    }

    public static func parse(_ body: [UInt8]) throws(DAVError) -> PropfindRequest {
        if DAVRequestBody.isEmpty(body) { return PropfindRequest(kind: .allprop(include: [])) }
        return try parse(DAVRequestBody.parseXML(body))
    }

    public static func parse(_ root: XMLElement) throws(DAVError) -> PropfindRequest {
        try DAVRequestBody.requireRoot(root, .dav.propfind)
        // Unknown children are ignored (RFC 4918 §17); the known ones are mutually exclusive.
        let known = root.elements.filter { [.dav.prop, .dav.allprop, .dav.propname].contains($0.name) }
        guard known.count == 1, let choice = known.first else {
            throw .badRequest("A propfind element must contain exactly one of prop, allprop or propname.")
        }
        switch choice.name {
        case .dav.prop:
            return PropfindRequest(kind: .properties(choice.elements.map(\.name)))
        case .dav.allprop:
            let include = root.first(.dav.include)?.elements.map(\.name) ?? []
            return PropfindRequest(kind: .allprop(include: include))
        default:
            return PropfindRequest(kind: .propname)
        }
    }
}
