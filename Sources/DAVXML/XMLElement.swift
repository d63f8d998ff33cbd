/// An immutable XML element tree: what DAV request bodies parse into and what responses are built from.
///
/// Text is kept as children so mixed content round-trips; whitespace-only text between elements is dropped by the
/// parser (DAV bodies are element-only, RFC 4918 §17 "ignore whitespace").
public struct XMLElement: Hashable, Sendable {
    public var name: XMLName
    public var attributes: [XMLAttribute]
    public var children: [XMLNode]

    public init(_ name: XMLName, attributes: [XMLAttribute] = [], children: [XMLNode] = []) {
        self.name = name
        self.attributes = attributes
        self.children = children
    }

    /// An element with element children only.
    public init(_ name: XMLName, attributes: [XMLAttribute] = [], elements: [XMLElement]) {
        self.init(name, attributes: attributes, children: elements.map(XMLNode.element))
    }

    /// An element holding one text node (no text node when `text` is empty).
    public init(_ name: XMLName, attributes: [XMLAttribute] = [], text: String) {
        self.init(name, attributes: attributes, children: text.isEmpty ? [] : [.text(text)])
    }

    /// An element holding text given as UTF-8 bytes (no text node when `utf8Text` is empty).
    public init(_ name: XMLName, attributes: [XMLAttribute] = [], utf8Text: [UInt8]) {
        self.init(name, attributes: attributes, children: utf8Text.isEmpty ? [] : [.utf8Text(utf8Text)])
    }

    /// The element children, in document order.
    public var elements: [XMLElement] {
        children.compactMap { if case .element(let e) = $0 { e } else { nil } }
    }

    /// The concatenated text of the direct text children.
    public var text: String {
        children.reduce(into: "") {
            switch $1 {
            case .text(let t): $0 += t
            case .utf8Text(let bytes): $0 += String(decoding: bytes, as: UTF8.self)
            case .element: break
            }
        }
    }

    public func first(_ name: XMLName) -> XMLElement? {
        for case .element(let e) in children where e.name == name { return e }
        return nil
    }

    public func all(_ name: XMLName) -> [XMLElement] {
        elements.filter { $0.name == name }
    }

    public func attribute(_ local: String, namespace: String = "") -> String? {
        attributes.first { $0.name.local == local && $0.name.namespace == namespace }?.value
    }
}

public enum XMLNode: Hashable, Sendable {
    case element(XMLElement)
    case text(String)
    /// Text handed over as UTF-8 bytes (calendar data as stored), written without first being copied into a
    /// `String`. Bytes that are not valid UTF-8 are written as U+FFFD, as `String(decoding:as:)` would.
    case utf8Text([UInt8])
}

public struct XMLAttribute: Hashable, Sendable {
    public var name: XMLName
    public var value: String

    /// An attribute without a namespace (the usual case: `name="..."`).
    public init(_ local: String, _ value: String) {
        self.name = XMLName("", local)
        self.value = value
    }

    public init(_ name: XMLName, _ value: String) {
        self.name = name
        self.value = value
    }
}
