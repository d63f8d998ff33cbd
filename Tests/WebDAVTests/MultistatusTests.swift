import DAVXML
import Testing
@testable import WebDAV

@Suite struct MultistatusTests {
    static let box = "http://ns.example.com/boxschema/"

    /// The RFC 4918 §9.1.3 response, built from values and read back.
    @Test func propstatResponseRendersAndParsesBack() throws {
        let bigbox = XMLElement(XMLName(Self.box, "bigbox"), elements: [
            XMLElement(XMLName(Self.box, "BoxType"), text: "Box type A"),
        ])
        let multistatus = Multistatus(responses: [
            MultistatusResponse(href: "http://www.example.com/file", propstats: [
                Propstat(status: 200, properties: [bigbox]),
                Propstat(status: 403, properties: [XMLElement(XMLName(Self.box, "DingALing"))],
                         error: XMLElement(.dav.needPrivileges)),
            ]),
        ])
        let response = multistatus.response()
        #expect(response.status == 207)
        #expect(response.headers["Content-Type"] == "application/xml; charset=utf-8")
        #expect(response.body.starts(with: bytes(#"<?xml version="1.0" encoding="utf-8"?>"#)))

        let root = try XMLDocumentParser.parse(response.body)
        #expect(root.name == .dav.multistatus)
        let entry = try #require(root.first(.dav.response))
        #expect(entry.first(.dav.href)?.text == "http://www.example.com/file")
        let propstats = entry.all(.dav.propstat)
        #expect(propstats.count == 2)
        #expect(propstats[0].elements.map(\.name) == [.dav.prop, .dav.status])
        #expect(propstats[0].first(.dav.prop)?.elements == [bigbox])
        #expect(propstats[0].first(.dav.status)?.text == "HTTP/1.1 200 OK")
        #expect(propstats[1].first(.dav.status)?.text == "HTTP/1.1 403 Forbidden")
        #expect(propstats[1].first(.dav.error)?.elements.map(\.name) == [.dav.needPrivileges])
        #expect(root.first(.dav.syncToken) == nil)
    }

    /// RFC 4918 §14.24: the `(href, status)` form, as a multiget reports a missing resource, plus a
    /// response-level error.
    @Test func statusResponseAndSyncToken() throws {
        let multistatus = Multistatus(responses: [
            MultistatusResponse(href: "/calendars/alice/work/gone.ics", status: 404),
            MultistatusResponse(href: "/calendars/alice/work/", status: 403,
                                error: XMLElement(.dav.error, elements: [XMLElement(.dav.needPrivileges)])),
        ], syncToken: "http://almanac/sync/42")
        let root = try XMLDocumentParser.parse(multistatus.response().body)
        let responses = root.all(.dav.response)
        #expect(responses[0].elements.map(\.name) == [.dav.href, .dav.status])
        #expect(responses[0].first(.dav.status)?.text == "HTTP/1.1 404 Not Found")
        // A given <D:error> is used as is, not wrapped twice.
        #expect(responses[1].first(.dav.error)?.elements.map(\.name) == [.dav.needPrivileges])
        // RFC 6578 §6.2: the sync token follows the responses.
        #expect(root.elements.last == XMLElement(.dav.syncToken, text: "http://almanac/sync/42"))
    }

    @Test func hrefsWithReservedCharactersSurviveTheXML() throws {
        let href = HrefPath.encode(["calendars", "a&b <c>"], basePath: "/dav", trailingSlash: true)
        let body = Multistatus(responses: [MultistatusResponse(href: href, status: 200)]).response().body
        let parsed = try XMLDocumentParser.parse(body).first(.dav.response)?.first(.dav.href)?.text
        #expect(parsed == href)
        #expect(HrefPath.decode(try #require(parsed), basePath: "/dav")?.segments == ["calendars", "a&b <c>"])
    }

    @Test func emptyMultistatusIsValid() throws {
        let root = try XMLDocumentParser.parse(Multistatus(responses: []).response().body)
        #expect(root == XMLElement(.dav.multistatus))
    }
}
