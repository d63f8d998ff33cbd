import AlmanacServer
import CalendarStoreTesting
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// `POST /users/me/password` proves the current password for a session that signed in some other way (an app
/// password, say): its wrong guesses are held to the login throttle, so a borrowed session cannot guess the
/// account's password at request speed.
@Suite struct PasswordChangeThrottleTests {
    @Test func wrongCurrentPasswordsAreThrottled() async throws {
        let store = InMemoryStore()
        let app = try await LiveServer.application(store: store, accounts: [.init(name: "alice", email: "alice@example.com")],
                                                   password: "alice-password-1", label: "password-throttle")
        try await app.test(.live) { client in
            let api = JSONAPITestClient(client: client, user: "alice", password: "alice-password-1")
            for _ in 1...5 {
                let wrong = try await api.call(.post, "/api/v1/users/me/password",
                                               json: ["currentPassword": "guess-guess", "newPassword": "new-password-1"])
                #expect(wrong.status == .forbidden)
                #expect(wrong["type"] as? String == "urn:almanac:problem:wrong-password")
            }
            // The sixth comes too early: refused unchecked, even with the right password.
            let held = try await api.call(.post, "/api/v1/users/me/password",
                                          json: ["currentPassword": "alice-password-1", "newPassword": "new-password-1"])
            #expect(held.status == .tooManyRequests)
            #expect(held.headers[.retryAfter] != nil)
            #expect(try await api.call(.get, "/api/v1/users/me").status == .ok)
        }
    }
}
