@testable import AlmanacServer
import Testing

@Suite struct APIRateLimiterTests {
    @Test func burstsPassThenTheBucketRefills() async {
        let limiter = APIRateLimiter(perMinute: 60)
        let start = ContinuousClock.now
        for _ in 0..<60 { #expect(await limiter.admit(["user 1"], now: start) == nil) }
        #expect(await limiter.admit(["user 1"], now: start) == 1, "one a second refills")
        #expect(await limiter.admit(["user 2"], now: start) == nil, "each user has a bucket of their own")
        #expect(await limiter.admit(["user 1"], now: start + .seconds(1)) == nil)
        #expect(await limiter.admit(["user 1"], now: start + .seconds(1)) != nil)
    }

    @Test func aTokenCountsAgainstItselfAndItsUser() async {
        let limiter = APIRateLimiter(perMinute: 2)
        let now = ContinuousClock.now
        #expect(await limiter.admit(["user 1", "token 7"], now: now) == nil)
        #expect(await limiter.admit(["user 1", "token 7"], now: now) == nil)
        let wait = await limiter.admit(["user 1", "token 8"], now: now)
        #expect(wait == 30, "the user's bucket is empty: 30 s until one more of 2 a minute")
    }

    @Test func zeroTurnsItOff() async {
        let limiter = APIRateLimiter(perMinute: 0)
        for _ in 0..<1_000 { #expect(await limiter.admit(["user 1"]) == nil) }
    }
}
