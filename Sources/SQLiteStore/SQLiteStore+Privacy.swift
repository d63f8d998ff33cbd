import CalendarStore

/// The users' privacy settings in `user_settings`; see `SchemaMigrations.version6`.
extension SQLiteStore {
    public func freeBusyVisibility(userID: Int64) async throws(StoreError) -> FreeBusyVisibility? {
        try await pool.read { db in
            try db.queryFirst("SELECT freebusy_visibility FROM user_settings WHERE user_id = \(userID)") {
                $0.optionalText(0).flatMap(FreeBusyVisibility.init(rawValue:))
            } ?? nil
        }
    }

    public func setFreeBusyVisibility(userID: Int64, _ visibility: FreeBusyVisibility?) async throws(StoreError) {
        try await pool.write { db in
            guard try db.queryFirst("SELECT 1 FROM users WHERE id = \(userID)", { _ in true }) != nil else {
                throw StoreError.notFound
            }
            try db.run("""
                INSERT INTO user_settings (user_id, freebusy_visibility) VALUES (\(userID), \(visibility?.rawValue))
                ON CONFLICT (user_id) DO UPDATE SET freebusy_visibility = excluded.freebusy_visibility
                """)
        }
    }
}
