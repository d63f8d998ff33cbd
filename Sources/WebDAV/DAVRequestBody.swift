import DAVXML

/// Reads XML request bodies for the DAV methods, turning parser failures into client errors.
/// Spec: RFC 4918 §8.2 (a body that is not well-formed XML is 400), RFC 9110 §15.5.14 (413).
public enum DAVRequestBody {
    /// Parses `bytes` with the hardened parser; a body over the size limit is 413, anything else wrong is 400.
    public static func parseXML(_ bytes: [UInt8], limits: XMLParseLimits = .default) throws(DAVError) -> XMLElement {
        do {
            return try XMLDocumentParser.parse(bytes, limits: limits)
        } catch {
            switch error.kind {
            case .empty:
                throw .badRequest("The request body must be an XML document but is empty.")
            case .doctypeForbidden:
                throw .badRequest("Invalid XML request body: \(error.message) (DOCTYPE is not allowed).")
            case .limitExceeded where bytes.count > limits.maxBytes:
                throw DAVError(status: 413, message: "The XML request body is larger than \(limits.maxBytes) bytes.")
            case .limitExceeded, .malformed:
                throw .badRequest("Invalid XML request body: \(error.message)")
            }
        }
    }

    /// Parses `bytes` and checks that the document element is `root` (400 otherwise).
    public static func parseXML(_ bytes: [UInt8], root: XMLName,
                                limits: XMLParseLimits = .default) throws(DAVError) -> XMLElement {
        let element = try parseXML(bytes, limits: limits)
        try requireRoot(element, root)
        return element
    }

    /// Throws 400 unless `element` is named `name`.
    static func requireRoot(_ element: XMLElement, _ name: XMLName) throws(DAVError) {
        guard element.name == name else {
            throw .badRequest("Expected a \(name) document element but found \(element.name).")
        }
    }

    /// True when the body is absent or only whitespace, which several methods treat as "no body".
    public static func isEmpty(_ bytes: [UInt8]) -> Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }
}
