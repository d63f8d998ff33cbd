import CalendarStore

extension StoreContract {
    static let idempotencyKeys: [ContractCheck] = [
        ContractCheck("idempotencyKeys.claimThenHeld") { store in
            let alice = try await store.createUser(NewUser(name: "alice", passwordHash: "h"))
            try Expect.equal(try await store.claimIdempotencyKey(
                userID: alice.id, key: "k1", requestHash: "first", at: 1_000, expiredBefore: 0), .claimed, "free key")
            let held = IdempotencyRecord(userID: alice.id, key: "k1", requestHash: "first", response: nil,
                                         createdAt: 1_000)
            try Expect.equal(try await store.claimIdempotencyKey(
                userID: alice.id, key: "k1", requestHash: "first", at: 1_001, expiredBefore: 0), .existing(held),
                "the same request again while the first runs")
            try Expect.equal(try await store.claimIdempotencyKey(
                userID: alice.id, key: "k1", requestHash: "other", at: 1_002, expiredBefore: 1_000),
                .existing(held), "another request with the key (expiredBefore equal to createdAt: still live)")
        },
        ContractCheck("idempotencyKeys.completeThenReplay") { store in
            let alice = try await store.createUser(NewUser(name: "alice", passwordHash: "h"))
            let created = IdempotencyRecord.StoredResponse(
                status: 201,
                headers: [["Location", "/api/v1/calendars/work/events/e1"], ["Content-Type", "application/json"],
                          ["ETag", "\"3f-b\""], ["Vary", "Accept"], ["Vary", "Prefer"],
                          ["X-Note", "café, \"naïve\" ✓ a/b"]],
                body: Array("{\"id\":\"e1\"}".utf8) + [0, 0xFF, 0x80, 0x7F])
            let deleted = IdempotencyRecord.StoredResponse(status: 204, headers: [], body: [])
            for key in ["create", "delete"] {
                try Expect.equal(try await store.claimIdempotencyKey(
                    userID: alice.id, key: key, requestHash: "hash-\(key)", at: 1_000, expiredBefore: 0), .claimed,
                    "claim \(key)")
            }
            try await store.completeIdempotencyKey(userID: alice.id, key: "create", response: created)
            try await store.completeIdempotencyKey(userID: alice.id, key: "delete", response: deleted)
            try Expect.equal(try await store.claimIdempotencyKey(
                userID: alice.id, key: "create", requestHash: "hash-create", at: 1_010, expiredBefore: 0),
                .existing(IdempotencyRecord(userID: alice.id, key: "create", requestHash: "hash-create",
                                            response: created, createdAt: 1_000)),
                "status, headers in order (repeated names too) and body bytes exactly")
            try Expect.equal(try await store.claimIdempotencyKey(
                userID: alice.id, key: "delete", requestHash: "hash-delete", at: 1_010, expiredBefore: 0),
                .existing(IdempotencyRecord(userID: alice.id, key: "delete", requestHash: "hash-delete",
                                            response: deleted, createdAt: 1_000)),
                "no headers and an empty body: a response all the same")
        },
        ContractCheck("idempotencyKeys.releaseFreesKey") { store in
            let alice = try await store.createUser(NewUser(name: "alice", passwordHash: "h"))
            _ = try await store.claimIdempotencyKey(
                userID: alice.id, key: "k1", requestHash: "first", at: 1_000, expiredBefore: 0)
            try await store.releaseIdempotencyKey(userID: alice.id, key: "k1")
            try Expect.equal(try await store.claimIdempotencyKey(
                userID: alice.id, key: "k1", requestHash: "retry", at: 1_005, expiredBefore: 0), .claimed,
                "claim after release")
            try Expect.equal(try await store.claimIdempotencyKey(
                userID: alice.id, key: "k1", requestHash: "retry", at: 1_006, expiredBefore: 0),
                .existing(IdempotencyRecord(userID: alice.id, key: "k1", requestHash: "retry", response: nil,
                                            createdAt: 1_005)), "the new claim holds the key")
            try await store.releaseIdempotencyKey(userID: alice.id, key: "k1")
            try await store.releaseIdempotencyKey(userID: alice.id, key: "k1")
            try await store.releaseIdempotencyKey(userID: alice.id, key: "never")
            try await store.releaseIdempotencyKey(userID: 999_999, key: "k1")
        },
        ContractCheck("idempotencyKeys.expiredRecordReplaced") { store in
            let alice = try await store.createUser(NewUser(name: "alice", passwordHash: "h"))
            _ = try await store.claimIdempotencyKey(
                userID: alice.id, key: "k1", requestHash: "old", at: 1_000, expiredBefore: 0)
            try await store.completeIdempotencyKey(
                userID: alice.id, key: "k1",
                response: IdempotencyRecord.StoredResponse(status: 200, headers: [["ETag", "\"1\""]], body: [1, 2]))
            try Expect.equal(try await store.claimIdempotencyKey(
                userID: alice.id, key: "k1", requestHash: "new", at: 90_000, expiredBefore: 1_001), .claimed,
                "a record older than expiredBefore is replaced")
            try Expect.equal(try await store.claimIdempotencyKey(
                userID: alice.id, key: "k1", requestHash: "again", at: 90_001, expiredBefore: 1_001),
                .existing(IdempotencyRecord(userID: alice.id, key: "k1", requestHash: "new", response: nil,
                                            createdAt: 90_000)),
                "the replacement: the new request, its time, no response")
            // A running claim expires too (its request died without releasing it).
            try Expect.equal(try await store.claimIdempotencyKey(
                userID: alice.id, key: "k1", requestHash: "newest", at: 200_000, expiredBefore: 100_000), .claimed,
                "an expired running claim is replaced")
        },
        ContractCheck("idempotencyKeys.missingClaimAndUnknownUserRefused") { store in
            let alice = try await store.createUser(NewUser(name: "alice", passwordHash: "h"))
            let response = IdempotencyRecord.StoredResponse(status: 200, headers: [], body: [1])
            try await Expect.error(.notFound, "complete without a claim") {
                try await store.completeIdempotencyKey(userID: alice.id, key: "k1", response: response)
            }
            _ = try await store.claimIdempotencyKey(
                userID: alice.id, key: "k1", requestHash: "h", at: 1_000, expiredBefore: 0)
            try await store.releaseIdempotencyKey(userID: alice.id, key: "k1")
            try await Expect.error(.notFound, "complete after release") {
                try await store.completeIdempotencyKey(userID: alice.id, key: "k1", response: response)
            }
            try await Expect.error(.notFound, "claim for an unknown user") {
                try await store.claimIdempotencyKey(
                    userID: 999_999, key: "k1", requestHash: "h", at: 1_000, expiredBefore: 0)
            }
            try await Expect.error(.notFound, "complete for an unknown user") {
                try await store.completeIdempotencyKey(userID: 999_999, key: "k1", response: response)
            }
            try Expect.equal(try await store.pruneIdempotencyKeys(before: Int64.max), 0, "nothing was stored")
        },
        ContractCheck("idempotencyKeys.pruneRemovesOlderOnly") { store in
            let alice = try await store.createUser(NewUser(name: "alice", passwordHash: "h"))
            let bob = try await store.createUser(NewUser(name: "bob", passwordHash: "h"))
            for (user, key, at) in [(alice.id, "a100", Int64(100)), (bob.id, "b150", 150), (alice.id, "a200", 200),
                                    (bob.id, "b300", 300)] {
                _ = try await store.claimIdempotencyKey(
                    userID: user, key: key, requestHash: key, at: at, expiredBefore: 0)
            }
            try await store.completeIdempotencyKey(
                userID: bob.id, key: "b150", response: IdempotencyRecord.StoredResponse(status: 200, headers: [],
                                                                                          body: []))
            try Expect.equal(try await store.pruneIdempotencyKeys(before: 200), 2,
                             "records before 200, running or complete, of every user")
            try Expect.equal(try await store.pruneIdempotencyKeys(before: 200), 0, "nothing left to prune")
            // expiredBefore 0 replaces nothing, so `.claimed` means the record is gone.
            try Expect.equal(try await store.claimIdempotencyKey(
                userID: alice.id, key: "a100", requestHash: "x", at: 400, expiredBefore: 0), .claimed, "a100 pruned")
            try Expect.equal(try await store.claimIdempotencyKey(
                userID: bob.id, key: "b150", requestHash: "x", at: 400, expiredBefore: 0), .claimed, "b150 pruned")
            try Expect.equal(try await store.claimIdempotencyKey(
                userID: alice.id, key: "a200", requestHash: "x", at: 400, expiredBefore: 0),
                .existing(IdempotencyRecord(userID: alice.id, key: "a200", requestHash: "a200", response: nil,
                                            createdAt: 200)), "a200 kept (not before 200)")
            try Expect.equal(try await store.claimIdempotencyKey(
                userID: bob.id, key: "b300", requestHash: "x", at: 400, expiredBefore: 0),
                .existing(IdempotencyRecord(userID: bob.id, key: "b300", requestHash: "b300", response: nil,
                                            createdAt: 300)), "b300 kept")
            try Expect.equal(try await store.pruneIdempotencyKeys(before: Int64.max), 4, "all four now")
        },
        ContractCheck("idempotencyKeys.keysPerUserAndExact") { store in
            let alice = try await store.createUser(NewUser(name: "alice", passwordHash: "h"))
            let bob = try await store.createUser(NewUser(name: "bob", passwordHash: "h"))
            for user in [alice.id, bob.id] {
                try Expect.equal(try await store.claimIdempotencyKey(
                    userID: user, key: "same", requestHash: "h\(user)", at: 1_000, expiredBefore: 0), .claimed,
                    "each user's own key")
            }
            for key in ["Same", "same ", "sáme"] {
                try Expect.equal(try await store.claimIdempotencyKey(
                    userID: alice.id, key: key, requestHash: "h", at: 1_000, expiredBefore: 0), .claimed,
                    "keys compare exactly: \(key)")
            }
            let response = IdempotencyRecord.StoredResponse(status: 201, headers: [["ETag", "\"a\""]], body: [7])
            try await store.completeIdempotencyKey(userID: alice.id, key: "same", response: response)
            try Expect.equal(try await store.claimIdempotencyKey(
                userID: bob.id, key: "same", requestHash: "x", at: 1_001, expiredBefore: 0),
                .existing(IdempotencyRecord(userID: bob.id, key: "same", requestHash: "h\(bob.id)", response: nil,
                                            createdAt: 1_000)), "alice's completion leaves bob's claim running")
            try await store.releaseIdempotencyKey(userID: bob.id, key: "same")
            try Expect.equal(try await store.claimIdempotencyKey(
                userID: alice.id, key: "same", requestHash: "x", at: 1_001, expiredBefore: 0),
                .existing(IdempotencyRecord(userID: alice.id, key: "same", requestHash: "h\(alice.id)",
                                            response: response, createdAt: 1_000)),
                "bob's release leaves alice's record")
        },
        ContractCheck("idempotencyKeys.deleteUserRemovesRecords") { store in
            let alice = try await store.createUser(NewUser(name: "alice", passwordHash: "h"))
            let bob = try await store.createUser(NewUser(name: "bob", passwordHash: "h"))
            for key in ["k1", "k2"] {
                _ = try await store.claimIdempotencyKey(
                    userID: alice.id, key: key, requestHash: "h", at: 1_000, expiredBefore: 0)
            }
            try await store.completeIdempotencyKey(
                userID: alice.id, key: "k1", response: IdempotencyRecord.StoredResponse(status: 200, headers: [],
                                                                                          body: [1]))
            _ = try await store.claimIdempotencyKey(
                userID: bob.id, key: "k1", requestHash: "h", at: 1_000, expiredBefore: 0)
            try await store.deleteUser(id: alice.id)
            try await Expect.error(.notFound, "complete for the deleted user") {
                try await store.completeIdempotencyKey(
                    userID: alice.id, key: "k2", response: IdempotencyRecord.StoredResponse(status: 200, headers: [],
                                                                                              body: []))
            }
            try Expect.equal(try await store.claimIdempotencyKey(
                userID: bob.id, key: "k1", requestHash: "x", at: 1_001, expiredBefore: 0),
                .existing(IdempotencyRecord(userID: bob.id, key: "k1", requestHash: "h", response: nil,
                                            createdAt: 1_000)), "bob's record kept")
            try Expect.equal(try await store.pruneIdempotencyKeys(before: Int64.max), 1,
                             "only bob's record was left to prune")
        },
    ]
}
