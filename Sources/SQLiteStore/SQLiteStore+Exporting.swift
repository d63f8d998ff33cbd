import CalendarStore

/// What `almanac migrate` reads besides the contract; see `StoreExporting`.
extension SQLiteStore: StoreExporting {
    public func changeLog(calendarID: Int64) async throws(StoreError) -> [ChangeLogEntry] {
        try await pool.read { db in
            try db.query("""
                SELECT name, revision, deleted FROM changes WHERE calendar_id = \(calendarID) ORDER BY revision, name
                """) { row in
                ChangeLogEntry(calendarID: calendarID, name: row.text(0), revision: row.int64(1), deleted: row.bool(2))
            }
        }
    }

    public func shareePresentations(userID: Int64) async throws(StoreError) -> [ShareePresentation] {
        try await pool.read { db in
            try db.query("""
                SELECT calendar_id, display_name, color FROM sharee_presentations WHERE user_id = \(userID)
                ORDER BY calendar_id
                """) { row in
                ShareePresentation(calendarID: row.int64(0), userID: userID, displayName: row.optionalText(1),
                                   color: row.optionalText(2))
            }
        }
    }

    public func refreshTokens(grantID: Int64) async throws(StoreError) -> [RefreshToken] {
        try await pool.read { db in
            try db.query(Self.refreshTokenQuery + " WHERE grant_id = \(grantID) ORDER BY id", Self.decodeRefreshToken)
        }
    }
}
