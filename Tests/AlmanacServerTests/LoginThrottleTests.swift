@testable import AlmanacServer
import Testing

@Suite struct LoginThrottleTests {
    let start = ContinuousClock.now

    @Test func blocksAfterFiveFailuresWithinTheWindowAndReleasesAfterIt() async {
        let throttle = LoginThrottle(limit: 5, window: .seconds(60))
        for second in 0..<4 {
            await throttle.recordFailure(userName: "alice", address: "192.0.2.1", now: start + .seconds(second))
        }
        #expect(await throttle.retryAfter(userName: "alice", address: nil, now: start + .seconds(4)) == nil)
        await throttle.recordFailure(userName: "alice", address: "192.0.2.1", now: start + .seconds(4))
        #expect(await throttle.retryAfter(userName: "alice", address: nil, now: start + .seconds(10)) == .seconds(50))
        // The address is blocked too, for any user name.
        #expect(await throttle.retryAfter(userName: "bob", address: "192.0.2.1", now: start + .seconds(10)) != nil)
        #expect(await throttle.retryAfter(userName: "bob", address: "192.0.2.2", now: start + .seconds(10)) == nil)
        // Once the first failure is a minute old only four remain in the window.
        #expect(await throttle.retryAfter(userName: "alice", address: nil, now: start + .seconds(60)) == nil)
    }

    @Test func successClearsTheUserButNotTheAddress() async {
        let throttle = LoginThrottle(limit: 2, window: .seconds(60))
        await throttle.recordFailure(userName: "alice", address: "192.0.2.1", now: start)
        await throttle.recordFailure(userName: "alice", address: "192.0.2.1", now: start)
        await throttle.recordSuccess(userName: "alice")
        #expect(await throttle.retryAfter(userName: "alice", address: nil, now: start) == nil)
        #expect(await throttle.retryAfter(userName: nil, address: "192.0.2.1", now: start) != nil)
    }

    @Test func tracksAtMostTheConfiguredNumberOfKeys() async {
        let throttle = LoginThrottle(limit: 1, window: .seconds(60), maximumKeys: 3)
        for index in 0..<10 {
            await throttle.recordFailure(userName: "user\(index)", address: nil, now: start + .seconds(index))
        }
        // The newest keys survive; the oldest were dropped to stay within the bound.
        #expect(await throttle.retryAfter(userName: "user9", address: nil, now: start + .seconds(10)) != nil)
        #expect(await throttle.retryAfter(userName: "user0", address: nil, now: start + .seconds(10)) == nil)
    }
}
