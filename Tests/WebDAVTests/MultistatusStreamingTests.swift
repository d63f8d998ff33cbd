import DAVXML
import Synchronization
import Testing
import WebDAV

/// Pages handed out one by one, with a sync token at the end.
private final class PagedSource: MultistatusPageSource {
    private let pages: Mutex<[[MultistatusResponse]]>
    private let token: String?
    private let failOnPage: Int?
    private let served = Mutex(0)

    init(_ pages: [[MultistatusResponse]], token: String?, failOnPage: Int? = nil) {
        self.pages = Mutex(pages)
        self.token = token
        self.failOnPage = failOnPage
    }

    struct Failure: Error {}

    func nextPage() async throws -> [MultistatusResponse]? {
        let number = served.withLock { $0 += 1; return $0 }
        if number == failOnPage { throw Failure() }
        return pages.withLock { $0.isEmpty ? nil : $0.removeFirst() }
    }

    func syncToken() async throws -> String? { token }
}

@Suite struct MultistatusStreamingTests {
    private func response(_ number: Int) -> MultistatusResponse {
        MultistatusResponse(href: "/c/\(number).ics", propstats: [
            Propstat(status: 200, properties: [XMLElement(.dav.getetag, text: "\"\(number)\"")]),
        ])
    }

    @Test func streamedBodyEqualsTheBuiltOne() async throws {
        let all = (1...7).map(response)
        let source = PagedSource([Array(all[0..<3]), Array(all[3..<6]), [all[6]]], token: "http://x/sync/7")
        let streamed = try await Multistatus.streamed(from: source)
        #expect(streamed.status == 207 && streamed.stream != nil && streamed.body.isEmpty)
        let body = try await streamed.collected().body
        let built = Multistatus(responses: all, syncToken: "http://x/sync/7").element()
        #expect(try XMLDocumentParser.parse(body) == built)
    }

    @Test func emptySourceGivesAnEmptyMultistatus() async throws {
        let body = try await Multistatus.streamed(from: PagedSource([], token: nil)).collected().body
        #expect(try XMLDocumentParser.parse(body) == Multistatus(responses: []).element())
    }

    /// A namespace the root does not declare is declared on the response that uses it, so the document stays valid.
    @Test func foreignNamespacesAreDeclaredWhereUsed() async throws {
        let dead = XMLElement(XMLName("urn:example:x", "colour"), text: "red")
        let page = [MultistatusResponse(href: "/c/", propstats: [Propstat(status: 200, properties: [dead])])]
        let body = try await Multistatus.streamed(from: PagedSource([page], token: nil)).collected().body
        let parsed = try XMLDocumentParser.parse(body)
        let prop = parsed.first(XMLName.dav.response)?.first(XMLName.dav.propstat)?.first(XMLName.dav.prop)
        #expect(prop?.elements.first == dead)
    }

    @Test func anErrorOnTheFirstPageIsThrownBeforeTheResponse() async throws {
        await #expect(throws: PagedSource.Failure.self) {
            _ = try await Multistatus.streamed(from: PagedSource([[self.response(1)]], token: nil, failOnPage: 1))
        }
    }

    @Test func anErrorOnALaterPageEndsTheBody() async throws {
        let source = PagedSource([[response(1)], [response(2)]], token: nil, failOnPage: 2)
        let streamed = try await Multistatus.streamed(from: source)
        await #expect(throws: PagedSource.Failure.self) { _ = try await streamed.collected() }
    }
}

/// A streamed response written with its wrappers straight to bytes reads back as its element tree, for every shape
/// a response takes; without a namespace the root lacks, the bytes are the tree's bytes exactly (with one, the
/// declaration sits on the property that uses it instead of on the response).
@Suite struct MultistatusResponseWritingTests {
    static let responses: [MultistatusResponse] = [
        MultistatusResponse(href: "/calendars/alice/work/a&b.ics", propstats: [
            Propstat(status: 200, properties: [XMLElement(.dav.getetag, text: "\"e<1>\""),
                                               XMLElement(XMLName("urn:other", "x"), text: "other namespace")]),
            Propstat(status: 404, properties: [XMLElement(.dav.displayname)],
                     error: XMLElement(.dav.cannotModifyProtectedProperty)),
        ]),
        MultistatusResponse(href: "/calendars/alice/work/gone.ics", status: 404),
        MultistatusResponse(href: "/calendars/alice/work/", status: 507,
                            error: XMLElement(.dav.error, elements: [XMLElement(.dav.numberOfMatchesWithinLimits)])),
    ]

    @Test(arguments: responses) func directBytesEqualTheTree(response: MultistatusResponse) throws {
        let stream = XMLStream(root: .dav.multistatus, namespaces: [XMLNamespace.dav, XMLNamespace.calDAV])
        var direct: [UInt8] = [], tree: [UInt8] = []
        response.write(to: stream, into: &direct)
        stream.child(response.element(), into: &tree)
        let document = try XMLDocumentParser.parse(stream.start() + direct + stream.end())
        #expect(document.elements.first == response.element(), "\(String(decoding: direct, as: UTF8.self))")
        let foreign = String(decoding: tree, as: UTF8.self).contains("urn:other")
        #expect(foreign || direct == tree)
    }
}
