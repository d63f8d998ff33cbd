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
            }
        }
        output.append(contentsOf: "</".utf8)
        table.appendQualified(element.name, to: &output)
        output.append(UInt8(ascii: ">"))
    }

    static func appendEscaped(_ string: String, attribute: Bool, into output: inout [UInt8]) {
        var string = string
        string.withUTF8 { appendEscaped($0, attribute: attribute, into: &output) }
    }

    /// Works on UTF-8 bytes: every byte that needs escaping is ASCII, and U+FFFE / U+FFFF are the only
    /// three-byte sequences starting EF BF BE / EF BF BF, so no decoding is needed.
    private static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, attribute: Bool, into output: inout [UInt8]) {
        output.reserveCapacity(output.count + bytes.count + bytes.count / 16)
        var index = 0
        var runStart = 0
        while index < bytes.count {
            let byte = bytes[index]
            if isWrittenAsIs(byte, attribute: attribute) {
                index += 1
                continue
            }
            let replacement: StaticString
            var width = 1
            switch byte {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            // `>` only matters in `]]>`, but escaping it always is simpler and still canonical.
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "\""): replacement = "&quot;"
            // Parsers normalise a literal CR (and, in attributes, tab and LF) away; character references survive.
            case UInt8(ascii: "\r"): replacement = "&#13;"
            case UInt8(ascii: "\n"): replacement = "&#10;"
            case UInt8(ascii: "\t"): replacement = "&#9;"
            case 0..<0x20: replacement = "\u{FFFD}"
            case 0xEF where index + 2 < bytes.count && bytes[index + 1] == 0xBF && bytes[index + 2] >= 0xBE:
                replacement = "\u{FFFD}"
                width = 3
            default:  // 0xEF starting any other character
                index += 1
                continue
            }
            if index > runStart { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
            replacement.withUTF8Buffer { output.append(contentsOf: $0) }
            index += width
            runStart = index
        }
        if index > runStart { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
    }

    /// The common case, tested first: a byte that needs no escaping and cannot start U+FFFE / U+FFFF. In text, LF,
    /// tab and '"' are written as they are too.
    @inline(__always)
    private static func isWrittenAsIs(_ byte: UInt8, attribute: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), 0xEF: false
        case UInt8(ascii: "\""), UInt8(ascii: "\n"), UInt8(ascii: "\t"): !attribute
        case 0..<0x20: false
        default: true
        }
    }
}
