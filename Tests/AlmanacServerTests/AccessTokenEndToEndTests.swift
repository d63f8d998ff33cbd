import AlmanacServer
import CalendarStore
import CalendarStoreTesting
import Calendaring
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// Personal access tokens on the real server: made through the API, sent as bearer tokens to both doors, held to
/// their scopes, revoked and expired.
@Suite struct AccessTokenEndToEndTests {
    static let password = "alice-password-1"

    private func application(store: InMemoryStore) async throws -> some ApplicationProtocol {
        try await LiveServer.application(store: store, accounts: [.init(name: "alice", email: "alice@example.com")],
                                         password: Self.password, label: "tokens")
    }

    private func bearer(_ secret: String, _ extra: [(String, String)] = []) -> HTTPFields {
        var fields: HTTPFields = [.authorization: "Bearer " + secret]
        for (name, value) in extra { fields[HTTPField.Name(name)!] = value }
        return fields
    }

    @Test func tokensOpenBothDoorsWithinTheirScopes() async throws {
        let store = InMemoryStore()
        try await application(store: store).test(.live) { client in
            let api = JSONAPITestClient(client: client, user: "alice", password: Self.password)
            let made = try await api.call(.post, "/api/v1/users/me/tokens", json: [
                "label": "sync script", "scopes": ["calendars.read"], "expiresInDays": 30,
            ])
            #expect(made.status == .created)
            let reader = try #require(made["secret"] as? String)
            #expect(reader.hasPrefix("alm_") && reader.count == 68)
            let tokenID = try #require((made["token"] as? [String: Any])?["id"] as? String)
            let writer = try #require(try await api.call(.post, "/api/v1/users/me/tokens", json: [
                "label": "app", "scopes": ["calendars.write"],
            ])["secret"] as? String)

            // The API: reading with either, writing with the write token only.
            let calendars = try await client.execute(uri: "/api/v1/users/me/calendars", method: .get, headers: bearer(reader))
            #expect(calendars.status == .ok)
            let calendar = try #require(((try JSONSerialization.jsonObject(with: Data(buffer: calendars.body)) as? [String: Any])?["items"] as? [[String: Any]])?.first?["id"] as? String)
            let event = #"{"title": "x", "start": {"date": "2026-12-08"}, "end": {"date": "2026-12-09"}}"#
            let refused = try await client.execute(uri: "/api/v1/calendars/\(calendar)/events", method: .post,
                                                   headers: bearer(reader, [("Content-Type", "application/json")]),
                                                   body: ByteBuffer(string: event))
            #expect(refused.status == .forbidden)
            #expect(String(buffer: refused.body).contains("calendars.write"))
            let written = try await client.execute(uri: "/api/v1/calendars/\(calendar)/events", method: .post,
                                                   headers: bearer(writer, [("Content-Type", "application/json")]),
                                                   body: ByteBuffer(string: event))
            #expect(written.status == .created)
            // A token cannot make tokens.
            let escalate = try await client.execute(uri: "/api/v1/users/me/tokens", method: .get, headers: bearer(writer))
            #expect(escalate.status == .forbidden)

            // CalDAV takes the same tokens.
            let propfind = try await client.execute(uri: "/calendars/alice/", method: HTTPRequest.Method("PROPFIND")!,
                                                    headers: bearer(reader, [("Depth", "1")]))
            #expect(propfind.status.code == 207)
            let ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:tok\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20261210T090000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
            let readOnlyPut = try await client.execute(uri: "/calendars/alice/calendar/tok.ics", method: .put,
                                                       headers: bearer(reader, [("Content-Type", "text/calendar")]),
                                                       body: ByteBuffer(string: ics))
            #expect(readOnlyPut.status == .forbidden)
            let put = try await client.execute(uri: "/calendars/alice/calendar/tok.ics", method: .put,
                                               headers: bearer(writer, [("Content-Type", "text/calendar")]),
                                               body: ByteBuffer(string: ics))
            #expect(put.status == .created)

            let listed = try await api.call(.get, "/api/v1/users/me/tokens")
            let entry = try #require(listed.items.first { $0["id"] as? String == tokenID })
            #expect(entry["label"] as? String == "sync script" && entry["scopes"] as? [String] == ["calendars.read"])
            #expect(entry["lastUsed"] is String && entry["expires"] is String)
            #expect(!listed.text.contains(reader), "a secret is never listed")

            #expect(try await api.call(.delete, "/api/v1/users/me/tokens/\(tokenID)").status == .noContent)
            let revoked = try await client.execute(uri: "/api/v1/users/me", method: .get, headers: bearer(reader))
            #expect(revoked.status == .unauthorized)
            let unknown = try await client.execute(uri: "/calendars/alice/", method: HTTPRequest.Method("PROPFIND")!,
                                                   headers: bearer("alm_" + String(repeating: "0", count: 64)))
            #expect(unknown.status == .unauthorized)

            // An expired token is refused.
            let alice = try #require(try await store.user(named: "alice"))
            let expired = "alm_" + String(repeating: "ab", count: 32)
            _ = try await store.addAccessToken(NewAccessToken(userID: alice.id, label: "old",
                                                              tokenHash: AccessTokenIssuer.hash(expired),
                                                              scopes: ["calendars.read"], expiresAt: 1_000))
            let late = try await client.execute(uri: "/api/v1/users/me", method: .get, headers: bearer(expired))
            #expect(late.status == .unauthorized)

            let noScope = try await api.call(.post, "/api/v1/users/me/tokens", json: ["label": "x", "scopes": []])
            #expect(noScope.status == .badRequest)
            let notAdmin = try await api.call(.post, "/api/v1/users/me/tokens", json: ["label": "x", "scopes": ["admin"]])
            #expect(notAdmin.status == .forbidden)
        }
    }
}
