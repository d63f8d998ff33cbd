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

/// Accounts on the real server over loopback: self sign-up and e-mail verification (the API and the page a message
/// links to), sign-in refused until then, the profile, preferences, password and address of one's own account,
/// leaving (scheduled, restored, and carried out by the maintenance pass with the meetings cancelled), and the
/// administrator's API. Mail goes to a relay nobody listens on, so what was sent is read from the store's queue.
@Suite(.timeLimit(.minutes(2))) struct AccountsEndToEndTests {
    static let password = "alice-password-1"
    static let sender = "calendar@almanac.test"

    private func application(store: InMemoryStore, signup: Bool = true, mail: Bool = true,
                             configure: @escaping (inout ServerConfiguration) -> Void = { _ in })
        async throws -> some ApplicationProtocol {
        try await LiveServer.application(store: store, accounts: [
            .init(name: "alice", email: "alice@example.com", displayName: "Alice"),
            .init(name: "bob", email: "bob@example.com"),
            .init(name: "root", email: "root@example.com", isAdmin: true),
        ], password: Self.password, label: "accounts") { configuration in
            configuration.allowSignup = signup
            configuration.baseURL = URL(string: "https://cal.example.com/dav")
            if mail {
                // Port 9 (discard): nobody listens on loopback, so every message stays queued for the test to read.
                configuration.mail = MailConfiguration(smtp: SMTPConfiguration(host: "127.0.0.1", port: 9, security: .none),
                                                       sender: Self.sender)
            }
            configure(&configuration)
        }
    }

    private func caller(_ client: some TestClientProtocol, _ user: String, _ password: String = Self.password)
        -> JSONAPITestClient {
        JSONAPITestClient(client: client, user: user, password: password)
    }

    /// A request without credentials.
    private func anonymous(_ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ path: String,
                           json: [String: Any]) async throws -> JSONAPITestClient.Reply {
        let body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]))
        let response = try await client.execute(uri: path, method: method, headers: [.contentType: "application/json"],
                                                body: body)
        let text = String(buffer: response.body)
        let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
        return .init(status: response.status, headers: response.headers, body: object, text: text)
    }

    /// The code in the newest verification message to `address`, read from the mail queue.
    private func verificationCode(sentTo address: String, store: InMemoryStore) async throws -> String {
        let messages = try await store.outgoingMessages(senderUserID: nil, limit: 200)
        let message = try #require(messages.first { $0.message.envelopeTo == address && $0.message.method == "VERIFY" })
        #expect(message.message.envelopeFrom == Self.sender)
        let text = String(decoding: message.message.content, as: UTF8.self)
        #expect(text.contains("https://cal.example.com/account/verify?code=3D"), "the link, quoted-printable")
        let lines = text.components(separatedBy: "\r\n")
        return try #require(lines.first { line in
            line.utf8.count == 64 && line.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
        })
    }

    private func problemType(_ reply: JSONAPITestClient.Reply) -> String? {
        (reply["type"] as? String)?.replacingOccurrences(of: "urn:almanac:problem:", with: "")
    }

    @Test func signupIsRefusedUnlessAllowedAndMailable() async throws {
        try await application(store: InMemoryStore(), signup: false).test(.live) { client in
            let refused = try await anonymous(client, .post, "/api/v1/accounts", json: [
                "name": "carol", "email": "carol@example.com", "password": "carol-password",
            ])
            #expect(refused.status == .forbidden && problemType(refused) == "signup-disabled")
            // Other methods on the open paths still need credentials.
            let listing = try await client.execute(uri: "/api/v1/accounts", method: .get)
            #expect(listing.status == .unauthorized)
        }
        try await application(store: InMemoryStore(), signup: true, mail: false).test(.live) { client in
            let noMail = try await anonymous(client, .post, "/api/v1/accounts", json: [
                "name": "carol", "email": "carol@example.com", "password": "carol-password",
            ])
            #expect(noMail.status == .serviceUnavailable && problemType(noMail) == "mail-unavailable")
        }
    }

    @Test func signupVerifiesTheAddressBeforeSignIn() async throws {
        let store = InMemoryStore()
        try await application(store: store).test(.live) { client in
            let made = try await anonymous(client, .post, "/api/v1/accounts", json: [
                "name": "carol", "email": "carol@example.com", "password": "carol-password", "displayName": "Carol",
            ])
            #expect(made.status == .accepted)
            #expect(made["status"] as? String == "unverified" && made["name"] as? String == "carol")
            let carol = caller(client, "carol", "carol-password")
            #expect(try await carol.call(.get, "/api/v1/users/me").status == .unauthorized, "unverified: no sign-in")

            // Clashes (names compared without case, addresses too) and refusals.
            for (fields, status, kind) in [
                (["name": "Alice", "email": "new@example.com", "password": "long enough"], 409, "account-exists"),
                (["name": "dora", "email": "ALICE@example.com", "password": "long enough"], 409, "account-exists"),
                (["name": "a/b", "email": "ab@example.com", "password": "long enough"], 422, "invalid-user-name"),
                (["name": "dora", "email": "dora@example.com", "password": "short"], 422, "invalid-password"),
                (["name": "dora", "email": "not an address", "password": "long enough"], 422, "invalid-email"),
            ] as [([String: Any], Int, String)] {
                let reply = try await anonymous(client, .post, "/api/v1/accounts", json: fields)
                #expect(reply.status.code == status && problemType(reply) == kind, "\(fields)")
            }

            // The link's page does not redeem (mail scanners fetch it); its form does.
            let code = try await verificationCode(sentTo: "carol@example.com", store: store)
            let page = try await client.execute(uri: "/account/verify?code=\(code)", method: .get)
            #expect(page.status == .ok)
            let html = String(buffer: page.body)
            #expect(html.contains("<form method=\"post\" action=\"verify\">") && html.contains(code))
            #expect(page.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
            #expect(try await store.user(named: "carol")?.status == .unverified)
            #expect(try await carol.call(.get, "/api/v1/users/me").status == .unauthorized)
            let confirmed = try await client.execute(uri: "/account/verify", method: .post,
                                                     headers: [.contentType: "application/x-www-form-urlencoded"],
                                                     body: ByteBuffer(string: "code=\(code)"))
            #expect(confirmed.status == .ok && String(buffer: confirmed.body).contains("Address confirmed"))
            let me = try await carol.call(.get, "/api/v1/users/me")
            #expect(me.status == .ok && me["status"] as? String == "active" && me["displayName"] as? String == "Carol")
            #expect(try await carol.call(.get, "/api/v1/users/me/calendars").items.count == 1, "default calendar")

            // A code works once, through either way in.
            let again = try await anonymous(client, .post, "/api/v1/accounts/verify", json: ["code": code])
            #expect(again.status == .badRequest && problemType(again) == "invalid-code")
            let pageAgain = try await client.execute(uri: "/account/verify", method: .post,
                                                     headers: [.contentType: "application/x-www-form-urlencoded"],
                                                     body: ByteBuffer(string: "code=\(code)"))
            #expect(pageAgain.status == .badRequest)

            // Through the API.
            _ = try await anonymous(client, .post, "/api/v1/accounts", json: [
                "name": "dora", "email": "dora@example.com", "password": "dora-password",
            ])
            let doraCode = try await verificationCode(sentTo: "dora@example.com", store: store)
            let verified = try await anonymous(client, .post, "/api/v1/accounts/verify", json: ["code": doraCode])
            #expect(verified.status == .ok && verified["status"] as? String == "active")
            #expect(try await caller(client, "dora", "dora-password").call(.get, "/api/v1/users/me").status == .ok)
            let garbage = try await anonymous(client, .post, "/api/v1/accounts/verify", json: ["code": "nope"])
            #expect(garbage.status == .badRequest && problemType(garbage) == "invalid-code")
        }
    }

    @Test func profilePreferencesAndAddressChange() async throws {
        let store = InMemoryStore()
        try await application(store: store).test(.live) { client in
            let alice = caller(client, "alice")
            let changed = try await alice.call(.patch, "/api/v1/users/me", json: [
                "displayName": "Alice A.",
                "preferences": ["timeZone": "europe/berlin", "language": "de-CH", "weekStart": "monday"],
            ])
            #expect(changed.status == .ok && changed["displayName"] as? String == "Alice A.")
            let me = try await alice.call(.get, "/api/v1/users/me")
            let preferences = try #require(me["preferences"] as? [String: Any])
            #expect(preferences["timeZone"] as? String == "Europe/Berlin" && preferences["language"] as? String == "de-CH"
                        && preferences["weekStart"] as? String == "monday")
            #expect(me["status"] as? String == "active" && me["deletionDueAt"] == nil)

            let badZone = try await alice.call(.patch, "/api/v1/users/me", json: ["preferences": ["timeZone": "Mars/Base"]])
            #expect(badZone.status.code == 422 && problemType(badZone) == "invalid-preferences")
            let badTag = try await alice.call(.patch, "/api/v1/users/me", json: ["preferences": ["language": "not a tag"]])
            #expect(badTag.status.code == 422)
            let badDay = try await alice.call(.patch, "/api/v1/users/me", json: ["preferences": ["weekStart": "someday"]])
            #expect(badDay.status == .badRequest)
            let cleared = try await alice.call(.patch, "/api/v1/users/me", json: ["preferences": ["timeZone": ""]])
            #expect((cleared["preferences"] as? [String: Any])?["timeZone"] == nil)
            #expect((cleared["preferences"] as? [String: Any])?["weekStart"] as? String == "monday")

            // A new address is proven before it is applied.
            let taken = try await alice.call(.patch, "/api/v1/users/me", json: ["email": "BOB@example.com"])
            #expect(taken.status == .conflict && problemType(taken) == "account-exists")
            let moved = try await alice.call(.patch, "/api/v1/users/me", json: ["email": "alice@new.example.org"])
            #expect(moved.status == .ok && moved["emailVerificationSent"] as? Bool == true)
            #expect(moved["email"] as? String == "alice@example.com")
            let code = try await verificationCode(sentTo: "alice@new.example.org", store: store)
            let verified = try await anonymous(client, .post, "/api/v1/accounts/verify", json: ["code": code])
            #expect(verified.status == .ok)
            #expect(try await alice.call(.get, "/api/v1/users/me")["email"] as? String == "alice@new.example.org")

            // A token may change the profile, not the address.
            let token = try #require(try await alice.call(.post, "/api/v1/users/me/tokens", json: [
                "label": "app", "scopes": ["calendars.write"],
            ])["secret"] as? String)
            let byToken = try await client.execute(uri: "/api/v1/users/me", method: .patch,
                                                   headers: [.authorization: "Bearer " + token,
                                                             .contentType: "application/json"],
                                                   body: ByteBuffer(string: #"{"email": "x@example.net"}"#))
            #expect(byToken.status == .forbidden)
            let nameByToken = try await client.execute(uri: "/api/v1/users/me", method: .patch,
                                                       headers: [.authorization: "Bearer " + token,
                                                                 .contentType: "application/json"],
                                                       body: ByteBuffer(string: #"{"displayName": "Al"}"#))
            #expect(nameByToken.status == .ok)
        }
    }

    @Test func passwordChangeEndsTheOldPassword() async throws {
        try await application(store: InMemoryStore()).test(.live) { client in
            let alice = caller(client, "alice")
            #expect(try await alice.call(.get, "/api/v1/users/me").status == .ok, "the old password, now cached")
            let wrong = try await alice.call(.post, "/api/v1/users/me/password", json: [
                "currentPassword": "not-the-password", "newPassword": "a-new-password",
            ])
            #expect(wrong.status == .forbidden && problemType(wrong) == "wrong-password")
            let short = try await alice.call(.post, "/api/v1/users/me/password", json: [
                "currentPassword": Self.password, "newPassword": "short",
            ])
            #expect(short.status.code == 422 && problemType(short) == "invalid-password")
            let changed = try await alice.call(.post, "/api/v1/users/me/password", json: [
                "currentPassword": Self.password, "newPassword": "a-new-password",
            ])
            #expect(changed.status == .noContent)
            #expect(try await alice.call(.get, "/api/v1/users/me").status == .unauthorized)
            #expect(try await caller(client, "alice", "a-new-password").call(.get, "/api/v1/users/me").status == .ok)
        }
    }

    @Test func deletionIsScheduledAndRestored() async throws {
        try await application(store: InMemoryStore()).test(.live) { client in
            let alice = caller(client, "alice")
            let asked = try await alice.call(.delete, "/api/v1/users/me")
            #expect(asked.status == .accepted)
            let due = try #require(asked["deletionDueAt"] as? String)
            let dueDate = try #require(ISO8601DateFormatter().date(from: due))
            #expect(abs(dueDate.timeIntervalSinceNow - 14 * 86_400) < 120)
            let me = try await alice.call(.get, "/api/v1/users/me")
            #expect(me.status == .ok && me["deletionDueAt"] as? String == due, "it works until it goes")
            let token = try #require(try await alice.call(.post, "/api/v1/users/me/tokens", json: [
                "label": "app", "scopes": ["calendars.write"],
            ])["secret"] as? String)
            let byToken = try await client.execute(uri: "/api/v1/users/me/restore", method: .post,
                                                   headers: [.authorization: "Bearer " + token])
            #expect(byToken.status == .forbidden, "a token cannot restore (nor delete) the account")
            let restored = try await alice.call(.post, "/api/v1/users/me/restore")
            #expect(restored.status == .ok && restored["deletionDueAt"] == nil)
        }
    }

    /// The maintenance pass deletes an account whose time came: the meeting it organized is cancelled to the local
    /// attendee (inbox and copy) and, by e-mail, to the outside one; the meeting it attended is declined to its
    /// organizer. It waits, disabled, for those messages to leave the mail queue, then goes.
    @Test func dueDeletionCancelsAndDeclinesMeetings() async throws {
        let store = InMemoryStore()
        try await application(store: store, configure: { configuration in
            configuration.accountDeletionGraceDays = 0
            configuration.indexMaintenanceInterval = .milliseconds(300)
        }).test(.live) { client in
            let alice = caller(client, "alice")
            let bob = caller(client, "bob")
            let aliceCalendar = try #require(try await alice.call(.get, "/api/v1/users/me/calendars").items.first?["id"] as? String)
            let bobCalendar = try #require(try await bob.call(.get, "/api/v1/users/me/calendars").items.first?["id"] as? String)
            let organized = try await alice.call(.post, "/api/v1/calendars/\(aliceCalendar)/events", json: [
                "title": "Planning", "iCalUID": "planning-uid",
                "start": ["dateTime": "2030-03-04T10:00:00Z"], "end": ["dateTime": "2030-03-04T11:00:00Z"],
                "attendees": [["email": "bob@example.com"], ["email": "dave@external.example"]],
            ])
            #expect(organized.status == .created)
            let attended = try await bob.call(.post, "/api/v1/calendars/\(bobCalendar)/events", json: [
                "title": "Review", "iCalUID": "review-uid",
                "start": ["dateTime": "2030-03-05T10:00:00Z"], "end": ["dateTime": "2030-03-05T11:00:00Z"],
                "attendees": [["email": "alice@example.com"]],
            ])
            #expect(attended.status == .created)
            let aliceID = try #require(try await store.user(named: "alice")).id
            let bobUser = try #require(try await store.user(named: "bob"))

            #expect(try await alice.call(.delete, "/api/v1/users/me").status == .accepted)
            // The pass runs every 300 ms: wait (bounded) until it has worked through alice's calendars.
            let deadline = ContinuousClock.now + .seconds(20)
            var cancelled = false
            while ContinuousClock.now < deadline {
                let queued = try await store.outgoingMessages(senderUserID: aliceID, limit: 50)
                if queued.contains(where: { $0.message.method == "CANCEL" && $0.message.envelopeTo == "dave@external.example" }) {
                    cancelled = true
                    break
                }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(cancelled, "the outside attendee is sent a CANCEL by e-mail")
            #expect(try await store.user(named: "alice")?.status == .disabled, "waiting for its mail, disabled")
            #expect(try await alice.call(.get, "/api/v1/users/me").status == .unauthorized)

            let inbox = try #require(try await store.calendar(ownerID: bobUser.id, slug: "inbox"))
            let messages = try await store.objects(calendarID: inbox.id).map { String(decoding: $0.data, as: UTF8.self) }
            #expect(messages.contains { $0.contains("METHOD:CANCEL") && $0.contains("planning-uid") },
                    "bob's inbox has the cancellation")
            #expect(messages.contains { $0.contains("METHOD:REPLY") && $0.contains("review-uid") && $0.contains("DECLINED") },
                    "bob, the organizer of the meeting alice attended, has her decline")

            // The relay takes the messages; the next pass deletes the account.
            for message in try await store.outgoingMessages(senderUserID: aliceID, limit: 50) where message.state == .pending {
                _ = try? await store.recordDeliveryAttempt(outgoingID: message.id, at: Int64(Date().timeIntervalSince1970),
                                                           outcome: .sent, detail: "250 test")
            }
            var gone = false
            while ContinuousClock.now < deadline + .seconds(10) {
                if try await store.user(named: "alice") == nil {
                    gone = true
                    break
                }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(gone, "deleted once its messages left")
        }
    }

    @Test func administratorsManageAccounts() async throws {
        let store = InMemoryStore()
        try await application(store: store).test(.live) { client in
            let root = caller(client, "root")
            let alice = caller(client, "alice")
            let listed = try await root.call(.get, "/api/v1/admin/users")
            #expect(listed.status == .ok && listed.items.compactMap { $0["name"] as? String } == ["alice", "bob", "root"])
            let refused = try await alice.call(.get, "/api/v1/admin/users")
            #expect(refused.status == .forbidden && problemType(refused) == "not-administrator")

            let made = try await root.call(.post, "/api/v1/admin/users", json: [
                "name": "erin", "password": "erin-password", "email": "erin@example.com", "displayName": "Erin",
            ])
            #expect(made.status == .created && made["status"] as? String == "active")
            #expect(made.headers[.location] == "/api/v1/admin/users/erin")
            let clash = try await root.call(.post, "/api/v1/admin/users", json: ["name": "Erin", "password": "erin-password"])
            #expect(clash.status == .conflict && problemType(clash) == "account-exists")

            // Erin signs in (her credentials are now remembered); disabled, she is refused from the next request.
            let erin = caller(client, "erin", "erin-password")
            #expect(try await erin.call(.get, "/api/v1/users/me").status == .ok)
            let disabled = try await root.call(.patch, "/api/v1/admin/users/erin", json: ["status": "disabled"])
            #expect(disabled.status == .ok && disabled["status"] as? String == "disabled")
            #expect(try await erin.call(.get, "/api/v1/users/me").status == .unauthorized)
            let propfind = try await client.execute(uri: "/dav/calendars/erin/", method: HTTPRequest.Method("PROPFIND")!,
                                                    headers: erin.auth([("Depth", "0")]))
            #expect(propfind.status == .unauthorized, "CalDAV refuses her too: \(propfind.status) \(String(buffer: propfind.body))")
            #expect(try await root.call(.patch, "/api/v1/admin/users/erin", json: ["status": "active"]).status == .ok)
            #expect(try await erin.call(.get, "/api/v1/users/me").status == .ok)
            let renamed = try await root.call(.patch, "/api/v1/admin/users/erin", json: [
                "displayName": "Erin E.", "email": "erin@example.org", "isAdmin": true,
            ])
            #expect(renamed["email"] as? String == "erin@example.org" && renamed["isAdmin"] as? Bool == true)

            // No administrator locks themselves out.
            for (method, fields) in [(HTTPRequest.Method.patch, ["status": "disabled"]), (.patch, ["isAdmin": false])]
                as [(HTTPRequest.Method, [String: Any])] {
                let reply = try await root.call(method, "/api/v1/admin/users/root", json: fields)
                #expect(reply.status == .conflict && problemType(reply) == "own-account")
            }
            let selfDelete = try await root.call(.delete, "/api/v1/admin/users/root")
            #expect(selfDelete.status == .conflict && problemType(selfDelete) == "own-account")

            #expect(try await root.call(.delete, "/api/v1/admin/users/erin").status == .noContent)
            #expect(try await store.user(named: "erin") == nil)
            #expect(try await root.call(.get, "/api/v1/admin/users/erin").status == .notFound)

            // A token needs the admin scope.
            let reader = try #require(try await root.call(.post, "/api/v1/users/me/tokens", json: [
                "label": "r", "scopes": ["calendars.read"],
            ])["secret"] as? String)
            let admin = try #require(try await root.call(.post, "/api/v1/users/me/tokens", json: [
                "label": "a", "scopes": ["admin"],
            ])["secret"] as? String)
            let byReader = try await client.execute(uri: "/api/v1/admin/users", method: .get,
                                                    headers: [.authorization: "Bearer " + reader])
            #expect(byReader.status == .forbidden)
            let byAdmin = try await client.execute(uri: "/api/v1/admin/users", method: .get,
                                                   headers: [.authorization: "Bearer " + admin])
            #expect(byAdmin.status == .ok)
        }
    }

    /// A disabled account's remembered credentials stop at once, even when another process (the command line)
    /// disabled it; so do its tokens.
    @Test func disabledAccountsCachedCredentialsStopAtOnce() async throws {
        let store = InMemoryStore()
        let administration = UserAdministration(store: store, bcryptCost: 4)
        let user = try await administration.addUser(name: "frank", password: "frank-password")
        let cache = CredentialCache()
        let authenticator = Authenticator(store: store, hasher: PasswordHasher(cost: 4), cache: cache)
        let basic = "Basic " + Data("frank:frank-password".utf8).base64EncodedString()
        #expect(try await authenticator.authenticate(authorization: basic, address: "192.0.2.1") != .rejected)
        #expect(await cache.count == 1)
        let secret = "alm_" + String(repeating: "cd", count: 32)
        _ = try await store.addAccessToken(NewAccessToken(userID: user.id, label: "t", tokenHash: AccessTokenIssuer.hash(secret),
                                                          scopes: ["calendars.read"], expiresAt: nil))
        #expect(try await authenticator.authenticate(authorization: "Bearer " + secret, address: "192.0.2.1") != .rejected)

        _ = try await administration.disableUser(named: "frank")  // no cache shared: as from another process
        #expect(try await authenticator.authenticate(authorization: basic, address: "192.0.2.1") == .rejected)
        #expect(try await authenticator.authenticate(authorization: "Bearer " + secret, address: "192.0.2.1") == .rejected)
        _ = try await administration.enableUser(named: "frank")
        #expect(try await authenticator.authenticate(authorization: basic, address: "192.0.2.1") != .rejected)
    }

    @Test func accountKeysAreReadAndChecked() throws {
        let defaults = try ServerConfiguration(dataDirectory: ".", layers: [])
        #expect(!defaults.allowSignup && defaults.accountDeletionGraceDays == 14)
        #expect(defaults.accountSettings.verificationMail == nil, "no relay, no verification mail")
        let configured = try ServerConfiguration(dataDirectory: ".", layers: [[
            .allowSignup: "true", .accountDeletionGraceDays: "0", .smtpHost: "mail.example.com",
            .baseURL: "https://cal.example.com/dav/",
        ]])
        #expect(configured.allowSignup && configured.accountDeletionGraceDays == 0)
        let mail = try #require(configured.accountSettings.verificationMail)
        #expect(mail.pageURL == "https://cal.example.com/account/verify")
        #expect(mail.sender == "almanac@cal.example.com", "without smtp_from: almanac@ the EHLO name")
        for layer: [ConfigurationKey: String] in [[.allowSignup: "perhaps"], [.accountDeletionGraceDays: "-1"],
                                                  [.accountDeletionGraceDays: "soon"]] {
            #expect(throws: ConfigurationError.self) { try ServerConfiguration(dataDirectory: ".", layers: [layer]) }
        }
    }
}
