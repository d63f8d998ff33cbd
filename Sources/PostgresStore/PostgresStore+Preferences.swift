import CalendarStore

/// The users' preferences, a JSON document per user in `user_settings.preferences`; see `PostgresSchema.version5`.
/// The store keeps the text as given and never reads into it.
extension PostgresStore {
    public func userPreferences(userID: Int64) async throws(StoreError) -> String? {
        try await database.read { session in
            // No row and a NULL column both mean none stored.
            try await session.queryFirst("SELECT preferences FROM user_settings WHERE user_id = \(userID)") {
                try $0.optionalText(0)
            } ?? nil
        }
    }

    public func setUserPreferences(userID: Int64, _ document: String?) async throws(StoreError) {
        try await database.write { session in
            // KEY SHARE, as the foreign key would take: a concurrent deleteUser waits instead of failing the insert.
            guard try await Self.keyShare(.user(userID), session) else { throw StoreError.notFound }
            // The settings row is shared with the free-busy choice: only this column changes.
            try await session.run("""
                INSERT INTO user_settings (user_id, preferences) VALUES (\(userID), \(document)::text)
                ON CONFLICT (user_id) DO UPDATE SET preferences = excluded.preferences
                """)
        }
    }
}
