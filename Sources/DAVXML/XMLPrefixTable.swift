/// The namespace prefixes of one written document: every namespace used anywhere in the tree, in first-use order,
/// declared once on the root. Preferred prefixes (`XMLNamespace.preferredPrefixes`) first, `ns1`, `ns2`... otherwise.
///
/// The writer never declares a default namespace, so an element with an empty namespace is written unprefixed and
/// stays in no namespace.
struct XMLPrefixTable {
    static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"
    static let xmlnsNamespace = "http://www.w3.org/2000/xmlns/"

    private(set) var declarations: [(prefix: String, namespace: String)] = []
    private var prefixes: [String: String] = [:]

    init(_ root: XMLElement) {
        var used = Set<String>()
        var next = 1
        collect(root, used: &used, next: &next)
    }

    /// A table declaring `namespaces` up front, for a document written piece by piece.
    init(namespaces: [String]) {
        var used = Set<String>()
        var next = 1
        for namespace in namespaces { declare(namespace, used: &used, next: &next) }
    }

    /// This table plus the namespaces `element` uses that it lacks; `added` are the new declarations, which the
    /// writer puts on `element` itself (a streamed child cannot add them to the already written root).
    func extended(for element: XMLElement) -> (table: XMLPrefixTable, added: [(prefix: String, namespace: String)]) {
        var table = self
        var used = Set(declarations.map(\.prefix))
        var next = declarations.count + 1
        table.collect(element, used: &used, next: &next)
        return (table, Array(table.declarations.dropFirst(declarations.count)))
    }

    /// The qualified name for `name`: `prefix:local`, or `local` for the empty namespace.
    func qualified(_ name: XMLName) -> String {
        if name.namespace.isEmpty { return name.local }
        if name.namespace == Self.xmlNamespace { return "xml:" + name.local }
        return prefixes[name.namespace]! + ":" + name.local
    }

    private mutating func collect(_ element: XMLElement, used: inout Set<String>, next: inout Int) {
        declare(element.name.namespace, used: &used, next: &next)
        for attribute in element.attributes where attribute.name.namespace != Self.xmlnsNamespace {
            declare(attribute.name.namespace, used: &used, next: &next)
        }
        for case .element(let child) in element.children {
            collect(child, used: &used, next: &next)
        }
    }

    private mutating func declare(_ namespace: String, used: inout Set<String>, next: inout Int) {
        guard !namespace.isEmpty, namespace != Self.xmlNamespace, prefixes[namespace] == nil else { return }
        var prefix = XMLNamespace.preferredPrefixes[namespace] ?? ""
        // "xml" prefixes are reserved (Namespaces in XML 1.0 §3); a preferred prefix may also be taken already.
        while prefix.isEmpty || used.contains(prefix) || prefix.lowercased().hasPrefix("xml") {
            prefix = "ns\(next)"
            next += 1
        }
        used.insert(prefix)
        prefixes[namespace] = prefix
        declarations.append((prefix, namespace))
    }
}
