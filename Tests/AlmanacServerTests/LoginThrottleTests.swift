@testable import AlmanacServer
import Testing

/// Time is passed in: the tests move a fixed instant forward instead of sleeping.
@Suite struct LoginThrottleTests {
    let start = ContinuousClock.now

    private func fail(_ throttle: LoginThrottle, _ user: String?, _ address: String?, times: Int = 1,
                      at second: Int = 0) async {
        for _ in 0..<times { await throttle.recordFailure(userName: user, address: address, now: start + .seconds(second)) }
    }

    @Test func delaysStartAfterFiveFailuresAndDoubleUpToTheCap() async {
        let throttle = LoginThrottle()
        await fail(throttle, "alice", "192.0.2.1", times: 5)
        #expect(await throttle.retryAfter(userName: "alice", address: "192.0.2.1", now: start) == .seconds(1))
        #expect(await throttle.retryAfter(userName: "alice", address: "192.0.2.1", now: start + .seconds(1)) == nil)
        await fail(throttle, "alice", "192.0.2.1", at: 1)
        #expect(await throttle.retryAfter(userName: "alice", address: "192.0.2.1", now: start + .seconds(1)) == .seconds(2))
        await fail(throttle, "alice", "192.0.2.1", times: 20, at: 3)
        // 26 failures: far past the doubling, capped at five minutes.
        #expect(await throttle.retryAfter(userName: "alice", address: "192.0.2.1", now: start + .seconds(3)) == .seconds(300))
        #expect(await throttle.retryAfter(userName: "alice", address: "192.0.2.1", now: start + .seconds(303)) == nil)
    }

    @Test func fewerThanFiveFailuresNeverDelay() async {
        let throttle = LoginThrottle()
        await fail(throttle, "alice", "192.0.2.1", times: 4)
        #expect(await throttle.retryAfter(userName: "alice", address: "192.0.2.1", now: start) == nil)
    }

    /// The lock-out of the old throttle: another user on the same address, and the same user elsewhere, get in.
    @Test func failuresForOneUserAndAddressDelayNoOtherPair() async {
        let throttle = LoginThrottle()
        await fail(throttle, "alice", "192.0.2.1", times: 30)
        #expect(await throttle.retryAfter(userName: "alice", address: "192.0.2.1", now: start) != nil)
        #expect(await throttle.retryAfter(userName: "bob", address: "192.0.2.1", now: start) == nil)
        #expect(await throttle.retryAfter(userName: "alice", address: "198.51.100.7", now: start) == nil)
    }

    @Test func successClearsThePair() async {
        let throttle = LoginThrottle()
        await fail(throttle, "alice", "192.0.2.1", times: 6)
        await throttle.recordSuccess(userName: "alice", address: "192.0.2.1")
        #expect(await throttle.retryAfter(userName: "alice", address: "192.0.2.1", now: start) == nil)
    }

    @Test func failuresAreForgottenAnHourAfterTheLast() async {
        let throttle = LoginThrottle()
        await fail(throttle, "alice", "192.0.2.1", times: 10)
        await fail(throttle, "alice", "192.0.2.1", at: 3_600)
        // One failure after the hour starts a fresh count: no delay.
        #expect(await throttle.retryAfter(userName: "alice", address: "192.0.2.1", now: start + .seconds(3_600)) == nil)
    }

    /// Password spraying: many names from one address refuse that address for every name, until they age out.
    @Test func fiftyDistinctNamesFromOneAddressRefuseTheAddress() async {
        let throttle = LoginThrottle()
        for index in 0..<49 { await fail(throttle, "user\(index)", "203.0.113.9", at: index) }
        #expect(await throttle.retryAfter(userName: "carol", address: "203.0.113.9", now: start + .seconds(60)) == nil)
        await fail(throttle, "user49", "203.0.113.9", at: 60)
        // The first name failed at second 0 and leaves the ten-minute window at second 600.
        #expect(await throttle.retryAfter(userName: "carol", address: "203.0.113.9", now: start + .seconds(100))
            == .seconds(500))
        #expect(await throttle.retryAfter(userName: "carol", address: "192.0.2.1", now: start + .seconds(100)) == nil)
        #expect(await throttle.retryAfter(userName: "carol", address: "203.0.113.9", now: start + .seconds(600)) == nil)
    }

    @Test func oneNameGuessedOftenIsNotSpraying() async {
        let throttle = LoginThrottle()
        await fail(throttle, "alice", "203.0.113.9", times: 200)
        #expect(await throttle.retryAfter(userName: "bob", address: "203.0.113.9", now: start) == nil)
    }

    @Test func tracksAtMostTheConfiguredNumberOfKeys() async {
        var policy = LoginThrottlePolicy()
        policy.failuresBeforeDelay = 0
        policy.maximumKeys = 3
        let throttle = LoginThrottle(policy: policy)
        for index in 0..<10 { await fail(throttle, "user\(index)", nil, at: index) }
        // The newest keys survive; the oldest were dropped to stay within the bound.
        #expect(await throttle.retryAfter(userName: "user9", address: nil, now: start + .seconds(9)) != nil)
        #expect(await throttle.retryAfter(userName: "user0", address: nil, now: start + .seconds(9)) == nil)
    }
}
