import CalendarStore

/// Calendar grants and sharee presentations in `calendar_user_grants`, `calendar_group_grants` and
/// `sharee_presentations`; see `SchemaMigrations.version5`.
extension SQLiteStore {
    public func setGrant(calendarID: Int64, grantee: Grantee, role: CalendarRole, state: ShareState, grantedBy: Int64?)
        async throws(StoreError) -> CalendarGrant {
        try await pool.write { db in
            guard let ownerID = try Self.ownerID(db, calendarID: calendarID), try Self.exists(db, grantee),
                  try grantedBy.map({ userID throws in try Self.userExists(db, userID) }) ?? true else {
                throw StoreError.notFound
            }
            guard grantee != .user(ownerID) else { throw StoreError.invalidArgument("a calendar is not shared with its owner") }
            let table = GrantTable(grantee)
            let now = Self.now()
            // On conflict the row keeps its created_at, which RETURNING then reads.
            let createdAt = try db.queryFirst("""
                INSERT INTO \(fragment: table.name) (calendar_id, \(fragment: table.column), role, state, granted_by,
                                                    created_at, updated_at)
                VALUES (\(calendarID), \(table.granteeID), \(role.rawValue), \(state.rawValue), \(grantedBy), \(now),
                        \(now))
                ON CONFLICT (calendar_id, \(fragment: table.column)) DO UPDATE SET role = excluded.role,
                    state = excluded.state, granted_by = excluded.granted_by, updated_at = excluded.updated_at
                RETURNING created_at
                """) { $0.int64(0) } ?? now
            return CalendarGrant(calendarID: calendarID, grantee: grantee, role: role, state: state,
                                 grantedBy: grantedBy, createdAt: createdAt, updatedAt: now)
        }
    }

    public func grants(calendarID: Int64) async throws(StoreError) -> [CalendarGrant] {
        try await pool.read { db in
            try db.query("""
                SELECT 0, user_id, role, state, granted_by, created_at, updated_at FROM calendar_user_grants
                WHERE calendar_id = \(calendarID)
                UNION ALL
                SELECT 1, group_id, role, state, granted_by, created_at, updated_at FROM calendar_group_grants
                WHERE calendar_id = \(calendarID)
                ORDER BY 1, 2
                """) { row in
                CalendarGrant(calendarID: calendarID,
                              grantee: row.int(0) == 0 ? .user(row.int64(1)) : .group(row.int64(1)),
                              role: Self.decodeRole(row.text(2)), state: Self.decodeState(row.text(3)),
                              grantedBy: row.optionalInt64(4), createdAt: row.int64(5), updatedAt: row.int64(6))
            }
        }
    }

    public func revokeGrant(calendarID: Int64, grantee: Grantee) async throws(StoreError) {
        let table = GrantTable(grantee)
        try await pool.write { db in
            guard try db.run("""
                DELETE FROM \(fragment: table.name)
                WHERE calendar_id = \(calendarID) AND \(fragment: table.column) = \(table.granteeID)
                """) == 1 else { throw StoreError.notFound }
        }
    }

    public func effectiveRole(calendarID: Int64, userID: Int64) async throws(StoreError) -> CalendarRole? {
        try await pool.read { db in
            try db.query(Self.effectiveRoleQuery(calendarID: calendarID, userID: userID)) { Self.decodeRole($0.text(0)) }
                .max()
        }
    }

    /// The roles of the accepted grants that reach the user, in one statement: the key search of the user's own
    /// grant, then the user's groups from `group_members_by_user`, each with a key search of the calendar's grant to
    /// it. Nothing walks the calendar's other grants.
    static func effectiveRoleQuery(calendarID: Int64, userID: Int64) -> SQL {
        """
        SELECT role FROM calendar_user_grants
        WHERE calendar_id = \(calendarID) AND user_id = \(userID) AND state = 'accepted'
        UNION ALL
        SELECT g.role FROM group_members AS m
        JOIN calendar_group_grants AS g ON g.calendar_id = \(calendarID) AND g.group_id = m.group_id
        WHERE m.user_id = \(userID) AND g.state = 'accepted'
        """
    }

