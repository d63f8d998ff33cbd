import DAVXML
import Testing
@testable import WebDAV

@Suite struct PropfindRequestTests {
    private func parse(_ text: String) throws(DAVError) -> PropfindRequest {
        try PropfindRequest.parse(bytes(text))
    }

    /// RFC 4918 §9.1.3: named properties in another namespace.
    @Test func namedProperties() throws {
        let request = try parse("""
            <?xml version="1.0" encoding="utf-8" ?>
            <D:propfind xmlns:D="DAV:">
              <D:prop xmlns:R="http://ns.example.com/boxschema/">
                <R:bigbox/>
                <R:author/>
                <R:DingALing/>
                <R:Random/>
              </D:prop>
            </D:propfind>
            """)
        let box = "http://ns.example.com/boxschema/"
        #expect(request.kind == .properties(["bigbox", "author", "DingALing", "Random"].map { XMLName(box, $0) }))
    }

    /// RFC 4918 §9.1.4 (allprop), §9.1.5 (propname, default namespace) and §9.1.6 (allprop with include).
    @Test func allpropPropnameAndInclude() throws {
        #expect(try parse(#"<D:propfind xmlns:D="DAV:"><D:allprop/></D:propfind>"#).kind == .allprop(include: []))
        #expect(try parse(#"<propfind xmlns="DAV:"><propname/></propfind>"#).kind == .propname)
        let include = try parse("""
            <D:propfind xmlns:D="DAV:">
              <D:allprop/>
              <D:include>
                <D:supported-live-property-set/>
                <D:supported-report-set/>
              </D:include>
            </D:propfind>
            """)
        #expect(include.kind == .allprop(include: [XMLName("DAV:", "supported-live-property-set"), .dav.supportedReportSet]))
    }

    /// RFC 4918 §9.1: "A client may choose not to submit a request body. An empty PROPFIND request body MUST be
    /// treated as if it were an 'allprop' request."
    @Test(arguments: ["", "\r\n  "])
    func emptyBodyIsAllprop(_ body: String) throws {
        #expect(try parse(body).kind == .allprop(include: []))
    }

    @Test func unknownChildrenAreIgnored() throws {
        let request = try parse(#"<D:propfind xmlns:D="DAV:" xmlns:X="urn:x"><X:hint/><D:prop><D:getetag/></D:prop></D:propfind>"#)
        #expect(request.kind == .properties([.dav.getetag]))
    }

    @Test(arguments: [
        #"<D:propertyupdate xmlns:D="DAV:"/>"#,
        #"<D:propfind xmlns:D="DAV:"/>"#,
        #"<D:propfind xmlns:D="DAV:"><D:prop/><D:allprop/></D:propfind>"#,
        #"<propfind><prop/></propfind>"#,
        #"<D:propfind xmlns:D="DAV:"><D:prop>"#,
    ])
    func invalidBodiesAreBadRequests(_ body: String) {
        #expect(davError { () throws(DAVError) in try parse(body) }?.status == 400)
    }
}

@Suite struct ProppatchRequestTests {
    /// RFC 4918 §9.2.2: set then remove, in document order.
    @Test func rfcExample() throws {
        let z = "http://ns.example.com/standards/z39.50/"
        let request = try ProppatchRequest.parse(bytes("""
            <?xml version="1.0" encoding="utf-8" ?>
            <D:propertyupdate xmlns:D="DAV:"
                    xmlns:Z="http://ns.example.com/standards/z39.50/">
              <D:set>
                <D:prop>
                  <Z:Authors>
                    <Z:Author>Jim Whitehead</Z:Author>
                    <Z:Author>Roy Fielding</Z:Author>
                  </Z:Authors>
                </D:prop>
              </D:set>
              <D:remove>
                <D:prop><Z:Copyright-Owner/></D:prop>
              </D:remove>
            </D:propertyupdate>
            """))
        let authors = XMLElement(XMLName(z, "Authors"), elements: [
            XMLElement(XMLName(z, "Author"), text: "Jim Whitehead"),
            XMLElement(XMLName(z, "Author"), text: "Roy Fielding"),
        ])
        #expect(request.operations == [.set(authors), .remove(XMLName(z, "Copyright-Owner"))])
        #expect(request.operations.map(\.name) == [XMLName(z, "Authors"), XMLName(z, "Copyright-Owner")])
    }

