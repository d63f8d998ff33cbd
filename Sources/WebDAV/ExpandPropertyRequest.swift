import DAVXML

/// An expand-property REPORT body: properties to return, and for href-valued ones, properties of the resources
/// they point to, recursively.
/// Spec: RFC 3253 §3.8 `<!ELEMENT expand-property (property*)>`, `<!ELEMENT property (property*)>`,
/// `<!ATTLIST property name NMTOKEN #REQUIRED namespace NMTOKEN "DAV:">`.
public struct ExpandPropertyRequest: Sendable, Hashable {
    public struct Item: Sendable, Hashable {
        public var name: XMLName
        /// Properties to report on each resource named by this property's hrefs.
        public var children: [Item]

        public init(name: XMLName, children: [Item] = []) {
            self.name = name
            self.children = children
        }
    }

    public var items: [Item]

    public init(items: [Item]) {
        self.items = items
    }

    public static func parse(_ root: XMLElement) throws(DAVError) -> ExpandPropertyRequest {
        try DAVRequestBody.requireRoot(root, .dav.expandProperty)
        return ExpandPropertyRequest(items: try items(of: root))
    }

    private static func items(of element: XMLElement) throws(DAVError) -> [Item] {
        var result: [Item] = []
        for property in element.all(.dav.property) {
            guard let local = property.attribute("name"), !local.isEmpty else {
                throw .badRequest("Each property element of expand-property must have a name attribute.")
            }
            let namespace = property.attribute("namespace") ?? XMLNamespace.dav
            result.append(Item(name: XMLName(namespace, local), children: try items(of: property)))
        }
        return result
    }
}
