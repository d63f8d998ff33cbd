@testable import AlmanacServer
import CalendarStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WebDAV

@Suite struct AlmanacApplicationTests {
    @Test func healthAnswersOKAfterAStoreRead() async throws {
        let fixture = ServerFixture()
        try await fixture.application().test(.live) { client in
            let response = try await client.execute(uri: "/health", method: .get)
            #expect(response.status == .ok)
            #expect(String(buffer: response.body) == #"{"status":"ok"}"#)
            #expect(response.headers[.contentType] == "application/json")
            fixture.store.failing = true
            let failed = try await client.execute(uri: "/health", method: .get)
            #expect(failed.status == .serviceUnavailable)
            #expect(!String(buffer: failed.body).contains("disk on fire"))
        }
    }

    /// Spec: RFC 6764 §5.
    @Test func wellKnownRedirectsToTheBasePathForAnyMethod() async throws {
        let fixture = ServerFixture()
        try await fixture.application().test(.router) { client in
            for method in [HTTPRequest.Method.get, .propfind] {
                let response = try await client.execute(uri: "/.well-known/caldav", method: method)
                #expect(response.status == .movedPermanently)
                #expect(response.headers[.location] == "/dav/")
            }
        }
        #expect(fixture.davRequestCount == 0)
    }

    @Test func wellKnownRedirectsToTheRootWithoutBasePath() async throws {
        let fixture = ServerFixture(baseURL: nil)
        try await fixture.application().test(.router) { client in
            let response = try await client.execute(uri: "/.well-known/caldav", method: .get)
            #expect(response.headers[.location] == "/")
        }
    }

    /// Spec: RFC 7617 §2, §2.1 (the challenge with charset).
    @Test func missingCredentialsGet401WithBasicChallenge() async throws {
        let fixture = ServerFixture()
        try await fixture.application().test(.router) { client in
            let response = try await client.execute(uri: "/dav/calendars/alice/", method: .propfind)
            #expect(response.status == .unauthorized)
            #expect(response.headers[.wwwAuthenticate] == #"Basic realm="Almanac", charset="UTF-8""#)
        }
        #expect(fixture.davRequestCount == 0)
    }

    @Test func wrongPasswordAndUnknownUserGet401() async throws {
        let fixture = ServerFixture()
        _ = try await fixture.addAlice()
        try await fixture.application().test(.router) { client in
            let wrong = try await client.execute(uri: "/dav/", method: .propfind,
                                                 headers: ServerFixture.basic("alice", "not the password"))
            #expect(wrong.status == .unauthorized)
            let unknown = try await client.execute(uri: "/dav/", method: .propfind,
                                                   headers: ServerFixture.basic("mallory", ServerFixture.alicePassword))
            #expect(unknown.status == .unauthorized)
            let garbage = try await client.execute(uri: "/dav/", method: .propfind,
                                                   headers: [.authorization: "Basic !!!notbase64"])
            #expect(garbage.status == .unauthorized)
        }
        #expect(fixture.davRequestCount == 0)
    }

    @Test func correctPasswordReachesTheDAVLayerAsThatUser() async throws {
        let fixture = ServerFixture()
        let alice = try await fixture.addAlice()
        try await fixture.application().test(.live) { client in
            var headers = ServerFixture.basic("alice", ServerFixture.alicePassword)
            headers[HTTPField.Name("Depth")!] = "1"
            let response = try await client.execute(
                uri: "/dav/calendars/alice/calendar/", method: .propfind, headers: headers,
                body: ByteBuffer(string: "<propfind/>"))
            #expect(response.status.code == 207)
        }
        let request = try #require(fixture.lastDAVRequest)
        #expect(request.principal == DAVPrincipal(userID: alice.id, userName: "alice"))
        #expect(request.method == "PROPFIND")
        #expect(request.path == ["calendars", "alice", "calendar"])
        #expect(request.trailingSlash)
        #expect(request.headers["depth"] == "1")
        #expect(request.headers["Authorization"] == nil)
        #expect(request.body == Array("<propfind/>".utf8))
        #expect(await fixture.cache.count == 1)
    }

