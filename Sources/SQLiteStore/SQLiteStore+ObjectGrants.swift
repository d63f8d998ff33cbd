import CalendarStore

/// Objects shared with single users in `object_grants`; see `SchemaMigrations.version5`. Deletes and moves of the
/// object carry its grants through the table's foreign key, so the object writes need no code of their own.
extension SQLiteStore {
    public func setObjectGrant(calendarID: Int64, objectName: String, userID: Int64, role: CalendarRole,
                               grantedBy: Int64?) async throws(StoreError) -> ObjectGrant {
        guard ObjectGrant.roles.contains(role) else { throw .invalidArgument("an object is shared to read or write") }
        return try await pool.write { db in
            guard let ownerID = try Self.ownerID(db, calendarID: calendarID),
                  try db.queryFirst("""
                      SELECT 1 FROM objects WHERE calendar_id = \(calendarID) AND name = \(objectName)
                      """, { _ in true }) != nil,
                  try Self.userExists(db, userID),
                  try grantedBy.map({ granter throws in try Self.userExists(db, granter) }) ?? true else {
                throw StoreError.notFound
            }
            guard userID != ownerID else { throw StoreError.invalidArgument("an object is not shared with its owner") }
            let now = Self.now()
            let createdAt = try db.queryFirst("""
                INSERT INTO object_grants (calendar_id, object_name, user_id, role, granted_by, created_at)
                VALUES (\(calendarID), \(objectName), \(userID), \(role.rawValue), \(grantedBy), \(now))
                ON CONFLICT (calendar_id, object_name, user_id) DO UPDATE SET role = excluded.role,
                    granted_by = excluded.granted_by
                RETURNING created_at
                """) { $0.int64(0) } ?? now
            return ObjectGrant(calendarID: calendarID, objectName: objectName, userID: userID, role: role,
                               grantedBy: grantedBy, createdAt: createdAt)
        }
    }

    public func revokeObjectGrant(calendarID: Int64, objectName: String, userID: Int64) async throws(StoreError) {
        try await pool.write { db in
            guard try db.run("""
                DELETE FROM object_grants
                WHERE calendar_id = \(calendarID) AND object_name = \(objectName) AND user_id = \(userID)
                """) == 1 else { throw StoreError.notFound }
        }
    }

    public func objectGrants(calendarID: Int64, objectName: String) async throws(StoreError) -> [ObjectGrant] {
        try await pool.read { db in
            try db.query(Self.objectGrantQuery + """
                 WHERE calendar_id = \(calendarID) AND object_name = \(objectName) ORDER BY user_id
                """, Self.decodeObjectGrant)
        }
    }

    public func objectGrants(userID: Int64) async throws(StoreError) -> [ObjectGrant] {
        try await pool.read { db in
            try db.query(Self.objectGrantQuery + " WHERE user_id = \(userID) ORDER BY calendar_id, object_name",
                         Self.decodeObjectGrant)
        }
    }

    static let objectGrantQuery: SQL =
        "SELECT calendar_id, object_name, user_id, role, granted_by, created_at FROM object_grants"

    static func decodeObjectGrant(_ row: SQLiteRow) -> ObjectGrant {
        ObjectGrant(calendarID: row.int64(0), objectName: row.text(1), userID: row.int64(2),
                    role: decodeRole(row.text(3)), grantedBy: row.optionalInt64(4), createdAt: row.int64(5))
    }
}
