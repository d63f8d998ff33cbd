internal import CLibXML2

/// Parses a DAV request body (or a stored dead property) into an `XMLElement` tree with libxml2.
///
/// Hardened for untrusted input: any `<!DOCTYPE` is refused as soon as it is seen, so no DTD, external entity (XXE)
/// or entity expansion (billion laughs) is ever processed; no network access; input size, nesting depth, element and
/// attribute counts are bounded by `XMLParseLimits`. Each call has its own parser context and reports errors through
/// that context only, so concurrent parses from many tasks do not share state.
///
/// Namespace-aware (Namespaces in XML 1.0): element and attribute names are `XMLName(namespaceURI, local)`.
/// Whitespace-only text beside child elements is dropped; other text, CDATA included, is kept and merged.
public enum XMLDocumentParser {
    /// libxml2 must be initialised once before concurrent use; a static let runs exactly once, thread-safely.
    private static let libraryInitialized: Bool = {
        xmlInitParser()
        return true
    }()

    public static func parse(_ bytes: [UInt8], limits: XMLParseLimits = .default) throws(XMLParseError) -> XMLElement {
        if bytes.count > limits.maxBytes || bytes.count > Int(Int32.max) {
            throw XMLParseError(kind: .limitExceeded, line: 0, reason: "body larger than \(limits.maxBytes) bytes")
        }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            throw XMLParseError(kind: .empty, line: 0, reason: "no XML document in the body")
        }
        precondition(libraryInitialized)
        let result: Result<XMLElement, XMLParseError> = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                parseBuffer(chars.baseAddress!, count: Int32(chars.count), limits: limits)
            }
        }
        return try result.get()
    }

    private static func parseBuffer(_ base: UnsafePointer<CChar>, count: Int32,
                                    limits: XMLParseLimits) -> Result<XMLElement, XMLParseError> {
        guard let context = xmlCreateMemoryParserCtxt(base, count) else {
            return .failure(XMLParseError(kind: .malformed, line: 0, reason: "the XML parser could not start"))
        }
        defer { xmlFreeParserCtxt(context) }
        let builder = XMLTreeBuilder(limits: limits, parser: context)
        return withExtendedLifetime(builder) {
            context.pointee.sax.pointee = saxHandler()
            context.pointee.userData = Unmanaged.passUnretained(builder).toOpaque()
            // NONET only: never NOENT, DTDLOAD or DTDATTR, which would load or expand what a DOCTYPE declares.
            xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue))
            xmlParseDocument(context)
            if let failure = builder.failure { return .failure(failure) }
            guard context.pointee.wellFormed != 0, context.pointee.nsWellFormed != 0, let root = builder.root else {
                return .failure(XMLParseError(kind: .malformed, line: builder.currentLine, reason: "not well-formed XML"))
            }
            return .success(root)
        }
    }

    /// SAX2 callbacks; every other event (comments, processing instructions, DTD declarations) has no handler.
    private static func saxHandler() -> xmlSAXHandler {
        var handler = xmlSAXHandler()
        handler.initialized = XML_SAX2_MAGIC
        handler.startElementNs = { context, localName, _, uri, _, _, attributeCount, _, attributes in
            let builder = treeBuilder(context)
            var list: [XMLAttribute] = []
            let count = Int(attributeCount)
            if count > 0, let attributes {
                if count > builder.limitsMaxAttributes {
                    return builder.fail(.limitExceeded, "more than \(builder.limitsMaxAttributes) attributes on one element")
                }
                list.reserveCapacity(count)
                for index in 0..<count {
                    // Five pointers per attribute: localname, prefix, URI, value start, value end.
                    let base = index * 5
                    let start = attributes[base + 3]!, end = attributes[base + 4]!
                    let value = String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
                    list.append(XMLAttribute(XMLName(string(attributes[base + 2]), string(attributes[base])),
                                             decodeAmpersands(value)))
                }
            }
            builder.startElement(XMLName(XMLNamespace.interned(string(uri)), string(localName)), attributes: list)
        }
        handler.endElementNs = { context, _, _, _ in treeBuilder(context).endElement() }
        let characters: charactersSAXFunc = { context, bytes, length in
            guard let bytes, length > 0 else { return }
            treeBuilder(context).characters(UnsafeBufferPointer(start: bytes, count: Int(length)))
        }
        handler.characters = characters
        handler.cdataBlock = characters
        handler.ignorableWhitespace = characters
        handler.internalSubset = { context, _, _, _ in
            treeBuilder(context).fail(.doctypeForbidden, "DOCTYPE declarations are not accepted")
        }
        handler.serror = { context, error in
            guard let context, let error, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
            let message = error.pointee.message.map { String(cString: $0) } ?? "not well-formed XML"
            let trimmed = String(message.reversed().drop(while: \.isWhitespace).reversed())
            treeBuilder(context).fail(.malformed, trimmed, line: Int(error.pointee.line))
        }
        return handler
    }
}

/// The builder a SAX callback belongs to: the parse stores it as the context's user data.
private func treeBuilder(_ context: UnsafeMutableRawPointer?) -> XMLTreeBuilder {
    Unmanaged<XMLTreeBuilder>.fromOpaque(context!).takeUnretainedValue()
}

private func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
    guard let pointer else { return "" }
    return String(cString: pointer)
}

/// Without entity substitution libxml2 hands SAX2 attribute values with each `&` (from `&amp;` or `&#38;`)
/// re-encoded as `&#38;`; no other reference can remain, as undeclared entities are fatal without a DTD.
private func decodeAmpersands(_ value: String) -> String {
    value.utf8.contains(UInt8(ascii: "&")) ? value.replacing("&#38;", with: "&") : value
}
