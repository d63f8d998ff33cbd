/// A document written piece by piece (a streamed multistatus): the root's start tag with its namespace
/// declarations, any number of children, the end tag. The prefix table is made once for the whole document, not
/// for every child.
public struct XMLStream: Sendable {
    public let root: XMLName
    private let table: XMLPrefixTable

    public init(root: XMLName, namespaces: [String]) {
        self.root = root
        self.table = XMLPrefixTable(namespaces: namespaces)
    }

    /// The XML declaration and `<root` with the namespaces declared.
    public func start() -> [UInt8] {
        var output = Array(#"<?xml version="1.0" encoding="utf-8"?>"#.utf8)
        output.append(0x0A)
        output.append(UInt8(ascii: "<"))
        table.appendQualified(root, to: &output)
        XMLWriter.appendDeclarations(table.declarations, into: &output)
        output.append(UInt8(ascii: ">"))
        return output
    }

    /// One child, using the root's declarations; a namespace the root lacks is declared on the child itself.
    public func child(_ element: XMLElement, into output: inout [UInt8]) {
        let (extended, added) = table.extended(for: element)
        XMLWriter.write(element, table: extended, declaring: added, into: &output)
    }

    /// `<name>` of an element whose namespace the root declares (the wrappers a streamed child is made of, written
    /// without building a tree for them).
    public func appendStartTag(_ name: XMLName, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "<"))
        table.appendQualified(name, to: &output)
        output.append(UInt8(ascii: ">"))
    }

    /// `</name>` for `appendStartTag`.
    public func appendEndTag(_ name: XMLName, into output: inout [UInt8]) {
        output.append(contentsOf: "</".utf8)
        table.appendQualified(name, to: &output)
        output.append(UInt8(ascii: ">"))
    }

    /// `<name>text</name>`, the text escaped.
    public func appendTextElement(_ name: XMLName, _ text: String, into output: inout [UInt8]) {
        appendStartTag(name, into: &output)
        XMLWriter.appendEscaped(text, attribute: false, into: &output)
        appendEndTag(name, into: &output)
    }

    /// Whether an element in this namespace can be written with `appendStartTag` (the root declares it).
    public func declares(_ namespace: String) -> Bool { table.declares(namespace) }

    /// The end tag of the root.
    public func end() -> [UInt8] {
        var output = Array("</".utf8)
        table.appendQualified(root, to: &output)
        output.append(UInt8(ascii: ">"))
        return output
    }
}
