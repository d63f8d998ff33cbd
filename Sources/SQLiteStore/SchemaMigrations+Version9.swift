extension SchemaMigrations {
    /// Throttle events (login failures, the scheduling rate limit), kept in the store so every process on the
    /// database counts the same failures and the same allowance, and a restart forgives nothing.
    ///
    /// - `throttle_events`: one row per event; `throttle_events_by_key` answers "this key's events since t" in
    ///   time order, `throttle_events_by_time` the hourly prune of old events of every key.
    static let version9 = """
        CREATE TABLE throttle_events (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL,
            at INTEGER NOT NULL,
            subject TEXT NOT NULL,
            weight INTEGER NOT NULL
        );
        CREATE INDEX throttle_events_by_key ON throttle_events(key, at, id);
        CREATE INDEX throttle_events_by_time ON throttle_events(at);
        """
}
