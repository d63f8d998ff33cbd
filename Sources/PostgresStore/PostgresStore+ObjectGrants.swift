import CalendarStore

/// Objects shared with single users in `object_grants`; see `PostgresSchema.version1`. A delete of the object drops
/// its grants through the table's foreign key; a move (a delete and an insert) carries them in the object writes.
extension PostgresStore {
    public func setObjectGrant(calendarID: Int64, objectName: String, userID: Int64, role: CalendarRole,
                               grantedBy: Int64?) async throws(StoreError) -> ObjectGrant {
        guard ObjectGrant.roles.contains(role) else { throw .invalidArgument("an object is shared to read or write") }
        return try await database.write { session in
            // The calendar's lock, as its object writes take: a move copies the object's grants and re-inserts them,
            // so a grant set or revoked while it runs would be lost or brought back.
            guard let home = try await Self.lockCalendar(session, calendarID),
                  try await session.exists("""
                      SELECT 1 FROM objects
                      WHERE home_id = \(home) AND calendar_id = \(calendarID) AND name = \(objectName)
                      """),
                  try await Self.keyShare(.user(userID), session) else { throw StoreError.notFound }
            if let grantedBy, try await !Self.userExists(grantedBy, session) { throw StoreError.notFound }
            guard userID != home else { throw StoreError.invalidArgument("an object is not shared with its owner") }
            let now = Self.now()
            let createdAt = try await session.queryFirst("""
                INSERT INTO object_grants (home_id, calendar_id, object_name, user_id, role, granted_by, created_at)
                VALUES (\(home), \(calendarID), \(objectName), \(userID), \(role.rawValue), \(grantedBy)::bigint,
                        \(now))
                ON CONFLICT (home_id, calendar_id, object_name, user_id) DO UPDATE SET role = excluded.role,
                    granted_by = excluded.granted_by
                RETURNING created_at
                """) { try $0.int64(0) } ?? now
            return ObjectGrant(calendarID: calendarID, objectName: objectName, userID: userID, role: role,
                               grantedBy: grantedBy, createdAt: createdAt)
        }
    }

    public func revokeObjectGrant(calendarID: Int64, objectName: String, userID: Int64) async throws(StoreError) {
        try await database.write { session in
            guard let home = try await Self.lockCalendar(session, calendarID),
                  try await session.run("""
                      DELETE FROM object_grants
                      WHERE home_id = \(home) AND calendar_id = \(calendarID) AND object_name = \(objectName)
                          AND user_id = \(userID)
                      RETURNING 1
                      """) == 1 else { throw StoreError.notFound }
        }
    }

    public func objectGrants(calendarID: Int64, objectName: String) async throws(StoreError) -> [ObjectGrant] {
        try await database.read { session in
            guard let home = try await self.homes.home(of: calendarID, session) else { return [] }
            return try await session.query(Self.objectGrantQuery(where: """
                home_id = \(home) AND calendar_id = \(calendarID) AND object_name = \(objectName) ORDER BY user_id
                """), Self.decodeObjectGrant)
        }
    }

    public func objectGrants(userID: Int64) async throws(StoreError) -> [ObjectGrant] {
        try await database.read { session in
            // `object_grants_by_user` yields them in this order.
            try await session.query(Self.objectGrantQuery(where: """
                user_id = \(userID) ORDER BY calendar_id, object_name
                """), Self.decodeObjectGrant)
        }
    }

    // MARK: Helpers

    static func objectGrantQuery(where condition: SQL) -> SQL {
        "SELECT calendar_id, object_name, user_id, role, granted_by, created_at FROM object_grants WHERE " + condition
    }

    static func decodeObjectGrant(_ row: ResultRow) throws -> ObjectGrant {
        ObjectGrant(calendarID: try row.int64(0), objectName: try row.text(1), userID: try row.int64(2),
                    role: decodeRole(try row.text(3)), grantedBy: try row.optionalInt64(4),
                    createdAt: try row.int64(5))
    }
}
