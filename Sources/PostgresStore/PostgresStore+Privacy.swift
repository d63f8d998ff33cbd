import CalendarStore

/// The users' privacy settings in `user_settings`; see `PostgresSchema.version1`.
extension PostgresStore {
    public func freeBusyVisibility(userID: Int64) async throws(StoreError) -> FreeBusyVisibility? {
        try await database.read { session in
            // No row and a NULL column both mean no choice made.
            try await session.queryFirst("SELECT freebusy_visibility FROM user_settings WHERE user_id = \(userID)") {
                try $0.optionalText(0).flatMap(FreeBusyVisibility.init(rawValue:))
            } ?? nil
        }
    }

    public func setFreeBusyVisibility(userID: Int64, _ visibility: FreeBusyVisibility?) async throws(StoreError) {
        try await database.write { session in
            // KEY SHARE, as the foreign key would take: a concurrent deleteUser waits instead of failing the insert.
            guard try await Self.keyShare(.user(userID), session) else { throw StoreError.notFound }
            try await session.run("""
                INSERT INTO user_settings (user_id, freebusy_visibility)
                VALUES (\(userID), \(visibility?.rawValue)::text)
                ON CONFLICT (user_id) DO UPDATE SET freebusy_visibility = excluded.freebusy_visibility
                """)
        }
    }
}
