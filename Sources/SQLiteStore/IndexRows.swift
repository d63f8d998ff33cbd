import CalendarStore

/// The rows that index an object besides its own: one `instances` row per materialised instance, and the
/// calendar's `max_instance_length`, the lookback of its time-range queries. (The text index follows the `objects`
/// row through triggers; see `SchemaMigrations.version2`.)
enum IndexRows {
    /// Replaces the object's instance rows with `instances`.
    static func replaceInstances(_ db: SQLiteConnection, objectID: Int64, calendarID: Int64,
                                 _ instances: [InstanceInterval], hadRows: Bool) throws {
        if hadRows { try db.run("DELETE FROM instances WHERE object_id = \(objectID)") }
        for instance in instances {
            try db.run("""
                INSERT INTO instances (object_id, calendar_id, start_time, end_time)
                VALUES (\(objectID), \(calendarID), \(instance.start), \(instance.end))
                """)
        }
        try widenMaxInstanceLength(db, calendarID: calendarID, instances)
    }

    /// Keeps the calendar's longest instance length an upper bound. It never shrinks: a stale larger bound only
    /// widens the lookback, it never loses a candidate.
    static func widenMaxInstanceLength(_ db: SQLiteConnection, calendarID: Int64,
                                       _ instances: [InstanceInterval]) throws {
        let longest = instances.map { $0.end.subtractingReportingOverflow($0.start) }
            .map { $0.overflow ? Int64.max : $0.partialValue }.max() ?? 0
        guard longest > 0 else { return }
        try db.run("""
            UPDATE calendars SET max_instance_length = max(max_instance_length, \(longest))
            WHERE id = \(calendarID) AND max_instance_length < \(longest)
            """)
    }
}
