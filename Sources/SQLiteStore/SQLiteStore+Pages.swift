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
            try db.query(SummaryRow.select + """
                 WHERE calendar_id = \(calendarID) AND name > \(after ?? "") ORDER BY name LIMIT \(max(0, limit))
                """, SummaryRow.decode)
        }
    }
}
