import CalendarStore

/// Throttle events in `throttle_events`; see `SchemaMigrations.version9`.
extension SQLiteStore {
    public func recordThrottleEvent(key: String, subject: String, weight: Int, at: Int64) async throws(StoreError) {
        try await pool.write { db in
            try db.run("""
                INSERT INTO throttle_events (key, at, subject, weight) VALUES (\(key), \(at), \(subject), \(weight))
                """)
        }
    }

    public func throttleEvents(key: String, since: Int64) async throws(StoreError) -> [ThrottleEvent] {
        try await pool.read { db in try Self.throttleEvents(db, key: key, since: since) }
    }

    public func throttleEvents(keys: [String], since: Int64) async throws(StoreError) -> [String: [ThrottleEvent]] {
        try await pool.read { db in
            let rows = try db.query("""
                SELECT key, subject, weight, at FROM throttle_events WHERE key IN (\(list: keys)) AND at > \(since)
                ORDER BY key, at, id
                """) { row in
                (key: row.text(0), event: ThrottleEvent(subject: row.text(1), weight: row.int(2), at: row.int64(3)))
            }
            return Dictionary(grouping: rows, by: \.key).mapValues { $0.map(\.event) }
        }
    }

    public func clearThrottleEvents(key: String) async throws(StoreError) {
        try await pool.write { db in try db.run("DELETE FROM throttle_events WHERE key = \(key)") }
    }

    public func takeThrottleAllowance(key: String, weight: Int, limit: Int, since: Int64, at: Int64)
        async throws(StoreError) -> Bool {
        // The single writer makes the sum and the insert one step.
        try await pool.write { db in
            let used = try Self.throttleEvents(db, key: key, since: since).reduce(0) { $0 + $1.weight }
            guard used + weight <= limit else { return false }
            try db.run("INSERT INTO throttle_events (key, at, subject, weight) VALUES (\(key), \(at), '', \(weight))")
            return true
        }
    }

    public func pruneThrottleEvents(before: Int64) async throws(StoreError) -> Int {
        try await pool.write { db in try db.run("DELETE FROM throttle_events WHERE at <= \(before)") }
    }

    private static func throttleEvents(_ db: SQLiteConnection, key: String, since: Int64) throws -> [ThrottleEvent] {
        try db.query("""
            SELECT subject, weight, at FROM throttle_events WHERE key = \(key) AND at > \(since) ORDER BY at, id
            """) { row in ThrottleEvent(subject: row.text(0), weight: row.int(1), at: row.int64(2)) }
    }
}
