import CalendarStore

/// The users' preferences, a JSON document per user in `user_settings.preferences`; see
/// `SchemaMigrations.version12`. The store keeps the text as given and never reads into it.
extension SQLiteStore {
    public func userPreferences(userID: Int64) async throws(StoreError) -> String? {
        try await pool.read { db in
            // No row and a NULL column both mean none stored.
            try db.queryFirst("SELECT preferences FROM user_settings WHERE user_id = \(userID)") {
                $0.optionalText(0)
            } ?? nil
        }
    }

    public func setUserPreferences(userID: Int64, _ document: String?) async throws(StoreError) {
        try await pool.write { db in
            guard try db.queryFirst("SELECT 1 FROM users WHERE id = \(userID)", { _ in true }) != nil else {
                throw StoreError.notFound
            }
            // The settings row is shared with the free-busy choice: only this column changes.
            try db.run("""
                INSERT INTO user_settings (user_id, preferences) VALUES (\(userID), \(document))
                ON CONFLICT (user_id) DO UPDATE SET preferences = excluded.preferences
                """)
        }
    }
}
