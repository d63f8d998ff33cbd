@testable import AlmanacServer
import Testing

@Suite struct CredentialCacheTests {
    let start = ContinuousClock.now

    @Test func entriesExpire() async {
        let cache = CredentialCache(capacity: 10, timeToLive: .seconds(300))
        let key = cache.fingerprint(BasicCredentials(userName: "alice", password: "secret"))
        await cache.remember(key, userID: 1, matchedHash: "$2b$hash", now: start)
        #expect(await cache.entry(for: key, now: start + .seconds(299))?.userID == 1)
        #expect(await cache.entry(for: key, now: start + .seconds(300)) == nil)
        #expect(await cache.count == 0)
    }

    @Test func keysDependOnUserAndPasswordAndAreNotThePassword() {
        let cache = CredentialCache()
        let a = cache.fingerprint(BasicCredentials(userName: "alice", password: "secret"))
        #expect(a == cache.fingerprint(BasicCredentials(userName: "alice", password: "secret")))
        #expect(a != cache.fingerprint(BasicCredentials(userName: "alice", password: "secreT")))
        // The separator keeps "ab"+"c" apart from "a"+"bc".
        #expect(cache.fingerprint(BasicCredentials(userName: "ab", password: "c"))
                != cache.fingerprint(BasicCredentials(userName: "a", password: "bc")))
        #expect(!a.digest.contains("secret"))
        // Another cache has another key, so digests are not comparable across processes.
        #expect(a != CredentialCache().fingerprint(BasicCredentials(userName: "alice", password: "secret")))
    }

    @Test func capacityIsBoundedByEvictingTheOldest() async {
        let cache = CredentialCache(capacity: 2, timeToLive: .seconds(300))
        let keys = (0..<3).map { cache.fingerprint(BasicCredentials(userName: "u\($0)", password: "p")) }
        for (index, key) in keys.enumerated() {
            await cache.remember(key, userID: Int64(index), matchedHash: "h", now: start + .seconds(index))
        }
        #expect(await cache.count == 2)
        #expect(await cache.entry(for: keys[0], now: start + .seconds(3)) == nil)
        #expect(await cache.entry(for: keys[2], now: start + .seconds(3)) != nil)
    }

    @Test func forgetUserDropsOnlyTheirEntries() async {
        let cache = CredentialCache()
        let alice = cache.fingerprint(BasicCredentials(userName: "alice", password: "p"))
        let bob = cache.fingerprint(BasicCredentials(userName: "bob", password: "p"))
        await cache.remember(alice, userID: 1, matchedHash: "h", now: start)
        await cache.remember(bob, userID: 2, matchedHash: "h", now: start)
        await cache.forget(userID: 1)
        #expect(await cache.entry(for: alice, now: start) == nil)
        #expect(await cache.entry(for: bob, now: start) != nil)
    }
}
