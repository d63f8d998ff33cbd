import CalDAV
import CalendarStore
import DAVXML
import Foundation
import Testing
import WebDAV

/// Helpers of the streamed-listing tests: calendars larger than one page (500 objects), requests whose streamed
/// body is read chunk by chunk, and a client that applies sync responses to its copy.
enum Listing {
    static let calendar = "/calendars/alice/calendar/"

    /// Resource names that sort like their numbers.
    static func name(_ number: Int) -> String { "e" + String(format: "%04d", number) + ".ics" }

    static func href(_ name: String) -> String { calendar + name }

    /// Creates events `numbers` through PUT, each its own change in the log.
    static func seed(_ h: ServiceHarness, _ numbers: Range<Int>) async {
        for number in numbers { await put(h, number) }
    }

    static func put(_ h: ServiceHarness, _ number: Int, summary: String = "Event") async {
        let response = await h.put(href(name(number)), ICS.event(uid: "uid-\(number)", summary: "\(summary) \(number)"))
        #expect(response.status == 201 || response.status == 204, "PUT \(number): \(response.status)")
    }

    static func delete(_ h: ServiceHarness, _ number: Int) async {
        #expect(await h.send("DELETE", href(name(number))).status == 204)
    }

    /// The request answered by the service without reading a streamed body.
    static func raw(_ h: ServiceHarness, _ method: String, _ path: String, headers: [(String, String)] = [],
                    body: String = "") async -> DAVResponse {
        await h.service.handle(DAVRequest(method: method, path: path.split(separator: "/").map(String.init),
                                          trailingSlash: path.hasSuffix("/"), headers: DAVHeaders(headers),
                                          body: Array(body.utf8),
                                          principal: DAVPrincipal(userID: h.alice.id, userName: h.alice.name)))
    }

    static func syncBody(_ token: String, limit: Int? = nil) -> String {
        let limitXML = limit.map { "<D:limit><D:nresults>\($0)</D:nresults></D:limit>" } ?? ""
        return """
            <D:sync-collection xmlns:D="DAV:"><D:sync-token>\(token)</D:sync-token><D:sync-level>1</D:sync-level>
            \(limitXML)<D:prop><D:getetag/></D:prop></D:sync-collection>
            """
    }

    static func sync(_ h: ServiceHarness, _ token: String, limit: Int? = nil) async -> DAVResponse {
        await h.send("REPORT", calendar, headers: [("Depth", "0")], body: syncBody(token, limit: limit))
    }

    /// href → quoted ETag of every object the store holds in alice's calendar.
    static func stored(_ h: ServiceHarness) async throws -> [String: String] {
        let calendar = try #require(try await h.store.calendar(ownerID: h.alice.id, slug: "calendar"))
        let objects = try await h.store.objects(calendarID: calendar.id)
        return Dictionary(uniqueKeysWithValues: objects.map { (href($0.name), $0.etag.quoted) })
    }

    static func calendarRecord(_ h: ServiceHarness) async throws -> CalendarRecord {
        try #require(try await h.store.calendar(ownerID: h.alice.id, slug: "calendar"))
    }
}

/// One sync response as a client reads it.
struct SyncAnswer {
    /// (href, ETag or nil for a 404), in order, without the 507 on the collection.
    var entries: [(href: String, etag: String?)] = []
    var token: String
    var truncated: Bool

    init(_ body: [UInt8]) throws {
        let root = try XMLDocumentParser.parse(body)
        token = try #require(root.first(.dav.syncToken)?.text)
        truncated = false
        for response in root.all(.dav.response) {
            let href = response.first(.dav.href)?.text ?? ""
            if let status = response.first(.dav.status)?.text {
                if status.contains(" 507 ") { truncated = true } else if status.contains(" 404 ") { entries.append((href, nil)) }
                continue
            }
            let etag = response.all(.dav.propstat).first { $0.first(.dav.status)?.text.contains(" 200 ") == true }?
                .first(.dav.prop)?.first(.dav.getetag)?.text
            entries.append((href, etag))
        }
    }

    /// The client's copy after applying this answer.
    func applied(to copy: [String: String]) -> [String: String] {
        var result = copy
        for entry in entries { result[entry.href] = entry.etag }
        return result
    }
}
