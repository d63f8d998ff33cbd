import CalendarStore

/// Throttle events in `throttle_events`; see `PostgresSchema.version2`.
extension PostgresStore {
    public func recordThrottleEvent(key: String, subject: String, weight: Int, at: Int64) async throws(StoreError) {
        try await database.write { session in
            try await session.run("""
                INSERT INTO throttle_events (key, at, subject, weight)
                VALUES (\(key), \(at), \(subject), \(Int64(weight)))
                """)
        }
    }

    public func throttleEvents(key: String, since: Int64) async throws(StoreError) -> [ThrottleEvent] {
        try await database.read { session in try await Self.throttleEvents(session, key: key, since: since) }
    }

    public func throttleEvents(keys: [String], since: Int64) async throws(StoreError) -> [String: [ThrottleEvent]] {
        try await database.read { session in
            let rows = try await session.query("""
                SELECT key, subject, weight, at FROM throttle_events WHERE key = ANY(\(keys)) AND at > \(since)
                ORDER BY key, at, id
                """) { row in
                (key: try row.text(0), event: ThrottleEvent(subject: try row.text(1), weight: try row.int(2),
                                                            at: try row.int64(3)))
            }
            return Dictionary(grouping: rows, by: \.key).mapValues { $0.map(\.event) }
        }
    }

    public func clearThrottleEvents(key: String) async throws(StoreError) {
        try await database.write { session in
            try await session.run("DELETE FROM throttle_events WHERE key = \(key)")
        }
    }

    public func takeThrottleAllowance(key: String, weight: Int, limit: Int, since: Int64, at: Int64)
        async throws(StoreError) -> Bool {
        try await database.write { session in
            try await session.run("INSERT INTO throttle_keys (key) VALUES (\(key)) ON CONFLICT DO NOTHING")
            try await session.run("SELECT 1 FROM throttle_keys WHERE key = \(key) FOR UPDATE")
            let used = try await Self.throttleEvents(session, key: key, since: since).reduce(0) { $0 + $1.weight }
            guard used + weight <= limit else { return false }
            try await session.run("""
                INSERT INTO throttle_events (key, at, subject, weight) VALUES (\(key), \(at), '', \(Int64(weight)))
                """)
            return true
        }
    }

    public func pruneThrottleEvents(before: Int64) async throws(StoreError) -> Int {
        try await database.write { session in
            let pruned = try await session.run("DELETE FROM throttle_events WHERE at <= \(before) RETURNING 1")
            try await session.run("""
                DELETE FROM throttle_keys AS k
                WHERE NOT EXISTS (SELECT 1 FROM throttle_events AS e WHERE e.key = k.key)
                """)
            return pruned
        }
    }

    private static func throttleEvents(_ session: PostgresSession, key: String, since: Int64) async throws
        -> [ThrottleEvent] {
        try await session.query("""
            SELECT subject, weight, at FROM throttle_events WHERE key = \(key) AND at > \(since) ORDER BY at, id
            """) { row in ThrottleEvent(subject: try row.text(0), weight: try row.int(1), at: try row.int64(2)) }
    }
}
