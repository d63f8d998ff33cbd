import DAVXML
import Testing
@testable import WebDAV

@Suite struct SyncCollectionRequestTests {
    private func parse(_ text: String) throws -> SyncCollectionRequest {
        try SyncCollectionRequest.parse(element(text))
    }

    /// RFC 6578 §3.8: the initial sync has an empty token.
    @Test func initialSync() throws {
        let request = try parse("""
            <?xml version="1.0" encoding="utf-8" ?>
            <D:sync-collection xmlns:D="DAV:">
              <D:sync-token/>
              <D:sync-level>1</D:sync-level>
              <D:prop xmlns:R="urn:ns.example.com:boxschema">
                <D:getetag/>
                <R:bigbox/>
              </D:prop>
            </D:sync-collection>
            """)
        #expect(request == SyncCollectionRequest(syncToken: "", level: .one, limit: nil,
                                                 properties: [.dav.getetag, XMLName("urn:ns.example.com:boxschema", "bigbox")]))
    }

    /// RFC 6578 §3.9: a sync from a previous token.
    @Test func syncWithToken() throws {
        let request = try parse("""
            <D:sync-collection xmlns:D="DAV:">
              <D:sync-token>http://example.com/ns/sync/1234</D:sync-token>
              <D:sync-level>1</D:sync-level>
              <D:prop><D:getetag/></D:prop>
            </D:sync-collection>
            """)
        #expect(request.syncToken == "http://example.com/ns/sync/1234")
    }

    /// RFC 6578 §3.11: a client-requested limit, and an infinite level (§6.3).
    @Test func limitAndInfiniteLevel() throws {
        let request = try parse("""
            <D:sync-collection xmlns:D="DAV:">
              <D:sync-token/>
              <D:sync-level>infinite</D:sync-level>
              <D:limit>
                <D:nresults>100</D:nresults>
              </D:limit>
              <D:prop>
                <D:getetag/>
              </D:prop>
            </D:sync-collection>
            """)
        #expect(request.level == .infinite)
        #expect(request.limit == 100)
    }

    @Test func missingLevelMeansOne() throws {
        let request = try parse(#"<D:sync-collection xmlns:D="DAV:"><D:sync-token/><D:prop/></D:sync-collection>"#)
        #expect(request.level == .one)
        #expect(request.properties.isEmpty)
    }

    @Test(arguments: [
        #"<D:sync-collections xmlns:D="DAV:"><D:sync-token/><D:prop/></D:sync-collections>"#,
        #"<D:sync-collection xmlns:D="DAV:"><D:sync-level>1</D:sync-level><D:prop/></D:sync-collection>"#,
        #"<D:sync-collection xmlns:D="DAV:"><D:sync-token/><D:sync-level>1</D:sync-level></D:sync-collection>"#,
        #"<D:sync-collection xmlns:D="DAV:"><D:sync-token/><D:sync-level>2</D:sync-level><D:prop/></D:sync-collection>"#,
        #"<D:sync-collection xmlns:D="DAV:"><D:sync-token/><D:limit/><D:prop/></D:sync-collection>"#,
        #"<D:sync-collection xmlns:D="DAV:"><D:sync-token/><D:limit><D:nresults>0</D:nresults></D:limit><D:prop/></D:sync-collection>"#,
        #"<D:sync-collection xmlns:D="DAV:"><D:sync-token/><D:limit><D:nresults>-3</D:nresults></D:limit><D:prop/></D:sync-collection>"#,
        #"<D:sync-collection xmlns:D="DAV:"><D:sync-token/><D:limit><D:nresults>ten</D:nresults></D:limit><D:prop/></D:sync-collection>"#,
    ])
    func invalidBodiesAreBadRequests(_ body: String) throws {
        let root = try element(body)
        #expect(davError { () throws(DAVError) in try SyncCollectionRequest.parse(root) }?.status == 400)
    }
}

