import DAVXML

/// The body of an extended MKCOL or of MKCALENDAR: the resource types and initial properties of the new collection.
/// Spec: RFC 5689 §5.1 `<!ELEMENT mkcol (set+)>` (root `.dav.mkcol`);
/// RFC 4791 §5.3.1 / §9.1 `<!ELEMENT mkcalendar (DAV:set)>` (root `.calDAV.mkcalendar`). An empty body is allowed.
public struct CollectionCreationRequest: Sendable, Hashable {
    /// The children of `<D:resourcetype>` (e.g. `.dav.collection`, `.calDAV.calendar`); empty when not given.
    public var resourceTypes: [XMLName]
    /// Every other property of the `set/prop` elements, in document order.
    public var properties: [XMLElement]

    public init(resourceTypes: [XMLName] = [], properties: [XMLElement] = []) {
        self.resourceTypes = resourceTypes
        self.properties = properties
    }

    public static func parse(_ body: [UInt8], root: XMLName) throws(DAVError) -> CollectionCreationRequest {
        if DAVRequestBody.isEmpty(body) { return CollectionCreationRequest() }
        return try parse(DAVRequestBody.parseXML(body), root: root)
    }

    public static func parse(_ element: XMLElement, root: XMLName) throws(DAVError) -> CollectionCreationRequest {
        try DAVRequestBody.requireRoot(element, root)
        var request = CollectionCreationRequest()
        for set in element.all(.dav.set) {
            guard let prop = set.first(.dav.prop) else {
                throw .badRequest("Each set element of \(root.local) must contain a prop element.")
            }
            for property in prop.elements {
                if property.name == .dav.resourcetype {
                    request.resourceTypes += property.elements.map(\.name)
                } else {
                    request.properties.append(property)
                }
            }
        }
        return request
    }
}
