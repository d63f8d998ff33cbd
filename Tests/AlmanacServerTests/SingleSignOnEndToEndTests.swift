import AlmanacServer
import CalendarStore
import CalendarStoreTesting
import Calendaring
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Signing in through an external OpenID Connect provider (a small one started on loopback) on the way to the OAuth
/// consent page: the round trip, ID-token validation, the match by verified e-mail, and what is refused.
@Suite struct SingleSignOnEndToEndTests {
    static let redirect = "http://127.0.0.1:8400/callback"
    static let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"

    private func form(_ fields: [(String, String)]) -> String {
        FormEncoding.encode(fields)
    }

    private var authorization: [(String, String)] {
        [("response_type", "code"), ("client_id", ""), ("redirect_uri", Self.redirect), ("scope", "calendars.read"),
         ("state", "s1"), ("code_challenge", PKCE.challenge(for: Self.verifier)), ("code_challenge_method", "S256")]
    }

    /// Runs the round trip up to the page the provider's answer leads to.
    private func roundTrip(provider: TestOIDCProvider,
                           _ body: @Sendable (_ client: any TestClientProtocol, _ fields: [(String, String)],
                                              _ afterProvider: HTTPResponse.Status, _ page: String) async throws -> Void)
        async throws {
        try await provider.application().test(.live) { providerClient in
            let port = try #require(providerClient.port)
            let store = InMemoryStore()
            let app = try await LiveServer.application(
                store: store, accounts: [.init(name: "alice", email: "alice@example.com")], password: "alice-password-1",
                label: "sso") { configuration in
                configuration.singleSignOn = SingleSignOnConfiguration(
                    issuer: "http://127.0.0.1:\(port)", clientID: TestOIDCProvider.clientID,
                    clientSecret: TestOIDCProvider.clientSecret, displayName: "Test Provider")
            }
            let registered = try await OAuthClientRegistration(store: store)
                .register(name: "Pocket Planner", redirectURIs: [Self.redirect], confidential: false)
            var authorizationFields = authorization
            authorizationFields[1] = ("client_id", registered.client.clientID)
            let fields = authorizationFields
            try await app.test(.live) { client in
                let consent = try await client.execute(uri: "/oauth/authorize?" + form(fields), method: .get)
                #expect(String(buffer: consent.body).contains("Sign in with Test Provider"))
                let start = try await client.execute(uri: "/oauth/sso/start?" + form(fields), method: .get)
                #expect(start.status == .seeOther)
                let toProvider = try #require(start.headers[.location].flatMap { URLComponents(string: $0) })
                #expect(toProvider.port == port)
                let items = toProvider.queryItems ?? []
                #expect(items.contains { $0.name == "code_challenge_method" && $0.value == "S256" })
                #expect(items.contains { $0.name == "nonce" })
                let answer = try await providerClient.execute(
                    uri: toProvider.path + "?" + (toProvider.percentEncodedQuery ?? ""), method: .get)
                let back = try #require(answer.headers[.location].flatMap { URLComponents(string: $0) })
                #expect(back.path == "/oauth/sso/callback")
                let page = try await client.execute(uri: back.path + "?" + (back.percentEncodedQuery ?? ""), method: .get)
                try await body(client, fields, page.status, String(buffer: page.body))
                // The provider's answer works once.
                let again = try await client.execute(uri: back.path + "?" + (back.percentEncodedQuery ?? ""), method: .get)
                #expect(again.status == .badRequest)
            }
        }
    }

    @Test func aVerifiedAddressSignsTheMatchingAccountIn() async throws {
        try await roundTrip(provider: TestOIDCProvider()) { client, fields, status, page in
            #expect(status == .ok)
            #expect(page.contains("signed in as <strong>alice</strong>"))
            let ticket = try #require(page.firstMatch(of: /name="sso_ticket" value="([0-9a-f]+)"/)?.1)
            let allow = try await client.execute(
                uri: "/oauth/authorize", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: form(fields + [("sso_ticket", String(ticket)), ("decision", "allow")])))
            #expect(allow.status == .seeOther)
            let code = try #require(allow.headers[.location].flatMap { URLComponents(string: $0) }?.queryItems?
                .first { $0.name == "code" }?.value)
            let token = try await client.execute(
                uri: "/oauth/token", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: form([("grant_type", "authorization_code"), ("code", code),
                                               ("redirect_uri", Self.redirect), ("client_id", fields[1].1),
                                               ("code_verifier", Self.verifier)])))
            #expect(token.status == .ok)
            let access = try #require((try JSONSerialization.jsonObject(with: Data(buffer: token.body)) as? [String: Any])?["access_token"] as? String)
            let me = try await client.execute(uri: "/api/v1/users/me", method: .get, headers: [.authorization: "Bearer " + access])
            #expect(String(buffer: me.body).contains("\"alice\""))
            // The ticket is used up.
            let replay = try await client.execute(
                uri: "/oauth/authorize", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: form(fields + [("sso_ticket", String(ticket)), ("decision", "allow")])))
            #expect(replay.status == .badRequest)
        }
    }

    @Test func anUnverifiedAddressIsRefused() async throws {
        var provider = TestOIDCProvider()
        provider.emailVerified = false
        try await roundTrip(provider: provider) { _, _, status, page in
            #expect(status == .badRequest)
            #expect(page.contains("did not vouch for an e-mail address"))
        }
    }

    @Test func anIDTokenForAnotherAudienceIsRefused() async throws {
        var provider = TestOIDCProvider()
        provider.audience = "someone-else"
        try await roundTrip(provider: provider) { _, _, status, page in
            #expect(status == .badRequest)
            #expect(page.contains("did not verify"))
        }
    }

    @Test func anAddressWithoutAnAccountIsRefused() async throws {
        var provider = TestOIDCProvider()
        provider.email = "mallory@example.com"
        try await roundTrip(provider: provider) { _, _, status, page in
            #expect(status == .badRequest)
            #expect(page.contains("No account here has the address mallory@example.com"))
        }
    }
}
