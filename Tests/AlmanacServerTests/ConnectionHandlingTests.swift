@testable import AlmanacServer
import Foundation
import HTTPTypes
import CalendarStoreTesting
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// What happens on the connection itself, spoken to byte by byte: Expect: 100-continue, closing after a refusal
/// that left the body unread, and the idle timeout. Every test waits for something to happen, never for a time;
/// the time limit only turns a server that never answers into a failure.
@Suite(.timeLimit(.minutes(1))) struct ConnectionHandlingTests {
    static let object = "/dav/calendars/alice/calendar/a.ics"

    private func head(_ method: String, _ path: String, _ fields: [String]) -> String {
        "\(method) \(path) HTTP/1.1\r\nHost: localhost\r\n" + fields.map { $0 + "\r\n" }.joined() + "\r\n"
    }

    private var aliceAuthorization: String {
        "Authorization: " + BasicCredentials(userName: "alice", password: ServerFixture.alicePassword).authorizationHeader
    }

    /// Spec: RFC 9110 §10.1.1. The body is sent only after 100 Continue, and arrives whole at the DAV layer.
    @Test func expectContinueIsAnsweredBeforeTheBodyIsSent() async throws {
        let fixture = ServerFixture()
        _ = try await fixture.addAlice()
        try await fixture.application().test(.live) { client in
            try await RawHTTPConnection.with(port: try #require(client.port)) { connection in
                try await connection.send(head("PUT", Self.object, [aliceAuthorization, "Content-Type: text/calendar",
                                                                    "Content-Length: 5", "Expect: 100-continue"]))
                let interim = try #require(try await connection.readHead())
                #expect(interim.status == 100)
                try await connection.send("hello")
                let final = try #require(try await connection.readHead())
                #expect(final.status == 207)
                #expect(final.first("connection") != "close")
            }
        }
        #expect(fixture.lastDAVRequest?.body == Array("hello".utf8))
    }

    /// Refused from the headers: the final status comes without 100 Continue, and the connection is closed instead
    /// of waiting for a body the client will not send.
    @Test func aRequestRefusedFromItsHeadersNeverAsksForTheBody() async throws {
        let fixture = ServerFixture()
        _ = try await fixture.addAlice()
        try await fixture.application().test(.live) { client in
            let port = try #require(client.port)
            let cases: [([String], Int)] = [
                (["Content-Length: 100000000", "Expect: 100-continue"], 401),
                ([aliceAuthorization, "Content-Length: 100000000", "Expect: 100-continue"], 413),
                (["Authorization: Basic !!!", "Content-Length: 10", "Expect: 100-continue"], 401),
            ]
            for (fields, status) in cases {
                try await RawHTTPConnection.with(port: port) { connection in
                    try await connection.send(head("PUT", Self.object, fields))
                    let response = try #require(try await connection.readHead())
                    #expect(response.status == status, "\(fields)")
                    #expect(response.first("connection") == "close", "\(fields)")
                    let closed = try await connection.serverCloses()
                    #expect(closed, "\(fields)")
                }
            }
        }
        #expect(fixture.davRequestCount == 0)
    }

    /// With the real DAV layer: a PUT the headers already doom (If-None-Match: * over an existing object) gets its
    /// 412 without 100 Continue, so the client never uploads the body.
    @Test func aDoomedConditionalPutIsRefusedBeforeTheUpload() async throws {
        let store = InMemoryStore()
        let configuration = ServerConfiguration(logLevel: .error, bcryptCost: 4)
        let administration = UserAdministration(store: store, calDAVConfiguration: configuration.calDAVConfiguration,
                                                bcryptCost: 4)
        _ = try await administration.addUser(name: "alice", password: ServerFixture.alicePassword)
        let application = try AlmanacApplication.make(configuration: configuration, store: store,
                                                      logger: Logger(label: "expect"))
        let ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:doomed\r\n"
            + "DTSTAMP:20250101T000000Z\r\nDTSTART:20250301T090000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        let path = "/calendars/alice/calendar/doomed.ics"
        try await application.test(.live) { client in
            var headers = ServerFixture.basic("alice", ServerFixture.alicePassword)
            headers[.contentType] = "text/calendar"
            let put = try await client.execute(uri: path, method: .put, headers: headers, body: ByteBuffer(string: ics))
            #expect(put.status == .created)
            try await RawHTTPConnection.with(port: try #require(client.port)) { connection in
                try await connection.send(head("PUT", path, [aliceAuthorization, "Content-Type: text/calendar",
                                                             "If-None-Match: *", "Content-Length: \(ics.utf8.count)",
                                                             "Expect: 100-continue"]))
                let response = try #require(try await connection.readHead())
                #expect(response.status == 412)
                #expect(response.first("connection") == "close")
                let closed = try await connection.serverCloses()
                #expect(closed)
            }
            // Without the condition the same upload is asked for and stored.
            try await RawHTTPConnection.with(port: try #require(client.port)) { connection in
                try await connection.send(head("PUT", path, [aliceAuthorization, "Content-Type: text/calendar",
                                                             "Content-Length: \(ics.utf8.count)",
                                                             "Expect: 100-continue"]))
                #expect(try await connection.readHead()?.status == 100)
                try await connection.send(ics)
                #expect(try await connection.readHead()?.status == 204)
            }
        }
    }

    /// A 413 by Content-Length (no Expect) closes the connection rather than reading and discarding 100 MB.
    @Test func a413ByContentLengthClosesWithoutReadingTheBody() async throws {
        let fixture = ServerFixture(maxBody: 1024)
        _ = try await fixture.addAlice()
        try await fixture.application().test(.live) { client in
            try await RawHTTPConnection.with(port: try #require(client.port)) { connection in
                try await connection.send(head("PUT", Self.object, [aliceAuthorization, "Content-Length: 104857600"]))
                let response = try #require(try await connection.readHead())
                #expect(response.status == 413)
                #expect(response.first("connection") == "close")
                let length = try #require(response.first("content-length").flatMap { Int($0) })
                #expect(String(decoding: try await connection.readBody(count: length), as: UTF8.self).contains("1024"))
                let closed = try await connection.serverCloses()
                #expect(closed)
            }
        }
    }

    /// A refusal whose small body has been (or is about to be) sent keeps the connection: reading a few bytes to
    /// discard them is cheaper than a new connection, and clients send their first request without credentials.
    @Test func aRefusalWithASmallBodyKeepsTheConnection() async throws {
        let fixture = ServerFixture()
        _ = try await fixture.addAlice()
        try await fixture.application().test(.live) { client in
            try await RawHTTPConnection.with(port: try #require(client.port)) { connection in
                try await connection.send(head("PROPFIND", "/dav/", ["Content-Length: 11"]) + "<propfind/>")
                let refused = try #require(try await connection.readHead())
                #expect(refused.status == 401)
                #expect(refused.first("connection") != "close")
                _ = try await connection.readBody(count: Int(refused.first("content-length") ?? "0") ?? 0)
                try await connection.send(head("PROPFIND", "/dav/", [aliceAuthorization, "Content-Length: 0"]))
                #expect(try await connection.readHead()?.status == 207)
            }
        }
    }

    /// A body that keeps trickling (so the connection is never idle) is cut off once the body timeout passes: the
    /// server closes while the client is still sending. The loop's bound only stops a server that never closes.
    @Test func aTricklingBodyIsCutOffByTheBodyTimeout() async throws {
        let fixture = ServerFixture(idleTimeout: .seconds(60), bodyTimeout: .milliseconds(200))
        _ = try await fixture.addAlice()
        try await fixture.application().test(.live) { client in
            try await RawHTTPConnection.with(port: try #require(client.port)) { connection in
                try await connection.send(head("PUT", Self.object, [aliceAuthorization, "Content-Length: 4000"]))
                var refused = false
                for _ in 0..<3_999 {
                    do {
                        try await connection.send("x")
                    } catch {
                        refused = true
                        break
                    }
                    try await Task.sleep(for: .milliseconds(10))
                }
                let closed = try await connection.serverCloses()
                #expect(refused || closed)
                #expect(closed)
            }
        }
        #expect(fixture.davRequestCount == 0)
    }

    /// An idle connection, one whose request head stops halfway, and one whose body stops are all closed by the
    /// server once the (short, here) idle timeout passes. A second, not less: under a loaded test run, 200 ms passed
    /// between connecting and sending the first bytes, and the server rightly reset a connection the test still
    /// meant to use.
    @Test func silentConnectionsAreClosedAfterTheIdleTimeout() async throws {
        let fixture = ServerFixture(idleTimeout: .seconds(1))
        _ = try await fixture.addAlice()
        try await fixture.application().test(.live) { client in
            let port = try #require(client.port)
            try await RawHTTPConnection.with(port: port) { connection in
                let closed = try await connection.serverCloses()
                #expect(closed)
            }
            try await RawHTTPConnection.with(port: port) { connection in
                try await connection.send("PROPFIND /dav/ HTTP/1.1\r\nHost: localhost\r\n")
                let closed = try await connection.serverCloses()
                #expect(closed)
            }
            try await RawHTTPConnection.with(port: port) { connection in
                try await connection.send(head("PUT", Self.object, [aliceAuthorization, "Content-Length: 100"]) + "BEGIN:")
                let closed = try await connection.serverCloses()
                #expect(closed)
            }
            // After a complete exchange the connection is kept, then closed once idle.
            try await RawHTTPConnection.with(port: port) { connection in
                try await connection.send(head("GET", "/health", []))
                #expect(try await connection.readHead()?.status == 200)
                let closed = try await connection.serverCloses()
                #expect(closed)
            }
        }
    }
}
