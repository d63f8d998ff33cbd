internal import CLibXML2

/// The state of one parse: receives libxml2's SAX2 events and builds the `XMLElement` tree, enforcing the limits as
/// the events arrive so a hostile document is stopped early rather than after it is in memory.
///
/// One instance per `XMLDocumentParser.parse` call, used on that call's thread only; never shared.
final class XMLTreeBuilder {
    private struct Frame {
        var name: XMLName
        var attributes: [XMLAttribute]
        var children: [XMLNode] = []
        var hasElementChild = false
    }

    private let limits: XMLParseLimits
    private let parser: xmlParserCtxtPtr
    private var stack: [Frame] = []
    /// Character data not yet attached; text, CDATA and entity pieces arrive in several callbacks and merge here.
    private var pendingText: [UInt8] = []
    private var elementCount = 0
    private(set) var root: XMLElement?
    private(set) var failure: XMLParseError?

    init(limits: XMLParseLimits, parser: xmlParserCtxtPtr) {
        self.limits = limits
        self.parser = parser
    }

    var limitsMaxAttributes: Int { limits.maxAttributesPerElement }

    var currentLine: Int {
        guard let input = parser.pointee.input else { return 0 }
        return Int(input.pointee.line)
    }

    /// Records the first failure and halts libxml2; later events and errors are ignored.
    func fail(_ kind: XMLParseError.Kind, _ reason: String, line: Int? = nil) {
        guard failure == nil else { return }
        failure = XMLParseError(kind: kind, line: line ?? currentLine, reason: reason)
        xmlStopParser(parser)
    }

    func startElement(_ name: XMLName, attributes: [XMLAttribute]) {
        guard failure == nil else { return }
        elementCount += 1
        if elementCount > limits.maxElements {
            return fail(.limitExceeded, "more than \(limits.maxElements) elements")
        }
        if stack.count + 1 > limits.maxDepth {
            return fail(.limitExceeded, "elements nested deeper than \(limits.maxDepth) levels")
        }
        flushText()
        if !stack.isEmpty { stack[stack.count - 1].hasElementChild = true }
        stack.append(Frame(name: name, attributes: attributes))
    }

    func endElement() {
        guard failure == nil, var frame = stack.popLast() else { return }
        if !pendingText.isEmpty {
            frame.children.append(.text(String(decoding: pendingText, as: UTF8.self)))
            pendingText.removeAll(keepingCapacity: true)
        }
        if frame.hasElementChild {
            // Whitespace between child elements is indentation, not content (RFC 4918 §17 ignores it).
            frame.children.removeAll { if case .text(let t) = $0 { t.allSatisfy(\.isXMLWhitespace) } else { false } }
        }
        let element = XMLElement(frame.name, attributes: frame.attributes, children: frame.children)
        if stack.isEmpty {
            root = element
        } else {
            stack[stack.count - 1].children.append(.element(element))
        }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        // Outside the root only whitespace is well-formed; libxml2 reports anything else.
        guard failure == nil, !stack.isEmpty else { return }
        pendingText.append(contentsOf: bytes)
    }

    private func flushText() {
        guard !pendingText.isEmpty, !stack.isEmpty else { return }
        stack[stack.count - 1].children.append(.text(String(decoding: pendingText, as: UTF8.self)))
        pendingText.removeAll(keepingCapacity: true)
    }
}

extension Character {
    /// XML 1.0 §2.3 `S`: space, tab, carriage return, line feed.
    var isXMLWhitespace: Bool { self == " " || self == "\t" || self == "\n" || self == "\r" || self == "\r\n" }
}
