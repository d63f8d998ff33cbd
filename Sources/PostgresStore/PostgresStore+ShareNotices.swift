import CalendarStore

/// Notices about shared calendars in `share_notices`; see `PostgresSchema.version1`. A notice names its calendar,
/// owner and sharee without foreign keys to them: a notice that a share ended outlives the calendar.
extension PostgresStore {
    public func putShareNotice(_ notice: NewShareNotice) async throws(StoreError) -> ShareNotice {
        try await database.write { session in
            guard try await Self.keyShare(.user(notice.userID), session) else { throw StoreError.notFound }
            let now = Self.now()
            // One statement, so two nodes writing the same uid at once queue on the (user_id, uid) key instead of
            // both inserting. A replaced notice takes the id the insert drew from the sequence (`excluded.id`),
            // larger than any before it, as a delete and insert would give it.
            let id = try await session.queryFirst("""
                INSERT INTO share_notices (user_id, uid, kind, status, calendar_id, owner_id, sharee_id, role,
                                           calendar_name, created_at)
                VALUES (\(notice.userID), \(notice.uid), \(notice.kind.rawValue), \(notice.status.rawValue),
                        \(notice.calendarID), \(notice.ownerID), \(notice.shareeID), \(notice.role.rawValue),
                        \(notice.calendarName), \(now))
                ON CONFLICT (user_id, uid) DO UPDATE SET id = excluded.id, kind = excluded.kind,
                    status = excluded.status, calendar_id = excluded.calendar_id, owner_id = excluded.owner_id,
                    sharee_id = excluded.sharee_id, role = excluded.role, calendar_name = excluded.calendar_name,
                    created_at = excluded.created_at
                RETURNING id
                """) { try $0.int64(0) }
            guard let id else { throw StoreError.backend("INSERT INTO share_notices returned no id") }
            return ShareNotice(id: id, userID: notice.userID, uid: notice.uid, kind: notice.kind,
                               status: notice.status, calendarID: notice.calendarID, ownerID: notice.ownerID,
                               shareeID: notice.shareeID, role: notice.role, calendarName: notice.calendarName,
                               createdAt: now)
        }
    }

    public func shareNotices(userID: Int64) async throws(StoreError) -> [ShareNotice] {
        try await database.read { session in
            try await session.query("""
                SELECT id, user_id, uid, kind, status, calendar_id, owner_id, sharee_id, role, calendar_name, created_at
                FROM share_notices WHERE user_id = \(userID) ORDER BY id
                """) { row in
                // The CHECK constraints admit only the raw values.
                ShareNotice(id: try row.int64(0), userID: try row.int64(1), uid: try row.text(2),
                            kind: ShareNotice.Kind(rawValue: try row.text(3)) ?? .invitation,
                            status: ShareNotice.Status(rawValue: try row.text(4)) ?? .removed,
                            calendarID: try row.int64(5), ownerID: try row.int64(6), shareeID: try row.int64(7),
                            role: Self.decodeRole(try row.text(8)), calendarName: try row.text(9),
                            createdAt: try row.int64(10))
            }
        }
    }

    public func deleteShareNotice(userID: Int64, uid: String) async throws(StoreError) {
        try await database.write { session in
            guard try await session.run("""
                DELETE FROM share_notices WHERE user_id = \(userID) AND uid = \(uid) RETURNING 1
                """) == 1 else { throw StoreError.notFound }
        }
    }
}
