import AlmanacServer
import CalendarStore
import CalendarStoreTesting
import Calendaring
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// A third-party application signing a user in through Almanac's OAuth 2.0 authorization server on the real server:
/// the consent page, the code exchange with PKCE, both doors with the token, refresh with rotation, replay
/// detection, revocation and introspection.
@Suite struct OAuthEndToEndTests {
    static let password = "alice-password-1"
    static let redirect = "http://127.0.0.1:8400/callback"
    static let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"

    /// The app's side of one flow: what it sent and what it got.
    struct Flow {
        var location: String
        var code: String
        var state: String?
        var issuer: String?
    }

    private func application(store: InMemoryStore) async throws -> some ApplicationProtocol {
        try await LiveServer.application(store: store, accounts: [.init(name: "alice", email: "alice@example.com")],
                                         password: Self.password, label: "oauth")
    }

    private func form(_ fields: [(String, String)]) -> ByteBuffer {
        ByteBuffer(string: FormEncoding.encode(fields))
    }

    private func query(_ fields: [(String, String)]) -> String {
        String(buffer: form(fields))
    }

    private func authorizeFields(client: String, scope: String, state: String = "xyz",
                                 verifier: String = OAuthEndToEndTests.verifier) -> [(String, String)] {
        [("response_type", "code"), ("client_id", client), ("redirect_uri", Self.redirect), ("scope", scope),
         ("state", state), ("code_challenge", PKCE.challenge(for: verifier)), ("code_challenge_method", "S256")]
    }

    /// Signs alice in on the consent page and allows; returns the redirect back to the app.
    private func consent(_ client: some TestClientProtocol, clientID: String, scope: String,
                         verifier: String = OAuthEndToEndTests.verifier) async throws -> Flow {
        let fields = authorizeFields(client: clientID, scope: scope, verifier: verifier)
        let page = try await client.execute(uri: "/oauth/authorize?" + query(fields), method: .get)
        #expect(page.status == .ok)
        #expect(page.headers[.contentType] == "text/html; charset=utf-8")
        #expect(page.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
        let answer = try await client.execute(
            uri: "/oauth/authorize", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
            body: form(fields + [("user_name", "alice"), ("password", Self.password), ("decision", "allow")]))
        #expect(answer.status == .seeOther)
        let location = try #require(answer.headers[.location])
        let items = URLComponents(string: location)?.queryItems ?? []
        return Flow(location: location, code: try #require(items.first { $0.name == "code" }?.value),
                    state: items.first { $0.name == "state" }?.value, issuer: items.first { $0.name == "iss" }?.value)
    }

    private func token(_ client: some TestClientProtocol, _ fields: [(String, String)],
                       basic: (String, String)? = nil) async throws -> (status: HTTPResponse.Status, body: [String: Any]) {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let basic {
            headers[.authorization] = "Basic " + Data("\(basic.0):\(basic.1)".utf8).base64EncodedString()
        }
        let response = try await client.execute(uri: "/oauth/token", method: .post, headers: headers, body: form(fields))
        #expect(response.headers[.cacheControl] == "no-store")
        let body = (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:]
        return (response.status, body)
    }

