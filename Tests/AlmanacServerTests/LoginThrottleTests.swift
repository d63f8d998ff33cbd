@testable import AlmanacServer
import CalendarStoreTesting
import Testing

/// Time is passed in: the tests move a fixed instant (milliseconds since 1970) forward instead of sleeping. The
/// failures live in a store, here the in-memory one.
@Suite struct LoginThrottleTests {
    let start: Int64 = 1_800_000_000_000

    private func throttle(policy: LoginThrottlePolicy = LoginThrottlePolicy()) -> LoginThrottle {
        LoginThrottle(store: InMemoryStore(), policy: policy)
    }

    private func fail(_ throttle: LoginThrottle, _ user: String?, _ address: String?, times: Int = 1,
                      at second: Int64 = 0) async throws {
        for _ in 0..<times { try await throttle.recordFailure(userName: user, address: address, now: start + second * 1_000) }
    }

    private func wait(_ throttle: LoginThrottle, _ user: String, _ address: String?, at second: Int64 = 0)
        async throws -> Duration? {
        try await throttle.retryAfter(userName: user, address: address, now: start + second * 1_000)
    }

    @Test func delaysStartAfterFiveFailuresAndDoubleUpToTheCap() async throws {
        let throttle = throttle()
        try await fail(throttle, "alice", "192.0.2.1", times: 5)
        #expect(try await wait(throttle, "alice", "192.0.2.1") == .seconds(1))
        #expect(try await wait(throttle, "alice", "192.0.2.1", at: 1) == nil)
        try await fail(throttle, "alice", "192.0.2.1", at: 1)
        #expect(try await wait(throttle, "alice", "192.0.2.1", at: 1) == .seconds(2))
        try await fail(throttle, "alice", "192.0.2.1", times: 20, at: 3)
        // 26 failures: far past the doubling, capped at five minutes.
        #expect(try await wait(throttle, "alice", "192.0.2.1", at: 3) == .seconds(300))
        #expect(try await wait(throttle, "alice", "192.0.2.1", at: 303) == nil)
    }

    @Test func fewerThanFiveFailuresNeverDelay() async throws {
        let throttle = throttle()
        try await fail(throttle, "alice", "192.0.2.1", times: 4)
        #expect(try await wait(throttle, "alice", "192.0.2.1") == nil)
    }

    /// The lock-out of the old throttle: another user on the same address, and the same user elsewhere, get in.
    @Test func failuresForOneUserAndAddressDelayNoOtherPair() async throws {
        let throttle = throttle()
        try await fail(throttle, "alice", "192.0.2.1", times: 30)
        #expect(try await wait(throttle, "alice", "192.0.2.1") != nil)
        #expect(try await wait(throttle, "bob", "192.0.2.1") == nil)
        #expect(try await wait(throttle, "alice", "198.51.100.7") == nil)
    }

    @Test func successClearsThePair() async throws {
        let throttle = throttle()
        try await fail(throttle, "alice", "192.0.2.1", times: 6)
        try await throttle.recordSuccess(userName: "alice", address: "192.0.2.1")
        #expect(try await wait(throttle, "alice", "192.0.2.1") == nil)
    }

    @Test func failuresAreForgottenAnHourAfterTheLast() async throws {
        let throttle = throttle()
        try await fail(throttle, "alice", "192.0.2.1", times: 10)
        try await fail(throttle, "alice", "192.0.2.1", at: 3_600)
        // One failure after the hour starts a fresh count: no delay.
        #expect(try await wait(throttle, "alice", "192.0.2.1", at: 3_600) == nil)
    }

    /// Password spraying: many names from one address refuse that address for every name, until they age out.
    @Test func fiftyDistinctNamesFromOneAddressRefuseTheAddress() async throws {
        let throttle = throttle()
        for index in 0..<49 { try await fail(throttle, "user\(index)", "203.0.113.9", at: Int64(index)) }
        #expect(try await wait(throttle, "carol", "203.0.113.9", at: 60) == nil)
        try await fail(throttle, "user49", "203.0.113.9", at: 60)
        // The first name failed at second 0 and leaves the ten-minute window at second 600.
        #expect(try await wait(throttle, "carol", "203.0.113.9", at: 100)
            == .seconds(500))
        #expect(try await wait(throttle, "carol", "192.0.2.1", at: 100) == nil)
        #expect(try await wait(throttle, "carol", "203.0.113.9", at: 600) == nil)
    }

    @Test func oneNameGuessedOftenIsNotSpraying() async throws {
        let throttle = throttle()
        try await fail(throttle, "alice", "203.0.113.9", times: 200)
        #expect(try await wait(throttle, "bob", "203.0.113.9") == nil)
    }

    /// Two nodes on one store: failures counted by one delay the same pair on the other.
    @Test func nodesOnOneStoreShareTheCount() async throws {
        let store = InMemoryStore()
        let first = LoginThrottle(store: store), second = LoginThrottle(store: store)
        try await fail(first, "alice", "192.0.2.1", times: 3)
        try await fail(second, "alice", "192.0.2.1", times: 2)
        #expect(try await wait(first, "alice", "192.0.2.1") == .seconds(1))
        #expect(try await wait(second, "alice", "192.0.2.1") == .seconds(1))
        try await second.recordSuccess(userName: "alice", address: "192.0.2.1")
        #expect(try await wait(first, "alice", "192.0.2.1") == nil)
    }
}
