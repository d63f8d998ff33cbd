import CalendarStore

extension StoreContract {
    static let concurrency: [ContractCheck] = [
        ContractCheck("concurrency.etagMatchesHasOneWinner") { store in
            let f = try await ContractFixture.make(store)
            let old = try await f.put("a.ics").object.etag
            let outcomes = await race(20) { attempt throws(StoreError) in
                try await store.putObject(calendarID: f.calendar.id, name: "a.ics",
                                          data: ContractFixture.bytes(uid: "a.ics", version: attempt + 2),
                                          index: .event("a.ics", 1_000, 2_000), precondition: .etagMatches(old))
            }
            let winners = outcomes.compactMap { try? $0.get() }
            try Expect.equal(winners.count, 1, "successful If-Match writes against one tag")
            let current = try await Expect.some(store.object(calendarID: f.calendar.id, name: "a.ics"), "object")
            try Expect.equal(current.etag, winners[0].object.etag, "the winner's write is stored")
            for case .failure(let error) in outcomes {
                try Expect.equal(error, .etagMismatch(current: current.etag), "losers see the winner's tag")
            }
        },
        ContractCheck("concurrency.mustNotExistHasOneWinner") { store in
            let f = try await ContractFixture.make(store)
            let before = try await f.revision()
            let outcomes = await race(20) { attempt throws(StoreError) in
                try await store.putObject(calendarID: f.calendar.id, name: "new.ics",
                                          data: ContractFixture.bytes(uid: "new-\(attempt)", version: 1),
                                          index: .event("new-\(attempt)", 1_000, 2_000), precondition: .mustNotExist)
            }
            let winners = outcomes.compactMap { try? $0.get() }
            try Expect.equal(winners.count, 1, "successful If-None-Match creates of one name")
            try Expect.that(winners[0].created, "the winner created it")
            for case .failure(let error) in outcomes { try Expect.equal(error, .alreadyExists, "losers") }
            try Expect.equal(await store.objects(calendarID: f.calendar.id).count, 1, "one object")
            try Expect.that(try await f.revision() > before, "revision bumped")
        },
        ContractCheck("concurrency.independentWritesAllLand") { store in
            let f = try await ContractFixture.make(store)
            let before = try await f.revision()
            let outcomes = await race(20) { attempt throws(StoreError) in
                try await store.putObject(calendarID: f.calendar.id, name: "n\(attempt).ics",
                                          data: ContractFixture.bytes(uid: "n\(attempt)", version: 1),
                                          index: .event("n\(attempt)", 1_000, 2_000), precondition: .mustNotExist)
            }
            let revisions = try outcomes.map { try $0.get().object.revision }
            try Expect.equal(Set(revisions).count, 20, "each write has its own revision")
            try Expect.that(revisions.allSatisfy { $0 > before }, "revisions after the start")
            try Expect.equal(try await f.revision(), revisions.max(), "calendar revision is the newest write's")
            let sync = try await store.changes(calendarID: f.calendar.id, since: before, limit: nil)
            try Expect.equal(Set(sync.changes.map(\.name)).count, 20, "all writes in the change log")
        },
        ContractCheck("concurrency.manyWritersSomeRefused") { store in
            let f = try await ContractFixture.make(store)
            let before = try await f.revision()
            // Every eighth write asks for a tag no object has, so it is refused while the others around it land.
            let outcomes = await race(64) { attempt throws(StoreError) in
                let refused = attempt.isMultiple(of: 8)
                return try await store.putObject(calendarID: f.calendar.id, name: "w\(attempt).ics",
                                                 data: ContractFixture.bytes(uid: "w\(attempt)", version: 1),
                                                 index: .event("w\(attempt)", 1_000, 2_000),
                                                 precondition: refused ? .etagMatches(ETag(value: "00")) : .none)
            }
            var written: [String: ETag] = [:]
            for case .success(let put) in outcomes { written[put.object.name] = put.object.etag }
            let refusals = outcomes.filter { if case .failure(.etagMismatch(current: nil)) = $0 { true } else { false } }
            try Expect.equal(written.count, 56, "writes that succeeded")
            try Expect.equal(refusals.count, 8, "writes refused with etagMismatch")
            try Expect.that(written.keys.allSatisfy { !Int($0.dropFirst().dropLast(4))!.isMultiple(of: 8) },
                            "the refused ones are exactly those with the wrong tag")
            let stored = try await store.objectSummaries(calendarID: f.calendar.id)
            try Expect.equal(Dictionary(uniqueKeysWithValues: stored.map { ($0.name, $0.etag) }), written,
                             "every acknowledged write is stored with its ETag, nothing else")
            let sync = try await store.changes(calendarID: f.calendar.id, since: before, limit: nil)
            try Expect.equal(sync.changes.count, 56, "one change-log entry per write")
            try Expect.equal(Set(sync.changes.map(\.name)), Set(written.keys), "the change log names the writes")
        },
        ContractCheck("concurrency.idempotencyClaimHasOneWinner") { store in
            let alice = try await store.createUser(NewUser(name: "alice", passwordHash: "h"))
            let free = await race(20) { attempt throws(StoreError) in
                (attempt, try await store.claimIdempotencyKey(userID: alice.id, key: "k1", requestHash: "h\(attempt)",
                                                              at: 1_000, expiredBefore: 0))
            }
            try await expectOneClaim(free, store: store, userID: alice.id, at: 1_000, "a free key")
            // The winner's record expires: of many replacing it at once, one does and the others find its claim.
            let expired = await race(20) { attempt throws(StoreError) in
                (attempt, try await store.claimIdempotencyKey(userID: alice.id, key: "k1", requestHash: "h\(attempt)",
                                                              at: 5_000, expiredBefore: 2_000))
            }
            try await expectOneClaim(expired, store: store, userID: alice.id, at: 5_000, "an expired key")
        },
    ]

    /// Exactly one of `outcomes` claimed the key; every other found the winner's running claim, as a later claim does.
    private static func expectOneClaim(_ outcomes: [Result<(Int, IdempotencyClaim), StoreError>],
                                       store: any CalendarStore, userID: Int64, at: Int64,
                                       _ what: String) async throws {
        let claims = try outcomes.map { try $0.get() }
        let winners = claims.filter { $0.1 == .claimed }.map(\.0)
        try Expect.equal(winners.count, 1, "claims of \(what) that succeeded")
        let held = IdempotencyRecord(userID: userID, key: "k1", requestHash: "h\(winners[0])", response: nil,
                                     createdAt: at)
        for (_, claim) in claims where claim != .claimed {
            try Expect.equal(claim, .existing(held), "losers for \(what) see the winner's claim")
        }
        try Expect.equal(try await store.claimIdempotencyKey(userID: userID, key: "k1", requestHash: "later",
                                                             at: at + 1, expiredBefore: 0),
                         .existing(held), "the stored record after the race for \(what)")
    }

    /// Runs `count` attempts at once and collects their outcomes.
    static func race<T: Sendable>(_ count: Int, _ attempt: @escaping @Sendable (Int) async throws(StoreError) -> T)
        async -> [Result<T, StoreError>] {
        await withTaskGroup(of: Result<T, StoreError>.self) { group in
            for number in 0..<count {
                group.addTask {
                    do throws(StoreError) { return .success(try await attempt(number)) } catch { return .failure(error) }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
    }
}
