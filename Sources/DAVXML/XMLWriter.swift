/// Serialises `XMLElement` trees: response bodies (`document`) and stored dead properties (`fragment`).
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
        write(root, table: XMLPrefixTable(root), isRoot: true, into: &output)
        return output
    }

    /// One self-contained element with its own namespace declarations and no XML declaration;
    /// `XMLDocumentParser.parse` reads it back to an equal tree.
    public static func fragment(_ element: XMLElement) -> String {
        var output: [UInt8] = []
        write(element, table: XMLPrefixTable(element), isRoot: true, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    private static func write(_ element: XMLElement, table: XMLPrefixTable, isRoot: Bool, into output: inout [UInt8]) {
        let name = table.qualified(element.name)
        output.append(UInt8(ascii: "<"))
        output.append(contentsOf: name.utf8)
        if isRoot {
            for declaration in table.declarations {
                output.append(contentsOf: " xmlns:\(declaration.prefix)=\"".utf8)
                appendEscaped(declaration.namespace, attribute: true, into: &output)
                output.append(UInt8(ascii: "\""))
            }
        }
        for attribute in element.attributes where attribute.name.namespace != XMLPrefixTable.xmlnsNamespace {
            output.append(UInt8(ascii: " "))
            output.append(contentsOf: table.qualified(attribute.name).utf8)
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
            case .element(let childElement): write(childElement, table: table, isRoot: false, into: &output)
            case .text(let text): appendEscaped(text, attribute: false, into: &output)
            }
        }
        output.append(contentsOf: "</".utf8)
        output.append(contentsOf: name.utf8)
        output.append(UInt8(ascii: ">"))
    }

    private static func appendEscaped(_ string: String, attribute: Bool, into output: inout [UInt8]) {
        // Fast path: printable ASCII and non-ASCII other than U+FFFE/U+FFFF (UTF-8 EF BF BE/BF) need no change.
        if !string.utf8.contains(where: { $0 < 0x20 || $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0xEF }) {
            output.append(contentsOf: string.utf8)
            return
        }
        for scalar in string.unicodeScalars {
            switch scalar {
            case "&": output.append(contentsOf: "&amp;".utf8)
            case "<": output.append(contentsOf: "&lt;".utf8)
            // `>` only matters in `]]>`, but escaping it always is simpler and still canonical.
            case ">": output.append(contentsOf: "&gt;".utf8)
            case "\"" where attribute: output.append(contentsOf: "&quot;".utf8)
            // Parsers normalise a literal CR (and, in attributes, tab and LF) away; character references survive.
            case "\r": output.append(contentsOf: "&#13;".utf8)
            case "\n" where attribute: output.append(contentsOf: "&#10;".utf8)
            case "\t" where attribute: output.append(contentsOf: "&#9;".utf8)
            default:
                let representable = scalar.value >= 0x20 || scalar == "\t" || scalar == "\n"
                let usable = representable && scalar.value != 0xFFFE && scalar.value != 0xFFFF
                UTF8.encode(usable ? scalar : "\u{FFFD}") { output.append($0) }
            }
        }
    }
}