    @Test func appPasswordWorksUntilRevoked() async throws {
        let fixture = ServerFixture()
        _ = try await fixture.addAlice()
        let appPassword = try await fixture.administration.addAppPassword(userName: "alice", label: "Phone")
        #expect(appPassword.secret.count >= 20)
        try await fixture.application().test(.live) { client in
            let headers = ServerFixture.basic("alice", appPassword.secret)
            #expect(try await client.execute(uri: "/dav/", method: .propfind, headers: headers).status.code == 207)
            // The second request is served from the credential cache; revocation must still win.
            #expect(try await client.execute(uri: "/dav/", method: .propfind, headers: headers).status.code == 207)
            try await fixture.administration.revokeAppPassword(userName: "alice", id: appPassword.record.id)
            #expect(try await client.execute(uri: "/dav/", method: .propfind, headers: headers).status == .unauthorized)
            let account = ServerFixture.basic("alice", ServerFixture.alicePassword)
            #expect(try await client.execute(uri: "/dav/", method: .propfind, headers: account).status.code == 207)
        }
    }

    @Test func passwordChangedByAnotherProcessInvalidatesTheCachedLogin() async throws {
        let fixture = ServerFixture()
        let alice = try await fixture.addAlice()
        try await fixture.application().test(.router) { client in
            let headers = ServerFixture.basic("alice", ServerFixture.alicePassword)
            #expect(try await client.execute(uri: "/dav/", method: .propfind, headers: headers).status.code == 207)
            // Written straight to the store, as the CLI in another process would: the cache is not told.
            let newHash = await PasswordHasher(cost: 4).hash("a brand new password")
            try await fixture.store.setPasswordHash(userID: alice.id, hash: newHash)
            #expect(try await client.execute(uri: "/dav/", method: .propfind, headers: headers).status == .unauthorized)
            let updated = ServerFixture.basic("alice", "a brand new password")
            #expect(try await client.execute(uri: "/dav/", method: .propfind, headers: updated).status.code == 207)
        }
    }

    /// Spec: RFC 6585 §4. The first delay is a minute so the sixth attempt falls inside it however slow the machine.
    @Test func fiveFailuresThrottleTheUserEvenWithTheRightPassword() async throws {
        var policy = LoginThrottlePolicy()
        policy.firstDelay = .seconds(60)
        let fixture = ServerFixture(throttle: policy)
        _ = try await fixture.addAlice()
        try await fixture.application().test(.live) { client in
            for _ in 0..<5 {
                let response = try await client.execute(uri: "/dav/", method: .propfind,
                                                        headers: ServerFixture.basic("alice", "guess"))
                #expect(response.status == .unauthorized)
            }
            let blocked = try await client.execute(uri: "/dav/", method: .propfind,
                                                   headers: ServerFixture.basic("alice", ServerFixture.alicePassword))
            #expect(blocked.status == .tooManyRequests)
            let retryAfter = try #require(blocked.headers[.retryAfter].flatMap { Int($0) })
            #expect((1...60).contains(retryAfter))
        }
        #expect(fixture.davRequestCount == 0)
    }

    /// Alice's failures from one address delay neither bob there nor alice elsewhere (the old throttle locked out
    /// every user on the address, and anyone could lock a user out from anywhere).
    @Test func failuresForAliceFromOneAddressLockOutNobodyElse() async throws {
        var policy = LoginThrottlePolicy()
        policy.firstDelay = .seconds(60)
        let fixture = ServerFixture(trustForwardedFor: true, throttle: policy)
        _ = try await fixture.addAlice()
        _ = try await fixture.administration.addUser(name: "bob", password: "bob's own password")
        @Sendable func from(_ address: String, _ user: String, _ password: String) -> HTTPFields {
            var headers = ServerFixture.basic(user, password)
            headers[.xForwardedFor] = address
            return headers
        }
        try await fixture.application().test(.router) { client in
            for _ in 0..<5 {
                let wrong = try await client.execute(uri: "/dav/", method: .propfind,
                                                     headers: from("203.0.113.9", "alice", "guess"))
                #expect(wrong.status == .unauthorized)
            }
            let attacker = try await client.execute(uri: "/dav/", method: .propfind,
                                                    headers: from("203.0.113.9", "alice", ServerFixture.alicePassword))
            #expect(attacker.status == .tooManyRequests)
            #expect((1...60).contains(attacker.headers[.retryAfter].flatMap { Int($0) } ?? 0))
            let bob = try await client.execute(uri: "/dav/", method: .propfind,
                                               headers: from("203.0.113.9", "bob", "bob's own password"))
            #expect(bob.status.code == 207)
            let alice = try await client.execute(uri: "/dav/", method: .propfind,
                                                 headers: from("192.0.2.44", "alice", ServerFixture.alicePassword))
            #expect(alice.status.code == 207)
        }
    }

