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
