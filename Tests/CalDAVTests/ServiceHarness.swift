import Foundation
import CalDAV
import CalendarStore
import CalendarStoreTesting
import DAVXML
import Testing
import WebDAV

/// A CalDAV service over an in-memory store with two provisioned users, and helpers to send requests to it.
struct ServiceHarness {
    let store: InMemoryStore
    let service: CalDAVService
    let alice: User
    let bob: User

    init(basePath: String = "") async throws {
        try await self.init(configuration: CalDAVConfiguration(basePath: basePath, maxResourceSize: 100_000))
    }

    init(configuration: CalDAVConfiguration) async throws {
        store = InMemoryStore()
        service = CalDAVService(store: store, configuration: configuration)
        alice = try await store.createUser(NewUser(name: "alice", displayName: "Alice Liddell", email: "alice@example.com",
                                                   passwordHash: "x"))
        bob = try await store.createUser(NewUser(name: "bob", displayName: "Bob Builder", email: "bob@example.com",
                                                 passwordHash: "x"))
        try await service.provision(alice)
        try await service.provision(bob)
    }

    func send(_ method: String, _ path: String, headers: [(String, String)] = [], body: String = "",
              as user: User? = nil) async -> DAVResponse {
        await send(method, path, headers: headers, bytes: Array(body.utf8), as: user)
    }

    /// A request whose body need not be UTF-8.
    func send(_ method: String, _ path: String, headers: [(String, String)] = [], bytes: [UInt8],
              as user: User? = nil) async -> DAVResponse {
        let who = user ?? alice
        let trailing = path.hasSuffix("/")
        let segments = path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
        let response = await service.handle(DAVRequest(method: method, path: segments, trailingSlash: trailing,
                                                       headers: DAVHeaders(headers), body: bytes,
                                                       principal: DAVPrincipal(userID: who.id, userName: who.name)))
        // Streamed bodies are read whole so tests inspect every response the same way.
        do {
            return try await response.collected()
        } catch {
            Issue.record("the streamed body failed: \(error)")
            return response
        }
    }

    func put(_ path: String, _ ics: String, headers: [(String, String)] = []) async -> DAVResponse {
        await send("PUT", path, headers: [("Content-Type", "text/calendar; charset=utf-8")] + headers, body: ics)
    }
}

extension DAVResponse {
    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body parsed as XML (the test fails on malformed output).
    func xml() throws -> XMLElement {
        try XMLDocumentParser.parse(body)
    }

    /// For a multistatus: href → (property local name → element) of the 200 propstats.
    func properties() throws -> [String: [XMLName: XMLElement]] {
        var result: [String: [XMLName: XMLElement]] = [:]
        for response in try xml().all(.dav.response) {
            let href = response.first(.dav.href)?.text ?? ""
            var props: [XMLName: XMLElement] = [:]
            for propstat in response.all(.dav.propstat) where propstat.first(.dav.status)?.text.contains(" 200 ") == true {
                for property in propstat.first(.dav.prop)?.elements ?? [] { props[property.name] = property }
            }
            result[href] = props
        }
        return result
    }

    /// For a multistatus: the hrefs of the responses, in order.
    func hrefs() throws -> [String] {
        try xml().all(.dav.response).compactMap { $0.first(.dav.href)?.text }
    }

    /// The condition element named in a `<D:error>` body.
    func condition() throws -> XMLName? {
        try xml().elements.first?.name
    }
}

enum ICS {
    static func event(uid: String, summary: String = "Meeting", start: String = "20250310T090000Z",
                      end: String = "20250310T100000Z", extra: String = "") -> String {
        """
        BEGIN:VCALENDAR\r
        VERSION:2.0\r
        PRODID:-//Almanac//Tests//EN\r
        BEGIN:VEVENT\r
        UID:\(uid)\r
        DTSTAMP:20250101T000000Z\r
        DTSTART:\(start)\r
        DTEND:\(end)\r
        SUMMARY:\(summary)\r
        \(extra)END:VEVENT\r
        END:VCALENDAR\r

        """
    }

    static func todo(uid: String, summary: String = "Task") -> String {
        """
        BEGIN:VCALENDAR\r
        VERSION:2.0\r
        PRODID:-//Almanac//Tests//EN\r
        BEGIN:VTODO\r
        UID:\(uid)\r
        DTSTAMP:20250101T000000Z\r
        SUMMARY:\(summary)\r
        END:VTODO\r
        END:VCALENDAR\r

        """
    }
}
