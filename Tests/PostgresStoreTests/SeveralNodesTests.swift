import CalendarStore
import CalendarStoreTesting
import PostgresStore
import Synchronization
import Testing

/// Several Almanac nodes on one database, as two `PostgresStore`s (two connection pools) on one schema: whichever
/// node writes, conditional writes have one winner, UIDs stay unique per calendar, and an incremental sync never
/// skips a change.
@Suite(.enabled(if: TestPostgres.isConfigured, "set ALMANAC_TEST_POSTGRES to a postgres:// URL to run"))
struct SeveralNodesTests {
    /// Runs `body` with two stores on one fresh schema, closing both and dropping the schema afterwards.
    private func withTwoNodes(_ body: (PostgresStore, PostgresStore) async throws -> Void) async throws {
        let schema = try TemporarySchema()
        let first = try await schema.store(maximumConnections: 8)
        let second = try await schema.store(existingSchema: true, maximumConnections: 8)
        do {
            try await body(first, second)
        } catch {
            await first.close(); await second.close(); await schema.drop()
            throw error
        }
        await first.close(); await second.close(); await schema.drop()
    }

    private static func index(_ uid: String) -> ObjectIndex {
        ObjectIndex(uid: uid, componentType: "VEVENT", firstStart: 1_000, lastEnd: 2_000,
                    instances: [InstanceInterval(start: 1_000, end: 2_000)], horizon: nil)
    }

    private static func bytes(_ uid: String, _ version: Int) -> [UInt8] {
        Array("BEGIN:VCALENDAR\r\nUID:\(uid)\r\nX-VERSION:\(version)\r\nEND:VCALENDAR\r\n".utf8)
    }

