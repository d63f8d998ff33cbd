import DAVXML

/// A PROPPATCH body: property sets and removals, applied in document order, all or nothing.
/// Spec: RFC 4918 §9.2 and §14.19 `<!ELEMENT propertyupdate (remove | set)+ >`.
public struct ProppatchRequest: Sendable, Hashable {
    public enum Operation: Sendable, Hashable {
        /// Set the property to this element (name, attributes and content are the value).
        case set(XMLElement)
        case remove(XMLName)

        public var name: XMLName {
            switch self {
            case .set(let element): element.name
            case .remove(let name): name
            }
        }
    }

    public var operations: [Operation]

    public init(operations: [Operation]) {
        self.operations = operations
    }

    public static func parse(_ body: [UInt8]) throws(DAVError) -> ProppatchRequest {
        try parse(DAVRequestBody.parseXML(body))
    }

    public static func parse(_ root: XMLElement) throws(DAVError) -> ProppatchRequest {
        try DAVRequestBody.requireRoot(root, .dav.propertyupdate)
        var operations: [Operation] = []
        for instruction in root.elements where instruction.name == .dav.set || instruction.name == .dav.remove {
            guard let prop = instruction.first(.dav.prop) else {
                throw .badRequest("Each \(instruction.name.local) element of a propertyupdate must contain a prop element.")
            }
            for property in prop.elements {
                operations.append(instruction.name == .dav.set ? .set(property) : .remove(property.name))
            }
        }
        guard !operations.isEmpty else {
            throw .badRequest("A propertyupdate must set or remove at least one property.")
        }
        return ProppatchRequest(operations: operations)
    }
}
