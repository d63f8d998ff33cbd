import DAVXML
import Synchronization

extension Multistatus {
    /// The namespaces declared on a streamed multistatus root: those nearly every response uses. Others are declared
    /// on the response that needs them.
    static let streamedNamespaces = [XMLNamespace.dav, XMLNamespace.calDAV, XMLNamespace.calendarServer,
                                     XMLNamespace.apple]

    /// 207 whose body is written page by page from `source`.
    ///
    /// The first page is read before the response is returned, so an error there (a bad sync token, a missing
    /// collection) still becomes a proper error response; later errors can only end the body early.
    public static func streamed(from source: some MultistatusPageSource) async throws -> DAVResponse {
        let first = try await source.nextPage()
        let producer = StreamedMultistatus(source: source, first: first)
        let stream = DAVBodyStream(unfolding: { try await producer.next() })
        return DAVResponse(status: 207, headers: DAVHeaders([("Content-Type", "application/xml; charset=utf-8")]),
                           stream: stream)
    }
}

/// The state of one streamed multistatus: opening tag, pages of responses, sync token and closing tag, each asked
/// for in turn by the body stream.
private final class StreamedMultistatus<Source: MultistatusPageSource>: Sendable {
    private enum Step: Sendable {
        case opening(first: [MultistatusResponse]?)
        case pages
        case finished
    }

    private let source: Source
    private let step: Mutex<Step>
    private let document = XMLStream(root: .dav.multistatus, namespaces: Multistatus.streamedNamespaces)

    init(source: Source, first: [MultistatusResponse]?) {
        self.source = source
        self.step = Mutex(.opening(first: first))
    }

    /// The next chunk of the body; nil at the end. The stream calls this one call at a time.
    func next() async throws -> [UInt8]? {
        let current = step.withLock { $0 }
        switch current {
        case .opening(let first):
            var chunk = document.start()
            if let first {
                append(first, to: &chunk)
                step.withLock { $0 = .pages }
            } else {
                try await finish(into: &chunk)
            }
            return chunk
        case .pages:
            var chunk: [UInt8] = []
            if let page = try await source.nextPage() {
                append(page, to: &chunk)
            } else {
                try await finish(into: &chunk)
            }
            return chunk
        case .finished:
            return nil
        }
    }

    private func append(_ responses: [MultistatusResponse], to chunk: inout [UInt8]) {
        for response in responses {
            response.write(to: document, into: &chunk)
        }
    }

    private func finish(into chunk: inout [UInt8]) async throws {
        if let token = try await source.syncToken() {
            document.child(XMLElement(.dav.syncToken, text: token), into: &chunk)
        }
        chunk += document.end()
        step.withLock { $0 = .finished }
    }
}
