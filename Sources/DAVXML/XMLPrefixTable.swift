/// The namespace prefixes of one written document: every namespace used anywhere in the tree, in first-use order,
/// declared once on the root. Preferred prefixes (`XMLNamespace.preferredPrefixes`) first, `ns1`, `ns2`... otherwise.
///
/// The writer never declares a default namespace, so an element with an empty namespace is written unprefixed and
/// stays in no namespace.
///
/// A document declares a handful of namespaces, so they are kept in an array and found by comparing strings, which
/// for the writer's own name constants is a comparison of identical storage: cheaper than hashing the namespace of
/// every element written.
struct XMLPrefixTable: Sendable {
    static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"
    static let xmlnsNamespace = "http://www.w3.org/2000/xmlns/"

    private(set) var declarations: [(prefix: String, namespace: String)] = []
    /// The UTF-8 of each declaration's prefix followed by ":", in `declarations` order.
    private var prefixBytes: [[UInt8]] = []

    init(_ root: XMLElement) {
        var next = 1
        collect(root, next: &next)
    }

    /// A table declaring `namespaces` up front, for a document written piece by piece.
    init(namespaces: [String]) {
        var next = 1
        for namespace in namespaces { declare(namespace, next: &next) }
    }

    /// This table plus the namespaces `element` uses that it lacks; `added` are the new declarations, which the
    /// writer puts on `element` itself (a streamed child cannot add them to the already written root).
    func extended(for element: XMLElement) -> (table: XMLPrefixTable, added: [(prefix: String, namespace: String)]) {
        guard !declaresEveryNamespace(of: element) else { return (self, []) }
        var table = self
        var next = declarations.count + 1
        table.collect(element, next: &next)
        return (table, Array(table.declarations.dropFirst(declarations.count)))
    }

    /// Appends the qualified name of `name` (`prefix:local`, or `local` for the empty namespace) as UTF-8.
    func appendQualified(_ name: XMLName, to output: inout [UInt8]) {
        // Declared namespaces first: nearly every name written is in one of them.
        if let index = index(of: name.namespace) {
            output.append(contentsOf: prefixBytes[index])
        } else if name.namespace == Self.xmlNamespace {
            output.append(contentsOf: "xml:".utf8)
        }
        var local = name.local
        local.withUTF8 { output.append(contentsOf: $0) }
    }

    private func index(of namespace: String) -> Int? {
        declarations.firstIndex { $0.namespace == namespace }
    }

    private func declaresEveryNamespace(of element: XMLElement) -> Bool {
        guard declares(element.name.namespace) else { return false }
        for attribute in element.attributes where !declares(attribute.name.namespace) {
            if attribute.name.namespace != Self.xmlnsNamespace { return false }
        }
        for case .element(let child) in element.children where !declaresEveryNamespace(of: child) { return false }
        return true
    }

    func declares(_ namespace: String) -> Bool {
        namespace.isEmpty || namespace == Self.xmlNamespace || index(of: namespace) != nil
    }

    private mutating func collect(_ element: XMLElement, next: inout Int) {
        declare(element.name.namespace, next: &next)
        for attribute in element.attributes where attribute.name.namespace != Self.xmlnsNamespace {
            declare(attribute.name.namespace, next: &next)
        }
        for case .element(let child) in element.children {
            collect(child, next: &next)
        }
    }

    private mutating func declare(_ namespace: String, next: inout Int) {
        guard !declares(namespace) else { return }
        var prefix = XMLNamespace.preferredPrefixes[namespace] ?? ""
        // "xml" prefixes are reserved (Namespaces in XML 1.0 §3); a preferred prefix may also be taken already.
        while prefix.isEmpty || declarations.contains(where: { $0.prefix == prefix }) || prefix.lowercased().hasPrefix("xml") {
            prefix = "ns\(next)"
            next += 1
        }
        declarations.append((prefix, namespace))
        prefixBytes.append(Array((prefix + ":").utf8))
    }
}