    @Test func ifMatchAcrossNodesHasOneWinner() async throws {
        try await withTwoNodes { first, second in
            let user = try await first.createUser(NewUser(name: "alice", passwordHash: "x"))
            let calendar = try await first.createCalendar(NewCalendar(ownerID: user.id, slug: "home"))
            let old = try await first.putObject(calendarID: calendar.id, name: "a.ics", data: Self.bytes("a", 0),
                                                index: Self.index("a"), precondition: .none).object.etag
            let outcomes = await withTaskGroup(of: Result<PutResult, StoreError>.self) { group in
                for attempt in 0..<16 {
                    let node = attempt.isMultiple(of: 2) ? first : second
                    group.addTask {
                        await outcome { () async throws(StoreError) -> PutResult in
                            try await node.putObject(calendarID: calendar.id, name: "a.ics",
                                                     data: Self.bytes("a", attempt + 1), index: Self.index("a"),
                                                     precondition: .etagMatches(old))
                        }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            let winners = outcomes.compactMap { try? $0.get() }
            #expect(winners.count == 1)
            let stored = try await second.object(calendarID: calendar.id, name: "a.ics")
            #expect(stored?.etag == winners.first?.object.etag)
        }
    }

    @Test func uidStaysUniqueAcrossNodes() async throws {
        try await withTwoNodes { first, second in
            let user = try await first.createUser(NewUser(name: "alice", passwordHash: "x"))
            let calendar = try await first.createCalendar(NewCalendar(ownerID: user.id, slug: "home"))
            let outcomes = await withTaskGroup(of: Result<PutResult, StoreError>.self) { group in
                for attempt in 0..<12 {
                    let node = attempt.isMultiple(of: 2) ? first : second
                    group.addTask {
                        await outcome { () async throws(StoreError) -> PutResult in
                            try await node.putObject(calendarID: calendar.id, name: "n\(attempt).ics",
                                                     data: Self.bytes("same", attempt), index: Self.index("same"),
                                                     precondition: .none)
                        }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.compactMap { try? $0.get() }.count == 1)
            for case .failure(let error) in outcomes {
                guard case .uidConflict = error else {
                    Issue.record("expected uidConflict, got \(error)")
                    continue
                }
            }
            #expect(try await first.objects(calendarID: calendar.id).count == 1)
        }
    }

    @Test func principalNameTakenOnceAcrossNodes() async throws {
        try await withTwoNodes { first, second in
            async let user = outcome { () async throws(StoreError) -> Int64 in
                try await first.createUser(NewUser(name: "team", passwordHash: "x")).id
            }
            async let group = outcome { () async throws(StoreError) -> Int64 in
                try await second.createGroup(NewGroup(name: "team")).id
            }
            let outcomes = await [user, group]
            #expect(outcomes.filter { (try? $0.get()) != nil }.count == 1)
        }
    }

    /// Names and addresses equal but for ASCII case, created on both nodes at once: one account each. No unique
    /// index decides here (the checks queue on `principal_lock`), so this is what proves they do.
    @Test func foldedNameAndAddressTakenOnceAcrossNodes() async throws {
        try await withTwoNodes { first, second in
            let names = await withTaskGroup(of: Result<User, StoreError>.self) { group in
                for (attempt, name) in ["carol", "Carol", "CAROL", "cArol", "caroL", "CaRoL"].enumerated() {
                    let node = attempt.isMultiple(of: 2) ? first : second
                    group.addTask {
                        await outcome { () async throws(StoreError) -> User in
                            try await node.createUser(NewUser(name: name, passwordHash: "x"))
                        }
                    }
                    group.addTask {
                        await outcome { () async throws(StoreError) -> User in
                            _ = try await node.createGroup(NewGroup(name: name + "s"))
                            return try await node.createUser(NewUser(name: name + "s", passwordHash: "x"))
                        }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(names.compactMap { try? $0.get() }.count == 1, "one carol, and no user beside a carols group")
            let users = try await first.users(), groups = try await second.groups()
            #expect(users.count == 1 && groups.count == 1)
            let addresses = await withTaskGroup(of: Result<User, StoreError>.self) { group in
                for attempt in 0..<8 {
                    let node = attempt.isMultiple(of: 2) ? first : second
                    let email = attempt.isMultiple(of: 3) ? "Dave@Example.com" : "dave@example.COM"
                    group.addTask {
                        await outcome { () async throws(StoreError) -> User in
                            try await node.createUser(NewUser(name: "dave\(attempt)", email: email, passwordHash: "x"))
                        }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(addresses.compactMap { try? $0.get() }.count == 1)
            for case .failure(let error) in addresses + names { #expect(error == .alreadyExists) }
        }
    }

    /// A one-time code redeemed on both nodes at once, and a refresh token used on both at once: one winner each.
    @Test func codesAndRefreshTokensUsedOnceAcrossNodes() async throws {
        try await withTwoNodes { first, second in
            let user = try await first.createUser(NewUser(name: "alice", passwordHash: "x"))
            _ = try await first.addOneTimeCode(NewOneTimeCode(codeHash: "c0de", userID: user.id, purpose: "oauth-code",
                                                              payload: "{}", expiresAt: 4_000_000_000))
            _ = try await first.addOAuthClient(NewOAuthClient(clientID: "app", name: "App", redirectURIs: [],
                                                              secretHash: nil))
            let grant = try await second.createOAuthGrant(userID: user.id, clientID: "app", scopes: [])
            _ = try await second.addRefreshToken(grantID: grant.id, tokenHash: "r3fr3sh", expiresAt: 4_000_000_000)
            let redemptions = await withTaskGroup(of: Result<OneTimeCodeUse?, StoreError>.self) { group in
                for attempt in 0..<16 {
                    let node = attempt.isMultiple(of: 2) ? first : second
                    group.addTask {
                        await outcome { () async throws(StoreError) -> OneTimeCodeUse? in
                            try await node.redeemOneTimeCode(hash: "c0de", purpose: "oauth-code", at: 1_000)
                        }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            let redeemed = redemptions.filter { if case .success(.redeemed) = $0 { true } else { false } }
            let used = redemptions.filter { if case .success(.alreadyUsed) = $0 { true } else { false } }
            #expect(redeemed.count == 1)
            #expect(used.count == 15)
            let rotations = await withTaskGroup(of: Result<RefreshTokenUse?, StoreError>.self) { group in
                for attempt in 0..<16 {
                    let node = attempt.isMultiple(of: 2) ? first : second
                    group.addTask {
                        await outcome { () async throws(StoreError) -> RefreshTokenUse? in
                            try await node.useRefreshToken(hash: "r3fr3sh", at: 1_000)
                        }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            let rotated = rotations.filter { if case .success(.rotated) = $0 { true } else { false } }
            let replayed = rotations.filter { if case .success(.replayed) = $0 { true } else { false } }
            #expect(rotated.count == 1)
            #expect(replayed.count == 15)
        }
    }

    /// Writers on both nodes update 24 objects 5 times each while a client on either node syncs incrementally
    /// and, like a real client, fetches what each sync reports. When the writers are done and a last sync has run,
    /// the client's copy must equal the stored calendar: a change committed behind a token it was given would
    /// leave a stale ETag.
    @Test func incrementalSyncNeverSkipsAChange() async throws {
        try await withTwoNodes { first, second in
            let user = try await first.createUser(NewUser(name: "alice", passwordHash: "x"))
            let calendar = try await first.createCalendar(NewCalendar(ownerID: user.id, slug: "home"))
            let names = (0..<24).map { "e\($0).ics" }
            let finished = Flag()
            let writers = Task {
                defer { finished.set() }
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for (position, name) in names.enumerated() {
                        let node = position.isMultiple(of: 2) ? first : second
                        group.addTask {
                            for version in 0..<5 {
                                _ = try await node.putObject(calendarID: calendar.id, name: name,
                                                             data: Self.bytes(name, version), index: Self.index(name),
                                                             precondition: .none)
                            }
                        }
                    }
                    try await group.waitForAll()
                }
            }
            var copy: [String: ETag] = [:]
            var token: Int64? = nil
            var round = 0
            func sync(_ node: PostgresStore) async throws {
                let changes = try await node.changes(calendarID: calendar.id, since: token, limit: 7)
                let present = changes.changes.filter(\.exists).map(\.name)
                for object in try await node.objectSummaries(calendarID: calendar.id, names: present) {
                    copy[object.name] = object.etag
                }
                for gone in changes.changes where !gone.exists { copy[gone.name] = nil }
                #expect(token.map { changes.revision >= $0 } ?? true, "tokens never go backwards")
                token = changes.revision
            }
            // Bounded: the writers finish in a few seconds; the loop stops after them or at 2,000 rounds.
            while round < 2_000, !finished.isSet {
                round += 1
                try await sync(round.isMultiple(of: 2) ? first : second)
            }
            try await writers.value
            #expect(round >= 3, "the client synced while the writers ran")
            for _ in 0..<10 { try await sync(second) }
            let stored = try await first.objectSummaries(calendarID: calendar.id)
            #expect(copy == Dictionary(uniqueKeysWithValues: stored.map { ($0.name, $0.etag) }))
            #expect(stored.count == names.count)
        }
    }
}

/// What an async call returned or threw.
private func outcome<T>(_ body: () async throws(StoreError) -> T) async -> Result<T, StoreError> {
    do {
        return .success(try await body())
    } catch {
        return .failure(error)
    }
}

/// Set once, read from any task.
private final class Flag: Sendable {
    private let value = Mutex(false)
    var isSet: Bool { value.withLock { $0 } }
    func set() { value.withLock { $0 = true } }
}