    public func sharedCalendars(userID: Int64) async throws(StoreError) -> [SharedCalendar] {
        try await pool.read { db in
            let reaching = try db.query(Self.reachingGrantsQuery(userID: userID)) { row in
                (calendarID: row.int64(0), role: Self.decodeRole(row.text(1)), state: Self.decodeState(row.text(2)))
            }
            guard !reaching.isEmpty else { return [] }
            let calendarIDs = Array(Set(reaching.map(\.calendarID)))
            let calendars = try Self.loadCalendars(db, where: """
                id IN (\(list: calendarIDs)) AND owner_id <> \(userID)
                """, orderBy: " ORDER BY id")
            let presentations = try db.query("""
                SELECT calendar_id, display_name, color FROM sharee_presentations
                WHERE user_id = \(userID) AND calendar_id IN (\(list: calendarIDs))
                """) { row in
                ShareePresentation(calendarID: row.int64(0), userID: userID, displayName: row.optionalText(1),
                                   color: row.optionalText(2))
            }
            let byCalendar = Dictionary(grouping: reaching, by: \.calendarID)
            let presentationByCalendar = Dictionary(uniqueKeysWithValues: presentations.map { ($0.calendarID, $0) })
            return calendars.compactMap { calendar in
                SharedCalendar(calendar: calendar, reaching: (byCalendar[calendar.id] ?? []).map { ($0.role, $0.state) },
                               presentation: presentationByCalendar[calendar.id])
            }
        }
    }

    /// Every grant that reaches the user, in any state: their own from `calendar_user_grants_by_user`, and their
    /// groups' through `group_members_by_user` and `calendar_group_grants_by_group`.
    static func reachingGrantsQuery(userID: Int64) -> SQL {
        """
        SELECT calendar_id, role, state FROM calendar_user_grants WHERE user_id = \(userID)
        UNION ALL
        SELECT g.calendar_id, g.role, g.state FROM group_members AS m
        JOIN calendar_group_grants AS g ON g.group_id = m.group_id
        WHERE m.user_id = \(userID)
        """
    }

    public func setShareePresentation(calendarID: Int64, userID: Int64, displayName: String?, color: String?)
        async throws(StoreError) {
        try await pool.write { db in
            guard try Self.calendarExists(db, calendarID), try Self.userExists(db, userID) else {
                throw StoreError.notFound
            }
            guard displayName != nil || color != nil else {
                try db.run("DELETE FROM sharee_presentations WHERE calendar_id = \(calendarID) AND user_id = \(userID)")
                return
            }
            try db.run("""
                INSERT INTO sharee_presentations (calendar_id, user_id, display_name, color)
                VALUES (\(calendarID), \(userID), \(displayName), \(color))
                ON CONFLICT (calendar_id, user_id) DO UPDATE SET display_name = excluded.display_name,
                    color = excluded.color
                """)
        }
    }

    public func shareePresentation(calendarID: Int64, userID: Int64) async throws(StoreError) -> ShareePresentation? {
        try await pool.read { db in
            try db.queryFirst("""
                SELECT display_name, color FROM sharee_presentations
                WHERE calendar_id = \(calendarID) AND user_id = \(userID)
                """) { row in
                ShareePresentation(calendarID: calendarID, userID: userID, displayName: row.optionalText(0),
                                   color: row.optionalText(1))
            }
        }
    }

    // MARK: Helpers

    static func ownerID(_ db: SQLiteConnection, calendarID: Int64) throws -> Int64? {
        try db.queryFirst("SELECT owner_id FROM calendars WHERE id = \(calendarID)") { $0.int64(0) }
    }

    static func userExists(_ db: SQLiteConnection, _ userID: Int64) throws -> Bool {
        try db.queryFirst("SELECT 1 FROM users WHERE id = \(userID)", { _ in true }) != nil
    }

    private static func exists(_ db: SQLiteConnection, _ grantee: Grantee) throws -> Bool {
        switch grantee {
        case .user(let id): try userExists(db, id)
        case .group(let id): try db.queryFirst("SELECT 1 FROM user_groups WHERE id = \(id)", { _ in true }) != nil
        }
    }

    /// The CHECK constraints admit only the raw values; anything else would give the least.
    static func decodeRole(_ text: String) -> CalendarRole { CalendarRole(rawValue: text) ?? .freeBusy }

    private static func decodeState(_ text: String) -> ShareState { ShareState(rawValue: text) ?? .declined }
}

/// The table that holds grants to one kind of grantee, and the grantee's key column in it. Both names are fixed
/// text of this module, spliced as SQL fragments; the ids are bound.
private struct GrantTable {
    let name: SQL
    let column: SQL
    let granteeID: Int64

    init(_ grantee: Grantee) {
        switch grantee {
        case .user(let id): (name, column, granteeID) = ("calendar_user_grants", "user_id", id)
        case .group(let id): (name, column, granteeID) = ("calendar_group_grants", "group_id", id)
        }
    }
}
