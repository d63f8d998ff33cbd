import AlmanacServer
import CalendarStore
import CalendarStoreTesting
import DAVXML
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// The real server (Hummingbird, auth, the CalDAV service, the in-memory store) on a loopback port, spoken to over
/// HTTP the way clients do.
@Suite struct CalDAVEndToEndTests {
    static let password = "alice-password-1"

    private func application(store: InMemoryStore) async throws -> some ApplicationProtocol {
        try await LiveServer.application(store: store, accounts: [.init(name: "alice", email: "alice@example.com")],
                                         password: Self.password, label: "e2e")
    }

    private var auth: HTTPFields {
        [.authorization: "Basic " + Data("alice:\(Self.password)".utf8).base64EncodedString()]
    }

    private func method(_ name: String) -> HTTPRequest.Method { HTTPRequest.Method(name)! }

    private func headers(_ extra: [(String, String)]) -> HTTPFields {
        var fields = auth
        for (name, value) in extra { fields[HTTPField.Name(name)!] = value }
        return fields
    }

    @Test func discoveryAndObjectLifecycleOverHTTP() async throws {
        let store = InMemoryStore()
        try await application(store: store).test(.live) { client in
            let options = try await client.execute(uri: "/", method: .options)
            #expect(options.status == .ok)
            #expect(options.headers[HTTPField.Name("DAV")!]?.contains("calendar-access") == true)

            let anonymous = try await client.execute(uri: "/", method: method("PROPFIND"))
            #expect(anonymous.status == .unauthorized)

            let propfind = """
            <D:propfind xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:current-user-principal/>
            <C:calendar-home-set/></D:prop></D:propfind>
            """
            let root = try await client.execute(uri: "/", method: method("PROPFIND"), headers: headers([("Depth", "0")]),
                                                body: ByteBuffer(string: propfind))
            #expect(root.status .code == 207)
            #expect(String(buffer: root.body).contains("<D:href>/principals/alice/</D:href>"))

            let ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:e2e\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:20250301T090000Z\r\nSUMMARY:Über\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
            let put = try await client.execute(uri: "/calendars/alice/calendar/e2e%20one.ics", method: .put,
                                               headers: headers([("Content-Type", "text/calendar"), ("If-None-Match", "*")]),
                                               body: ByteBuffer(string: ics))
            #expect(put.status == .created)
            let etag = try #require(put.headers[.eTag])
            let get = try await client.execute(uri: "/calendars/alice/calendar/e2e%20one.ics", method: .get, headers: auth)
            #expect(String(buffer: get.body) == ics)
            #expect(get.headers[.eTag] == etag)

            let sync = """
            <D:sync-collection xmlns:D="DAV:"><D:sync-token/><D:sync-level>1</D:sync-level><D:prop><D:getetag/></D:prop></D:sync-collection>
            """
            let report = try await client.execute(uri: "/calendars/alice/calendar/", method: method("REPORT"),
                                                  headers: headers([("Depth", "0")]), body: ByteBuffer(string: sync))
            #expect(report.status .code == 207)
            #expect(String(buffer: report.body).contains("/calendars/alice/calendar/e2e%20one.ics"))

            let broken = try await client.execute(uri: "/calendars/alice/calendar/", method: method("REPORT"),
                                                  headers: headers([("Depth", "0")]), body: ByteBuffer(string: "<D:sync"))
            #expect(broken.status == .badRequest)
            let xxe = """
            <?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><D:propfind xmlns:D="DAV:"><D:prop>&e;</D:prop></D:propfind>
            """
            let refused = try await client.execute(uri: "/", method: method("PROPFIND"), headers: headers([("Depth", "0")]),
                                                   body: ByteBuffer(string: xxe))
            #expect(refused.status == .badRequest)
            #expect(!String(buffer: refused.body).contains("root:"))

            let delete = try await client.execute(uri: "/calendars/alice/calendar/e2e%20one.ics", method: .delete,
                                                  headers: headers([("If-Match", etag)]))
            #expect(delete.status == .noContent)
        }
    }

    /// OPTIONS with credentials is answered for the resource itself; without, for what the path's shape allows.
    /// Spec: RFC 9110 §10.2.1.
    @Test func optionsListsTheMethodsOfTheResource() async throws {
        let store = InMemoryStore()
        try await application(store: store).test(.live) { client in
            let signedIn = try await client.execute(uri: "/calendars/alice/calendar/", method: .options, headers: auth)
            #expect(signedIn.status == .ok)
            #expect(signedIn.headers[.allow] == "OPTIONS, GET, HEAD, DELETE, PROPFIND, PROPPATCH, REPORT, POST, ACL")
            let unmapped = try await client.execute(uri: "/calendars/alice/calendar/new.ics", method: .options,
                                                    headers: auth)
            #expect(unmapped.headers[.allow] == "OPTIONS, PUT")
            let anonymous = try await client.execute(uri: "/calendars/alice/calendar/new.ics", method: .options)
            #expect(anonymous.status == .ok)
            #expect(anonymous.headers[.allow]?.contains("PUT") == true)
            let wrong = try await client.execute(uri: "/calendars/alice/calendar/", method: .options,
                                                 headers: [.authorization: "Basic " + Data("alice:nope".utf8).base64EncodedString()])
            #expect(wrong.status == .unauthorized)
        }
    }

    /// Many clients replace the same object with the same If-Match at once: exactly one wins, none is lost silently.
    @Test func concurrentConditionalWritesNeverLoseAnUpdate() async throws {
        let store = InMemoryStore()
        try await application(store: store).test(.live) { client in
            func event(_ summary: String) -> ByteBuffer {
                ByteBuffer(string: "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:race\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:20250301T090000Z\r\nSUMMARY:\(summary)\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
            }
            let uri = "/calendars/alice/calendar/race.ics"
            let created = try await client.execute(uri: uri, method: .put, headers: headers([("Content-Type", "text/calendar")]),
                                                   body: event("v0"))
            let etag = try #require(created.headers[.eTag])
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for writer in 0..<12 {
                    group.addTask {
                        try await client.execute(uri: uri, method: .put,
                                                 headers: headers([("Content-Type", "text/calendar"), ("If-Match", etag)]),
                                                 body: event("writer \(writer)")).status
                    }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .noContent }.count == 1)
            #expect(statuses.filter { $0 == .preconditionFailed }.count == 11)
        }
    }
}
