import DAVXML

/// One `<D:propstat>`: properties sharing a status, with an optional condition explaining it.
/// Spec: RFC 4918 §14.22 `(prop, status, error?, responsedescription?)`.
public struct Propstat: Sendable, Hashable {
    public var status: Int
    /// Property elements: with values for 200, empty (name only) for errors and `propname`.
    public var properties: [XMLElement]
    /// The condition (e.g. `<D:cannot-modify-protected-property/>`), or a whole `<D:error>` element.
    public var error: XMLElement?

    public init(status: Int, properties: [XMLElement], error: XMLElement? = nil) {
        self.status = status
        self.properties = properties
        self.error = error
    }

    public func element() -> XMLElement {
        var children = [
            XMLElement(.dav.prop, elements: properties),
            XMLElement(.dav.status, text: HTTPStatus.line(status)),
        ]
        if let error { children.append(Self.errorElement(error)) }
        return XMLElement(.dav.propstat, elements: children)
    }

    /// Wraps a condition in `<D:error>` unless it already is one.
    static func errorElement(_ error: XMLElement) -> XMLElement {
        error.name == .dav.error ? error : XMLElement(.dav.error, elements: [error])
    }
}
