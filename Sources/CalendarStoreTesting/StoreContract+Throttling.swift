import CalendarStore

extension StoreContract {
    static let throttling: [ContractCheck] = [
        ContractCheck("throttling.recordListClear") { store in
            try await store.recordThrottleEvent(key: "pair:alice", subject: "alice", weight: 1, at: 1_000)
            try await store.recordThrottleEvent(key: "pair:alice", subject: "alice", weight: 2, at: 3_000)
            try await store.recordThrottleEvent(key: "pair:alice", subject: "x", weight: 1, at: 2_000)
            try await store.recordThrottleEvent(key: "pair:bob", subject: "bob", weight: 1, at: 2_000)
            try Expect.equal(try await store.throttleEvents(key: "pair:alice", since: 0), [
                ThrottleEvent(subject: "alice", weight: 1, at: 1_000), ThrottleEvent(subject: "x", weight: 1, at: 2_000),
                ThrottleEvent(subject: "alice", weight: 2, at: 3_000),
            ], "oldest first")
            try Expect.equal(try await store.throttleEvents(key: "pair:alice", since: 2_000).map(\.at), [3_000],
                             "strictly after since")
            try Expect.equal(try await store.throttleEvents(key: "nobody", since: 0), [], "unknown key")
            try Expect.equal(try await store.throttleEvents(keys: ["pair:alice", "pair:bob", "nobody"], since: 1_000), [
                "pair:alice": [ThrottleEvent(subject: "x", weight: 1, at: 2_000),
                               ThrottleEvent(subject: "alice", weight: 2, at: 3_000)],
                "pair:bob": [ThrottleEvent(subject: "bob", weight: 1, at: 2_000)],
            ], "several keys at once, oldest first, keys without events absent")
            try await store.clearThrottleEvents(key: "pair:alice")
            try Expect.equal(try await store.throttleEvents(key: "pair:alice", since: 0), [], "cleared")
            try Expect.equal(try await store.throttleEvents(key: "pair:bob", since: 0).count, 1, "other keys kept")
        },
        ContractCheck("throttling.allowanceAndPrune") { store in
            try Expect.that(try await store.takeThrottleAllowance(key: "s:1", weight: 3, limit: 5, since: 0, at: 10),
                            "3 of 5")
            try Expect.that(!(try await store.takeThrottleAllowance(key: "s:1", weight: 3, limit: 5, since: 0, at: 20)),
                            "6 of 5 refused")
            try Expect.that(try await store.takeThrottleAllowance(key: "s:1", weight: 2, limit: 5, since: 0, at: 30),
                            "5 of 5")
            try Expect.equal(try await store.throttleEvents(key: "s:1", since: 0).map(\.weight), [3, 2],
                             "a refused take records nothing")
            try Expect.that(try await store.takeThrottleAllowance(key: "s:1", weight: 3, limit: 5, since: 10, at: 40),
                            "the window moved past the first take")
            try Expect.equal(try await store.pruneThrottleEvents(before: 30), 2, "pruned up to and including 30")
            try Expect.equal(try await store.throttleEvents(key: "s:1", since: 0).map(\.at), [40], "kept")
        },
        ContractCheck("throttling.concurrentTakesKeepTheLimit") { store in
            let outcomes = await race(24) { attempt throws(StoreError) in
                try await store.takeThrottleAllowance(key: "sched:7", weight: 1, limit: 10, since: 0,
                                                      at: Int64(100 + attempt))
            }
            let taken = try outcomes.filter { try $0.get() }.count
            try Expect.equal(taken, 10, "exactly the limit taken by 24 racing callers")
            try Expect.equal(try await store.throttleEvents(key: "sched:7", since: 0).count, 10, "10 recorded")
        },
    ]
}
