/// Serialises `XMLElement` trees: response bodies (`document`) and stored dead properties (`fragment`); documents
/// written piece by piece use `XMLStream`.
///
/// Every namespace is declared once on the outermost element (see `XMLPrefixTable`). Text and attribute values are
/// escaped so the output is always well-formed; characters XML 1.0 cannot carry at all (control characters other
/// than tab, line feed and carriage return, U+FFFE, U+FFFF) are written as U+FFFD.
public enum XMLWriter {
    /// `<?xml version="1.0" encoding="utf-8"?>` followed by the element.
    public static func document(_ root: XMLElement) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        output.append(contentsOf: #"<?xml version="1.0" encoding="utf-8"?>"#.utf8)
        output.append(0x0A)
        let table = XMLPrefixTable(root)
        write(root, table: table, declaring: table.declarations, into: &output)
        return output
    }

    /// One self-contained element with its own namespace declarations and no XML declaration;
    /// `XMLDocumentParser.parse` reads it back to an equal tree.
    public static func fragment(_ element: XMLElement) -> String {
        var output: [UInt8] = []
        let table = XMLPrefixTable(element)
        write(element, table: table, declaring: table.declarations, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    static func appendDeclarations(_ declarations: [(prefix: String, namespace: String)],
                                           into output: inout [UInt8]) {
        for declaration in declarations {
            output.append(contentsOf: " xmlns:\(declaration.prefix)=\"".utf8)
            appendEscaped(declaration.namespace, attribute: true, into: &output)
            output.append(UInt8(ascii: "\""))
        }
    }

    static func write(_ element: XMLElement, table: XMLPrefixTable,
                      declaring declarations: [(prefix: String, namespace: String)], into output: inout [UInt8]) {
        output.append(UInt8(ascii: "<"))
        table.appendQualified(element.name, to: &output)
        appendDeclarations(declarations, into: &output)
        for attribute in element.attributes where attribute.name.namespace != XMLPrefixTable.xmlnsNamespace {
            output.append(UInt8(ascii: " "))
            table.appendQualified(attribute.name, to: &output)
            output.append(contentsOf: "=\"".utf8)
            appendEscaped(attribute.value, attribute: true, into: &output)
            output.append(UInt8(ascii: "\""))
        }
        if element.children.isEmpty {
            output.append(contentsOf: "/>".utf8)
            return
        }
        output.append(UInt8(ascii: ">"))
        for child in element.children {
            switch child {
            case .element(let childElement): write(childElement, table: table, declaring: [], into: &output)
            case .text(let text): appendEscaped(text, attribute: false, into: &output)
            case .utf8Text(let bytes): appendEscaped(utf8: bytes, into: &output)
            }
        }
        output.append(contentsOf: "</".utf8)
        table.appendQualified(element.name, to: &output)
        output.append(UInt8(ascii: ">"))
    }

    /// Text as UTF-8 bytes: valid UTF-8 (stored calendar data always is) is escaped in place; anything else goes
    /// through `String(decoding:as:)` first, which replaces invalid sequences.
    static func appendEscaped(utf8 bytes: [UInt8], into output: inout [UInt8]) {
        bytes.withUnsafeBufferPointer { buffer in
            if UTF8Validation.isValid(buffer) {
                XMLEscaper.append(buffer, attribute: false, into: &output)
            } else {
                appendEscaped(String(decoding: buffer, as: UTF8.self), attribute: false, into: &output)
            }
        }
    }

    static func appendEscaped(_ string: String, attribute: Bool, into output: inout [UInt8]) {
        var string = string
        string.withUTF8 { XMLEscaper.append($0, attribute: attribute, into: &output) }
    }
}
