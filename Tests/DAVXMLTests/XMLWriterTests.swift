import Testing
@testable import DAVXML

@Suite struct XMLWriterTests {
    private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test func documentDeclaresPreferredPrefixesOnceAtTheRoot() {
        let root = XMLElement(.dav.multistatus, elements: [
            XMLElement(.dav.response, elements: [
                XMLElement(.dav.href, text: "/a"),
                XMLElement(.calDAV.calendarData, text: "x"),
            ]),
            XMLElement(.dav.response, elements: [XMLElement(.calDAV.calendarData)]),
        ])
        let expected = #"<?xml version="1.0" encoding="utf-8"?>"# + "\n"
            + #"<D:multistatus xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">"#
            + #"<D:response><D:href>/a</D:href><C:calendar-data>x</C:calendar-data></D:response>"#
            + #"<D:response><C:calendar-data/></D:response></D:multistatus>"#
        #expect(text(XMLWriter.document(root)) == expected)
    }

    @Test func unknownNamespacesGetGeneratedPrefixes() {
        let root = XMLElement(.dav.prop, elements: [
            XMLElement(XMLName("urn:a", "x"), attributes: [XMLAttribute(XMLName("urn:b", "at"), "1")]),
            XMLElement(XMLName("urn:a", "y")),
            XMLElement(XMLName("", "plain")),
        ])
        #expect(XMLWriter.fragment(root)
            == #"<D:prop xmlns:D="DAV:" xmlns:ns1="urn:a" xmlns:ns2="urn:b"><ns1:x ns2:at="1"/><ns1:y/><plain/></D:prop>"#)
    }

    @Test func textAndAttributesAreEscaped() {
        let element = XMLElement(XMLName("", "a"), attributes: [XMLAttribute("v", "<\"&'>\t\n\r")], text: "a<b>&c]]>\r\n")
        #expect(XMLWriter.fragment(element)
            == #"<a v="&lt;&quot;&amp;'&gt;&#9;&#10;&#13;">a&lt;b&gt;&amp;c]]&gt;&#13;"# + "\n</a>")
    }

    @Test func unrepresentableCharactersBecomeReplacementCharacters() throws {
        let element = XMLElement(XMLName("", "a"), text: "x\u{0}y\u{1B}z\u{FFFE}é")
        let written = XMLWriter.fragment(element)
        #expect(written == "<a>x\u{FFFD}y\u{FFFD}z\u{FFFD}é</a>")
        #expect(try parseXML(written).text == "x\u{FFFD}y\u{FFFD}z\u{FFFD}é")
    }

    @Test func xmlNamespaceAttributesUseTheReservedPrefix() throws {
        let lang = XMLName("http://www.w3.org/XML/1998/namespace", "lang")
        let element = XMLElement(.dav.displayname, attributes: [XMLAttribute(lang, "fr")], text: "Travail")
        let written = XMLWriter.fragment(element)
        #expect(written == #"<D:displayname xmlns:D="DAV:" xml:lang="fr">Travail</D:displayname>"#)
        #expect(try parseXML(written) == element)
    }

    @Test func preferredPrefixesAreNotReusedForOtherNamespaces() {
        // A generated prefix must not collide with one the tree already uses.
        let root = XMLElement(XMLName("urn:x", "r"), elements: [XMLElement(.dav.href)])
        #expect(XMLWriter.fragment(root) == #"<ns1:r xmlns:ns1="urn:x" xmlns:D="DAV:"><D:href/></ns1:r>"#)
    }

    static let roundTripTrees: [XMLElement] = [
        XMLElement(.dav.displayname, text: "Work & <Play> \"quoted\" ☺ 日本"),
        XMLElement(XMLName("http://example.com/ns/", "color"), attributes: [XMLAttribute("symbolic", "a\tb\nc")],
                   text: "#FF0000FF"),
        XMLElement(.calDAV.supportedCalendarComponentSet, elements: [
            XMLElement(.calDAV.comp, attributes: [XMLAttribute("name", "VEVENT")]),
            XMLElement(.calDAV.comp, attributes: [XMLAttribute("name", "VTODO")]),
        ]),
        XMLElement(XMLName("urn:z", "Authors"), children: [
            .text("lead "), .element(XMLElement(XMLName("urn:z", "Author"), text: "Jim")), .text(" tail\r\n"),
            .element(XMLElement(XMLName("", "unqualified"), elements: [XMLElement(XMLName("urn:other", "deep"))])),
        ]),
        XMLElement(.calDAV.calendarTimezone, text: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"),
    ]

    @Test(arguments: roundTripTrees)
    func fragmentRoundTripsThroughTheParser(_ tree: XMLElement) throws {
        #expect(try parseXML(XMLWriter.fragment(tree)) == tree)
        #expect(try XMLDocumentParser.parse(XMLWriter.document(tree)) == tree)
    }

    @Test func parsedRFCBodyRoundTrips() throws {
        let xml = """
            <D:propertyupdate xmlns:D="DAV:" xmlns:Z="http://ns.example.com/standards/z39.50/">
              <D:set><D:prop><Z:Authors><Z:Author>Jim Whitehead</Z:Author></Z:Authors></D:prop></D:set>
              <D:remove><D:prop><Z:Copyright-Owner/></D:prop></D:remove>
            </D:propertyupdate>
            """
        let tree = try parseXML(xml)
        #expect(try XMLDocumentParser.parse(XMLWriter.document(tree)) == tree)
    }
}
