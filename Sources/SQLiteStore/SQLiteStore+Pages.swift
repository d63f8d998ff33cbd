import CalendarStore

extension SQLiteStore {
    public func objects(calendarID: Int64, after: String?, limit: Int) async throws(StoreError) -> [CalendarObjectRecord] {
        try await pool.read { db in
            try db.query(ObjectRow.select + """
                 WHERE calendar_id = \(calendarID) AND name > \(after ?? "") ORDER BY name LIMIT \(max(0, limit))
                """, ObjectRow.decodeRecord)
        }
    }

    public func objectSummaries(calendarID: Int64, after: String?, limit: Int) async throws(StoreError)
        -> [CalendarObjectSummary] {
        try await pool.read { db in
            try db.query("""
                SELECT name, etag, size, component_type, modified_at, created_at, schedule_tag FROM objects
                WHERE calendar_id = \(calendarID) AND name > \(after ?? "") ORDER BY name LIMIT \(max(0, limit))
                """) { row in
                CalendarObjectSummary(name: row.text(0), etag: ETag(value: row.text(1)), size: row.int(2),
                                      componentType: row.text(3), modifiedAt: row.int64(4), createdAt: row.int64(5),
                                      scheduleTag: row.optionalText(6))
            }
        }
    }
}