    @Test func interleavedInstructionsKeepDocumentOrder() throws {
        let request = try ProppatchRequest.parse(bytes("""
            <D:propertyupdate xmlns:D="DAV:" xmlns:A="http://apple.com/ns/ical/">
              <D:remove><D:prop><D:displayname/></D:prop></D:remove>
              <D:set><D:prop><A:calendar-color>#FF0000</A:calendar-color><D:displayname>New</D:displayname></D:prop></D:set>
              <D:remove><D:prop><A:calendar-color/></D:prop></D:remove>
            </D:propertyupdate>
            """))
        #expect(request.operations == [
            .remove(.dav.displayname),
            .set(XMLElement(.apple.calendarColor, text: "#FF0000")),
            .set(XMLElement(.dav.displayname, text: "New")),
            .remove(.apple.calendarColor),
        ])
    }

    @Test(arguments: [
        "",
        #"<D:propfind xmlns:D="DAV:"/>"#,
        #"<D:propertyupdate xmlns:D="DAV:"/>"#,
        #"<D:propertyupdate xmlns:D="DAV:"><D:set/></D:propertyupdate>"#,
        #"<D:propertyupdate xmlns:D="DAV:"><D:set><D:prop/></D:set></D:propertyupdate>"#,
    ])
    func invalidBodiesAreBadRequests(_ body: String) {
        #expect(davError { () throws(DAVError) in try ProppatchRequest.parse(bytes(body)) }?.status == 400)
    }
}

@Suite struct CollectionCreationRequestTests {
    /// RFC 5689 §5.1 (extended MKCOL example).
    @Test func extendedMkcol() throws {
        let request = try CollectionCreationRequest.parse(bytes("""
            <?xml version="1.0" encoding="utf-8" ?>
            <D:mkcol xmlns:D="DAV:"
                          xmlns:E="http://example.com/ns/">
              <D:set>
                <D:prop>
                  <D:resourcetype>
                    <D:collection/>
                    <E:special-resource/>
                  </D:resourcetype>
                  <D:displayname>Special Resource</D:displayname>
                </D:prop>
              </D:set>
            </D:mkcol>
            """), root: .dav.mkcol)
        #expect(request.resourceTypes == [.dav.collection, XMLName("http://example.com/ns/", "special-resource")])
        #expect(request.properties == [XMLElement(.dav.displayname, text: "Special Resource")])
    }

    /// RFC 4791 §5.3.1.2 (MKCALENDAR example, time zone abridged).
    @Test func mkcalendar() throws {
        let request = try CollectionCreationRequest.parse(bytes("""
            <?xml version="1.0" encoding="utf-8" ?>
            <C:mkcalendar xmlns:D="DAV:"
                          xmlns:C="urn:ietf:params:xml:ns:caldav">
              <D:set>
                <D:prop>
                  <D:displayname>Lisa's Events</D:displayname>
                  <C:calendar-description xml:lang="en"
            >Calendar restricted to events.</C:calendar-description>
                  <C:supported-calendar-component-set>
                    <C:comp name="VEVENT"/>
                  </C:supported-calendar-component-set>
                  <C:calendar-timezone><![CDATA[BEGIN:VCALENDAR
            PRODID:-//Example Corp.//CalDAV Client//EN
            VERSION:2.0
            BEGIN:VTIMEZONE
            TZID:US-Eastern
            END:VTIMEZONE
            END:VCALENDAR
            ]]></C:calendar-timezone>
                </D:prop>
              </D:set>
            </C:mkcalendar>
            """), root: .calDAV.mkcalendar)
        #expect(request.resourceTypes.isEmpty)
        #expect(request.properties.map(\.name) == [
            .dav.displayname, .calDAV.calendarDescription, .calDAV.supportedCalendarComponentSet, .calDAV.calendarTimezone,
        ])
        #expect(request.properties[0].text == "Lisa's Events")
        #expect(request.properties[1].attribute("lang", namespace: "http://www.w3.org/XML/1998/namespace") == "en")
        #expect(request.properties[2].first(.calDAV.comp)?.attribute("name") == "VEVENT")
        #expect(request.properties[3].text.hasPrefix("BEGIN:VCALENDAR\nPRODID:"))
    }

    @Test func emptyBodyIsAnEmptyRequest() throws {
        #expect(try CollectionCreationRequest.parse([], root: .calDAV.mkcalendar) == CollectionCreationRequest())
    }

    @Test func wrongRootOrSetWithoutPropIsBadRequest() {
        let wrongRoot = davError { () throws(DAVError) in
            try CollectionCreationRequest.parse(bytes(#"<D:mkcol xmlns:D="DAV:"/>"#), root: .calDAV.mkcalendar)
        }
        #expect(wrongRoot?.status == 400)
        let noProp = davError { () throws(DAVError) in
            try CollectionCreationRequest.parse(bytes(#"<D:mkcol xmlns:D="DAV:"><D:set/></D:mkcol>"#), root: .dav.mkcol)
        }
        #expect(noProp?.status == 400)
    }
}