    @Test func oversizeBodyGets413() async throws {
        let fixture = ServerFixture(maxBody: 1024)
        _ = try await fixture.addAlice()
        try await fixture.application().test(.live) { client in
            let headers = ServerFixture.basic("alice", ServerFixture.alicePassword)
            let big = try await client.execute(uri: "/dav/calendars/alice/calendar/a.ics", method: .put,
                                               headers: headers, body: ByteBuffer(repeating: 0x41, count: 5000))
            #expect(big.status == .contentTooLarge)
            #expect(String(buffer: big.body).contains("1024 bytes"))
            // The connection stays usable and a body at the limit passes.
            let fits = try await client.execute(uri: "/dav/calendars/alice/calendar/a.ics", method: .put,
                                                headers: headers, body: ByteBuffer(repeating: 0x41, count: 1024))
            #expect(fits.status.code == 207)
        }
        #expect(fixture.lastDAVRequest?.body.count == 1024)
    }

    @Test func requestIDIsEchoedOrGenerated() async throws {
        let fixture = ServerFixture()
        try await fixture.application().test(.router) { client in
            let given = try await client.execute(uri: "/health", method: .get,
                                                 headers: [RequestLogMiddleware.requestIDHeader: "abc-123"])
            #expect(given.headers[RequestLogMiddleware.requestIDHeader] == "abc-123")
            let generated = try await client.execute(uri: "/health", method: .get)
            let id = try #require(generated.headers[RequestLogMiddleware.requestIDHeader])
            #expect(id.count >= 16)
            let unsafe = try await client.execute(uri: "/health", method: .get,
                                                  headers: [RequestLogMiddleware.requestIDHeader: "two words"])
            #expect(unsafe.headers[RequestLogMiddleware.requestIDHeader] != "two words")
            let unauthorized = try await client.execute(uri: "/dav/", method: .propfind,
                                                        headers: [RequestLogMiddleware.requestIDHeader: "r-401"])
            #expect(unauthorized.headers[RequestLogMiddleware.requestIDHeader] == "r-401")
        }
    }

    @Test func optionsIsAnsweredWithoutAuthenticationAsAnonymous() async throws {
        let fixture = ServerFixture()
        try await fixture.application().test(.router) { client in
            let response = try await client.execute(uri: "/dav/calendars/alice/", method: .options)
            #expect(response.status.code == 207)
        }
        let request = try #require(fixture.lastDAVRequest)
        #expect(request.principal == AlmanacResponder.anonymous)
        #expect(request.principal.userID == 0)
        #expect(request.method == "OPTIONS")
    }

    @Test func pathsAreDecodedBelowTheBasePath() async throws {
        let fixture = ServerFixture()
        _ = try await fixture.addAlice()
        try await fixture.application().test(.live) { client in
            let headers = ServerFixture.basic("alice", ServerFixture.alicePassword)
            let response = try await client.execute(uri: "/dav/calendars/alice/my%20cal/caf%C3%A9%2B%E2%82%AC.ics?x=1",
                                                    method: .get, headers: headers)
            #expect(response.status.code == 207)
            let request = try #require(fixture.lastDAVRequest)
            #expect(request.path == ["calendars", "alice", "my cal", "café+€.ics"])
            #expect(!request.trailingSlash)

            let outside = try await client.execute(uri: "/elsewhere/file", method: .get, headers: headers)
            #expect(outside.status == .notFound)
            let malformed = try await client.execute(uri: "/dav/calendars/%ZZ", method: .get, headers: headers)
            #expect(malformed.status == .badRequest)
        }
    }

    @Test func headResponsesKeepTheLengthAndDropTheBody() async throws {
        let fixture = ServerFixture()
        _ = try await fixture.addAlice()
        try await fixture.application().test(.live) { client in
            let response = try await client.execute(uri: "/dav/calendars/alice/calendar/a.ics", method: .head,
                                                    headers: ServerFixture.basic("alice", ServerFixture.alicePassword))
            #expect(response.status.code == 207)
            #expect(response.headers[.contentLength] == String("calendars|alice|calendar|a.ics".utf8.count))
            #expect(response.body.readableBytes == 0)
        }
    }

    @Test func invalidConfigurationIsRefused() throws {
        var configuration = ServerConfiguration(bcryptCost: 3)
        #expect(throws: ConfigurationError.self) {
            try AlmanacApplication.make(configuration: configuration, store: AccountStoreFake(), logger: .init(label: "t"))
        }
        configuration.bcryptCost = 4
        configuration.port = 70_000
        #expect(throws: ConfigurationError.self) { try configuration.validate() }
    }
}
