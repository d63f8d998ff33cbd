import Testing
@testable import DAVXML

func parseXML(_ text: String, limits: XMLParseLimits = .default) throws(XMLParseError) -> XMLElement {
    try XMLDocumentParser.parse(Array(text.utf8), limits: limits)
}

@Suite struct XMLDocumentParserTests {
    @Test func defaultNamespaceAppliesToUnprefixedElements() throws {
        let root = try parseXML(#"<propfind xmlns="DAV:"><prop><getetag/></prop></propfind>"#)
        #expect(root.name == .dav.propfind)
        #expect(root.first(.dav.prop)?.first(.dav.getetag) != nil)
    }

    @Test func prefixedNamesResolveToTheirURI() throws {
        let root = try parseXML(#"<x:propfind xmlns:x="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><x:prop><c:calendar-data/></x:prop></x:propfind>"#)
        #expect(root.name == .dav.propfind)
        #expect(root.first(.dav.prop)?.elements.map(\.name) == [.calDAV.calendarData])
    }

    @Test func redeclaredPrefixAndDefaultAreScoped() throws {
        let xml = """
            <a:root xmlns:a="urn:one" xmlns="urn:default">
              <a:x xmlns:a="urn:two"><plain/></a:x>
              <a:y/>
              <z xmlns=""/>
            </a:root>
            """
        let root = try parseXML(xml)
        #expect(root.name == XMLName("urn:one", "root"))
        #expect(root.elements.map(\.name) == [XMLName("urn:two", "x"), XMLName("urn:one", "y"), XMLName("", "z")])
        #expect(root.elements[0].elements.map(\.name) == [XMLName("urn:default", "plain")])
    }

    @Test func attributesAreNamespaceAware() throws {
        let xml = #"<C:comp xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:e="urn:ext" name="VEVENT" e:flag="yes" xml:lang="en"/>"#
        let root = try parseXML(xml)
        #expect(root.attribute("name") == "VEVENT")
        #expect(root.attribute("flag", namespace: "urn:ext") == "yes")
        #expect(root.attribute("flag") == nil)
        #expect(root.attribute("lang", namespace: "http://www.w3.org/XML/1998/namespace") == "en")
        // An unprefixed attribute is in no namespace even under a default namespace (Namespaces in XML 1.0 §6.2).
        let defaulted = try parseXML(#"<a xmlns="urn:d" b="1"/>"#)
        #expect(defaulted.attributes == [XMLAttribute("b", "1")])
    }

    @Test func entityAndCharacterReferencesAreDecoded() throws {
        let root = try parseXML(#"<a v="x&amp;y &#38;&lt;&#34;&amp;#38;">1 &lt; 2 &amp;&amp; 3 &#x263A;</a>"#)
        #expect(root.attribute("v") == "x&y &<\"&#38;")
        #expect(root.text == "1 < 2 && 3 \u{263A}")
    }

    @Test func cdataBecomesTextAndMergesWithNeighbours() throws {
        let root = try parseXML("<a>one <![CDATA[<two> & ]]>three</a>")
        #expect(root.children == [.text("one <two> & three")])
    }

    @Test func whitespaceBetweenElementsIsDroppedButTextIsKept() throws {
        let root = try parseXML("<a>\n  <b>  keep me  </b>\n  <c> </c>\n</a>")
        #expect(root.children.count == 2)
        #expect(root.elements[0].text == "  keep me  ")
        // An element with only text keeps even whitespace-only text: it is the value, not indentation.
        #expect(root.elements[1].text == " ")
    }

    @Test func mixedContentKeepsNonWhitespaceText() throws {
        let root = try parseXML("<a>before<b/>after</a>")
        #expect(root.children == [.text("before"), .element(XMLElement(XMLName("", "b"))), .text("after")])
    }

    @Test func commentsAndProcessingInstructionsAreIgnored() throws {
        let root = try parseXML("<?xml version=\"1.0\"?><!-- c --><a><?pi data?><!-- inner -->t</a><!-- after -->")
        #expect(root.children == [.text("t")])
    }

    @Test func declaredNonUTF8EncodingIsConverted() throws {
        // "café" in ISO-8859-1: é is the single byte 0xE9.
        var bytes = Array(#"<?xml version="1.0" encoding="ISO-8859-1"?><a>caf"#.utf8)
        bytes.append(0xE9)
        bytes.append(contentsOf: "</a>".utf8)
        #expect(try XMLDocumentParser.parse(bytes).text == "café")
    }

    @Test func byteOrderMarkIsAccepted() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("<a>x</a>".utf8)
        #expect(try XMLDocumentParser.parse(bytes).text == "x")
    }
}
