import CalendarStore

/// Notices about shared calendars in `share_notices`; see `SchemaMigrations.version7`.
extension SQLiteStore {
    public func putShareNotice(_ notice: NewShareNotice) async throws(StoreError) -> ShareNotice {
        try await pool.write { db in
            guard try Self.userExists(db, notice.userID) else { throw StoreError.notFound }
            // Deleted and inserted, not updated: the new row takes a larger id.
            try db.run("DELETE FROM share_notices WHERE user_id = \(notice.userID) AND uid = \(notice.uid)")
            let now = Self.now()
            let id = try db.queryFirst("""
                INSERT INTO share_notices (user_id, uid, kind, status, calendar_id, owner_id, sharee_id, role,
                    calendar_name, created_at)
                VALUES (\(notice.userID), \(notice.uid), \(notice.kind.rawValue), \(notice.status.rawValue),
                    \(notice.calendarID), \(notice.ownerID), \(notice.shareeID), \(notice.role.rawValue),
                    \(notice.calendarName), \(now))
                RETURNING id
                """) { $0.int64(0) } ?? 0
            return ShareNotice(id: id, userID: notice.userID, uid: notice.uid, kind: notice.kind, status: notice.status,
                               calendarID: notice.calendarID, ownerID: notice.ownerID, shareeID: notice.shareeID,
                               role: notice.role, calendarName: notice.calendarName, createdAt: now)
        }
    }

    public func shareNotices(userID: Int64) async throws(StoreError) -> [ShareNotice] {
        try await pool.read { db in
            try db.query("""
                SELECT id, user_id, uid, kind, status, calendar_id, owner_id, sharee_id, role, calendar_name, created_at
                FROM share_notices WHERE user_id = \(userID) ORDER BY id
                """) { row in
                ShareNotice(id: row.int64(0), userID: row.int64(1), uid: row.text(2),
                            kind: ShareNotice.Kind(rawValue: row.text(3)) ?? .invitation,
                            status: ShareNotice.Status(rawValue: row.text(4)) ?? .removed,
                            calendarID: row.int64(5), ownerID: row.int64(6), shareeID: row.int64(7),
                            role: Self.decodeRole(row.text(8)), calendarName: row.text(9), createdAt: row.int64(10))
            }
        }
    }

    public func deleteShareNotice(userID: Int64, uid: String) async throws(StoreError) {
        try await pool.write { db in
            guard try db.run("DELETE FROM share_notices WHERE user_id = \(userID) AND uid = \(uid)") == 1 else {
                throw StoreError.notFound
            }
        }
    }
}