@Suite struct ExpandPropertyRequestTests {
    /// RFC 3253 §3.8.1: nested properties, namespace defaulting to DAV:.
    @Test func rfcExample() throws {
        let request = try ExpandPropertyRequest.parse(element("""
            <?xml version="1.0" encoding="utf-8" ?>
            <D:expand-property xmlns:D="DAV:">
              <D:property name="version-history">
                <D:property name="version-set">
                  <D:property name="creator-displayname"/>
                  <D:property name="activity-set"/>
                </D:property>
              </D:property>
            </D:expand-property>
            """))
        typealias Item = ExpandPropertyRequest.Item
        let dav = { (local: String) in XMLName(XMLNamespace.dav, local) }
        #expect(request.items == [
            Item(name: dav("version-history"), children: [
                Item(name: dav("version-set"), children: [Item(name: dav("creator-displayname")), Item(name: dav("activity-set"))]),
            ]),
        ])
    }

    /// The form CalDAV clients send for calendar-proxy discovery (namespace attribute given).
    @Test func explicitNamespaces() throws {
        let request = try ExpandPropertyRequest.parse(element("""
            <D:expand-property xmlns:D="DAV:">
              <D:property name="calendar-proxy-write-for" namespace="http://calendarserver.org/ns/">
                <D:property name="displayname"/>
                <D:property name="calendar-user-address-set" namespace="urn:ietf:params:xml:ns:caldav"/>
              </D:property>
            </D:expand-property>
            """))
        #expect(request.items.map(\.name) == [.calendarServer.calendarProxyWriteFor])
        #expect(request.items[0].children.map(\.name) == [.dav.displayname, .calDAV.calendarUserAddressSet])
    }

    @Test func missingNameOrWrongRootIsBadRequest() throws {
        let noName = try element(#"<D:expand-property xmlns:D="DAV:"><D:property namespace="DAV:"/></D:expand-property>"#)
        #expect(davError { () throws(DAVError) in try ExpandPropertyRequest.parse(noName) }?.status == 400)
        let wrongRoot = try element(#"<D:propfind xmlns:D="DAV:"/>"#)
        #expect(davError { () throws(DAVError) in try ExpandPropertyRequest.parse(wrongRoot) }?.status == 400)
    }
}

@Suite struct PrincipalPropertySearchRequestTests {
    /// RFC 3744 §9.4 example: two searches ANDed, with properties to return.
    @Test func rfcExample() throws {
        let b = "http://www.example.com/ns/"
        let request = try PrincipalPropertySearchRequest.parse(element("""
            <?xml version="1.0" encoding="utf-8" ?>
            <D:principal-property-search xmlns:D="DAV:">
              <D:property-search>
                <D:prop>
                  <D:displayname/>
                </D:prop>
                <D:match>doE</D:match>
              </D:property-search>
              <D:property-search>
                <D:prop xmlns:B="http://www.example.com/ns/">
                  <B:title/>
                </D:prop>
                <D:match>Sales</D:match>
              </D:property-search>
              <D:prop xmlns:B="http://www.example.com/ns/">
                <D:displayname/>
                <B:department/>
                <B:phone/>
                <B:office/>
                <B:salary/>
              </D:prop>
            </D:principal-property-search>
            """))
        #expect(request.searches == [
            .init(properties: [.dav.displayname], match: "doE"),
            .init(properties: [XMLName(b, "title")], match: "Sales"),
        ])
        #expect(request.test == .allof)
        #expect(request.properties == [.dav.displayname] + ["department", "phone", "office", "salary"].map { XMLName(b, $0) })
        #expect(!request.applyToPrincipalCollectionSet)
    }

    /// The CalendarServer form macOS Calendar sends: `test="anyof"`, `match-type`, apply-to-principal-collection-set.
    @Test func calendarServerExtensions() throws {
        let request = try PrincipalPropertySearchRequest.parse(element("""
            <x0:principal-property-search xmlns:x0="DAV:" xmlns:x1="urn:ietf:params:xml:ns:caldav" test="anyof">
              <x0:property-search>
                <x0:prop><x0:displayname/></x0:prop>
                <x0:match match-type="starts-with">ali</x0:match>
              </x0:property-search>
              <x0:property-search>
                <x0:prop><x1:calendar-user-address-set/></x0:prop>
                <x0:match match-type="starts-with">ali</x0:match>
              </x0:property-search>
              <x0:prop><x0:displayname/></x0:prop>
              <x0:apply-to-principal-collection-set/>
            </x0:principal-property-search>
            """))
        #expect(request.test == .anyof)
        #expect(request.searches.map(\.matchType) == ["starts-with", "starts-with"])
        #expect(request.searches[1].properties == [.calDAV.calendarUserAddressSet])
        #expect(request.applyToPrincipalCollectionSet)
    }

    @Test(arguments: [
        #"<D:principal-property-search xmlns:D="DAV:"><D:property-search><D:prop/></D:property-search></D:principal-property-search>"#,
        #"<D:principal-property-search xmlns:D="DAV:"><D:property-search><D:match>x</D:match></D:property-search></D:principal-property-search>"#,
        #"<D:principal-property-search xmlns:D="DAV:" test="someof"><D:property-search><D:prop/><D:match>x</D:match></D:property-search></D:principal-property-search>"#,
        #"<D:principal-search-property-set xmlns:D="DAV:"/>"#,
    ])
    func invalidBodiesAreBadRequests(_ body: String) throws {
        let root = try element(body)
        #expect(davError { () throws(DAVError) in try PrincipalPropertySearchRequest.parse(root) }?.status == 400)
    }

    /// What python-caldav 3.x sends: no property-search to list everyone, and the wanted properties beside an
    /// empty `<D:prop/>` instead of inside it.
    @Test func pythonCaldavPrincipalListing() throws {
        let root = try element("""
            <D:principal-property-search xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">\
            <D:prop/><C:calendar-home-set/><D:displayname/></D:principal-property-search>
            """)
        let request = try PrincipalPropertySearchRequest.parse(root)
        #expect(request.searches.isEmpty)
        #expect(request.properties == [.calDAV.calendarHomeSet, .dav.displayname])
    }
}