    private func exchange(_ client: some TestClientProtocol, code: String, clientID: String,
                          verifier: String = OAuthEndToEndTests.verifier) async throws -> (status: HTTPResponse.Status, body: [String: Any]) {
        try await token(client, [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Self.redirect),
                                 ("client_id", clientID), ("code_verifier", verifier)])
    }

    private func status(_ client: some TestClientProtocol, _ path: String, bearer: String,
                        method: HTTPRequest.Method = .get, depth: String? = nil) async throws -> HTTPResponse.Status {
        var headers: HTTPFields = [.authorization: "Bearer " + bearer]
        if let depth { headers[HTTPField.Name("Depth")!] = depth }
        return try await client.execute(uri: path, method: method, headers: headers).status
    }

    @Test func authorizationCodeWithPKCEOpensBothDoorsThenRefreshesAndIsRevoked() async throws {
        let store = InMemoryStore()
        let app = try await application(store: store)
        let registration = OAuthClientRegistration(store: store)
        let app1 = try await registration.register(name: "Pocket Planner", redirectURIs: [Self.redirect], confidential: false)
        let resource = try await registration.register(name: "Resource server", redirectURIs: ["https://rs.example/cb"],
                                                       confidential: true)
        let clientID = app1.client.clientID
        try await app.test(.live) { client in
            // Discovery (RFC 8414).
            let metadata = try await client.execute(uri: "/.well-known/oauth-authorization-server", method: .get)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(buffer: metadata.body)) as? [String: Any])
            #expect((document["code_challenge_methods_supported"] as? [String]) == ["S256"])
            #expect((document["token_endpoint"] as? String)?.hasSuffix("/oauth/token") == true)

            // A wrong password shows the page again; nothing is issued.
            let fields = authorizeFields(client: clientID, scope: "calendars.read")
            let wrong = try await client.execute(
                uri: "/oauth/authorize", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: form(fields + [("user_name", "alice"), ("password", "nope-nope"), ("decision", "allow")]))
            #expect(wrong.status == .unauthorized)
            #expect(String(buffer: wrong.body).contains("wrong"))

            let flow = try await consent(client, clientID: clientID, scope: "calendars.read")
            #expect(flow.location.hasPrefix(Self.redirect + "?code=almc_"))
            #expect(flow.state == "xyz")
            #expect(flow.issuer?.hasPrefix("http://") == true)

            // A wrong verifier is refused.
            let badVerifier = String(repeating: "a", count: 43)
            let refused = try await exchange(client, code: flow.code, clientID: clientID, verifier: badVerifier)
            #expect(refused.status == .badRequest)
            #expect(refused.body["error"] as? String == "invalid_grant")

            // A fresh consent, exchanged properly.
            let second = try await consent(client, clientID: clientID, scope: "calendars.read")
            let tokens = try await exchange(client, code: second.code, clientID: clientID)
            #expect(tokens.status == .ok)
            let access = try #require(tokens.body["access_token"] as? String)
            let refresh = try #require(tokens.body["refresh_token"] as? String)
            #expect(tokens.body["token_type"] as? String == "Bearer")
            #expect(tokens.body["expires_in"] as? Int == 3_600)
            #expect(tokens.body["scope"] as? String == "calendars.read")

            // Both doors take it, within its scope.
            #expect(try await status(client, "/api/v1/users/me/calendars", bearer: access) == .ok)
            #expect(try await status(client, "/calendars/alice/", bearer: access, method: .init("PROPFIND")!, depth: "1")
                        == .init(code: 207))
            #expect(try await status(client, "/calendars/alice/new/", bearer: access, method: .init("MKCALENDAR")!)
                        == .forbidden)

            // Introspection, for a confidential client only.
            let introspect = try await client.execute(
                uri: "/oauth/introspect", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded",
                          .authorization: "Basic " + Data("\(resource.client.clientID):\(resource.secret!)".utf8).base64EncodedString()],
                body: form([("token", access)]))
            let described = try #require(try JSONSerialization.jsonObject(with: Data(buffer: introspect.body)) as? [String: Any])
            #expect(described["active"] as? Bool == true)
            #expect(described["username"] as? String == "alice")
            #expect(described["client_id"] as? String == clientID)
            let publicIntrospect = try await client.execute(
                uri: "/oauth/introspect", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: form([("token", access), ("client_id", clientID)]))
            #expect(publicIntrospect.status == .badRequest)

            // The code works once; its replay revokes what it gave.
            let replay = try await exchange(client, code: second.code, clientID: clientID)
            #expect(replay.body["error"] as? String == "invalid_grant")
            #expect(try await status(client, "/api/v1/users/me/calendars", bearer: access) == .unauthorized)
            _ = refresh

            // Refresh rotates; a replayed refresh token ends the grant.
            let third = try await consent(client, clientID: clientID, scope: "calendars.read calendars.write")
            let first = try await exchange(client, code: third.code, clientID: clientID)
            let firstRefresh = try #require(first.body["refresh_token"] as? String)
            let rotated = try await token(client, [("grant_type", "refresh_token"), ("refresh_token", firstRefresh),
                                                   ("client_id", clientID), ("scope", "calendars.read")])
            #expect(rotated.status == .ok)
            #expect(rotated.body["scope"] as? String == "calendars.read")
            let rotatedAccess = try #require(rotated.body["access_token"] as? String)
            let rotatedRefresh = try #require(rotated.body["refresh_token"] as? String)
            #expect(rotatedRefresh != firstRefresh)
            #expect(try await status(client, "/api/v1/users/me/calendars", bearer: rotatedAccess) == .ok)
            let widen = try await token(client, [("grant_type", "refresh_token"), ("refresh_token", rotatedRefresh),
                                                 ("client_id", clientID), ("scope", "admin")])
            #expect(widen.body["error"] as? String == "invalid_scope")
            let stolen = try await token(client, [("grant_type", "refresh_token"), ("refresh_token", firstRefresh),
                                                  ("client_id", clientID)])
            #expect(stolen.body["error"] as? String == "invalid_grant")
            #expect(try await status(client, "/api/v1/users/me/calendars", bearer: rotatedAccess) == .unauthorized)

            // The user sees the connected app (the revoked grants are gone) and disconnects it: with a password
            // only, never with the app's own token.
            let basic = "Basic " + Data("alice:\(Self.password)".utf8).base64EncodedString()
            let fifth = try await consent(client, clientID: clientID, scope: "calendars.read")
            let fifthAccess = try #require(try await exchange(client, code: fifth.code, clientID: clientID).body["access_token"] as? String)
            let connected = try await client.execute(uri: "/api/v1/users/me/authorizations", method: .get,
                                                     headers: [.authorization: basic])
            let apps = try #require((try JSONSerialization.jsonObject(with: Data(buffer: connected.body)) as? [String: Any])?["items"] as? [[String: Any]])
            #expect(apps.count == 1)
            let app = try #require(apps.first)
            #expect(app["clientName"] as? String == "Pocket Planner" && app["scopes"] as? [String] == ["calendars.read"])
            let personal = try await client.execute(uri: "/api/v1/users/me/tokens", method: .get, headers: [.authorization: basic])
            #expect(!String(buffer: personal.body).contains("OAuth:"))
            #expect(try await status(client, "/api/v1/users/me/authorizations", bearer: fifthAccess) == .forbidden)
            let appID = try #require(app["id"] as? String)
            let disconnect = try await client.execute(uri: "/api/v1/users/me/authorizations/\(appID)", method: .delete,
                                                      headers: [.authorization: basic])
            #expect(disconnect.status == .noContent)
            #expect(try await status(client, "/api/v1/users/me/calendars", bearer: fifthAccess) == .unauthorized)
            let gone = try await client.execute(uri: "/api/v1/users/me/authorizations/\(appID)", method: .delete,
                                                headers: [.authorization: basic])
            #expect(gone.status == .notFound)

            // Revocation (RFC 7009) of a refresh token ends its access tokens too.
            let fourth = try await consent(client, clientID: clientID, scope: "calendars.read")
            let issued = try await exchange(client, code: fourth.code, clientID: clientID)
            let liveAccess = try #require(issued.body["access_token"] as? String)
            let liveRefresh = try #require(issued.body["refresh_token"] as? String)
            let revoke = try await client.execute(
                uri: "/oauth/revoke", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: form([("token", liveRefresh), ("client_id", clientID)]))
            #expect(revoke.status == .ok)
            #expect(try await status(client, "/api/v1/users/me/calendars", bearer: liveAccess) == .unauthorized)
            let unknown = try await client.execute(
                uri: "/oauth/revoke", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: form([("token", "whatever"), ("client_id", clientID)]))
            #expect(unknown.status == .ok)
        }
    }

    @Test func requestsThatCannotBeTrustedAreShownNotRedirected() async throws {
        let store = InMemoryStore()
        let app = try await application(store: store)
        let registered = try await OAuthClientRegistration(store: store)
            .register(name: "Pocket Planner", redirectURIs: [Self.redirect], confidential: true)
        let clientID = registered.client.clientID
        try await app.test(.live) { client in
            // An unknown client or an unregistered redirection URI: an error page, never a redirect.
            let unknown = try await client.execute(
                uri: "/oauth/authorize?" + query(authorizeFields(client: "client_nobody", scope: "calendars.read")),
                method: .get)
            #expect(unknown.status == .badRequest)
            #expect(unknown.headers[.location] == nil)
            var elsewhere = authorizeFields(client: clientID, scope: "calendars.read")
            elsewhere[2] = ("redirect_uri", "https://attacker.example/cb")
            let open = try await client.execute(uri: "/oauth/authorize?" + query(elsewhere), method: .get)
            #expect(open.status == .badRequest)
            #expect(open.headers[.location] == nil)
            // A loopback redirection URI matches on any port (RFC 8252 §7.3).
            var otherPort = authorizeFields(client: clientID, scope: "calendars.read")
            otherPort[2] = ("redirect_uri", "http://127.0.0.1:51234/callback")
            #expect(try await client.execute(uri: "/oauth/authorize?" + query(otherPort), method: .get).status == .ok)

            // Without PKCE, or with an unknown scope: back to the app with the error.
            var noPKCE = authorizeFields(client: clientID, scope: "calendars.read")
            noPKCE.removeAll { $0.0.hasPrefix("code_challenge") }
            let pkce = try await client.execute(uri: "/oauth/authorize?" + query(noPKCE), method: .get)
            #expect(pkce.status == .seeOther)
            #expect(pkce.headers[.location]?.contains("error=invalid_request") == true)
            #expect(pkce.headers[.location]?.contains("state=xyz") == true)
            let badScope = try await client.execute(
                uri: "/oauth/authorize?" + query(authorizeFields(client: clientID, scope: "everything")), method: .get)
            #expect(badScope.headers[.location]?.contains("error=invalid_scope") == true)

            // Denying sends access_denied back.
            let deny = try await client.execute(
                uri: "/oauth/authorize", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: form(authorizeFields(client: clientID, scope: "calendars.read") + [("decision", "deny")]))
            #expect(deny.headers[.location]?.contains("error=access_denied") == true)

            // A confidential client must authenticate at the token endpoint.
            let flow = try await consent(client, clientID: clientID, scope: "calendars.read")
            let anonymous = try await exchange(client, code: flow.code, clientID: clientID)
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.body["error"] as? String == "invalid_client")
            let again = try await consent(client, clientID: clientID, scope: "calendars.read")
            let authenticated = try await token(client, [("grant_type", "authorization_code"), ("code", again.code),
                                                         ("redirect_uri", Self.redirect), ("code_verifier", Self.verifier)],
                                                basic: (clientID, registered.secret!))
            #expect(authenticated.status == .ok)
            let unsupported = try await token(client, [("grant_type", "password"), ("client_id", clientID)],
                                              basic: (clientID, registered.secret!))
            #expect(unsupported.status == .badRequest)
        }
    }
}
