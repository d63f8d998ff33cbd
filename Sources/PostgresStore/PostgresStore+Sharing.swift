import CalendarStore

/// Calendar grants and sharee presentations in `calendar_user_grants`, `calendar_group_grants` and
/// `sharee_presentations`; see `PostgresSchema.version1`. The grant tables lead their keys with the calendar's home,
/// so every query of one calendar's grants names it; the queries by grantee use the tables' by-user and by-group
/// indexes.
extension PostgresStore {
    public func setGrant(calendarID: Int64, grantee: Grantee, role: CalendarRole, state: ShareState, grantedBy: Int64?)
        async throws(StoreError) -> CalendarGrant {
        try await database.write { session in
            guard let home = try await Self.keyShareCalendar(calendarID, session),
                  try await Self.keyShare(grantee, session) else { throw StoreError.notFound }
            // `granted_by` has no foreign key (the id outlives its user), so a plain check is all it needs.
            if let grantedBy, try await !Self.userExists(grantedBy, session) { throw StoreError.notFound }
            guard grantee != .user(home) else {
                throw StoreError.invalidArgument("a calendar is not shared with its owner")
            }
            let table = GrantTable(grantee)
            let now = Self.now()
            // On conflict the row keeps its created_at, which RETURNING then reads.
            let createdAt = try await session.queryFirst("""
                INSERT INTO \(fragment: table.name) (home_id, calendar_id, \(fragment: table.column), role, state,
                                                    granted_by, created_at, updated_at)
                VALUES (\(home), \(calendarID), \(table.granteeID), \(role.rawValue), \(state.rawValue),
                        \(grantedBy)::bigint, \(now), \(now))
                ON CONFLICT (home_id, calendar_id, \(fragment: table.column)) DO UPDATE SET role = excluded.role,
                    state = excluded.state, granted_by = excluded.granted_by, updated_at = excluded.updated_at
                RETURNING created_at
                """) { try $0.int64(0) } ?? now
            return CalendarGrant(calendarID: calendarID, grantee: grantee, role: role, state: state,
                                 grantedBy: grantedBy, createdAt: createdAt, updatedAt: now)
        }
    }

    public func grants(calendarID: Int64) async throws(StoreError) -> [CalendarGrant] {
        try await database.read { session in
            guard let home = try await self.homes.home(of: calendarID, session) else { return [] }
            // The first column says which table a row comes from: false (users) sorts before true (groups).
            return try await session.query("""
                SELECT false, user_id, role, state, granted_by, created_at, updated_at FROM calendar_user_grants
                WHERE home_id = \(home) AND calendar_id = \(calendarID)
                UNION ALL
                SELECT true, group_id, role, state, granted_by, created_at, updated_at FROM calendar_group_grants
                WHERE home_id = \(home) AND calendar_id = \(calendarID)
                ORDER BY 1, 2
                """) { row in
                let granteeID = try row.int64(1)
                return CalendarGrant(calendarID: calendarID,
                                     grantee: try row.bool(0) ? .group(granteeID) : .user(granteeID),
                                     role: Self.decodeRole(try row.text(2)), state: Self.decodeState(try row.text(3)),
                                     grantedBy: try row.optionalInt64(4), createdAt: try row.int64(5),
                                     updatedAt: try row.int64(6))
            }
        }
    }

    public func revokeGrant(calendarID: Int64, grantee: Grantee) async throws(StoreError) {
        let table = GrantTable(grantee)
        try await database.write { session in
            guard let home = try await self.homes.home(of: calendarID, session),
                  try await session.run("""
                      DELETE FROM \(fragment: table.name)
                      WHERE home_id = \(home) AND calendar_id = \(calendarID)
                          AND \(fragment: table.column) = \(table.granteeID)
                      RETURNING 1
                      """) == 1 else { throw StoreError.notFound }
        }
    }

    public func effectiveRole(calendarID: Int64, userID: Int64) async throws(StoreError) -> CalendarRole? {
        try await database.read { session in
            // The home is usually known already (`CalendarHomes`), so this is one statement per request.
            guard let home = try await self.homes.home(of: calendarID, session) else { return nil }
            return try await session.query(Self.effectiveRoleQuery(home: home, calendarID: calendarID,
                                                                   userID: userID)) {
                Self.decodeRole(try $0.text(0))
            }.max()
        }
    }

    /// The roles of the accepted grants that reach the user, in one statement: the key search of the user's own
    /// grant, then the user's groups from `group_members_by_user`, each with a key search of the calendar's grant to
    /// it. Nothing walks the calendar's other grants.
    static func effectiveRoleQuery(home: Int64, calendarID: Int64, userID: Int64) -> SQL {
        """
        SELECT role FROM calendar_user_grants
        WHERE home_id = \(home) AND calendar_id = \(calendarID) AND user_id = \(userID) AND state = 'accepted'
        UNION ALL
        SELECT g.role FROM group_members AS m
        JOIN calendar_group_grants AS g
            ON g.home_id = \(home) AND g.calendar_id = \(calendarID) AND g.group_id = m.group_id
        WHERE m.user_id = \(userID) AND g.state = 'accepted'
        """
    }

    public func sharedCalendars(userID: Int64) async throws(StoreError) -> [SharedCalendar] {
        try await database.read { session in
            let reaching = try await session.query(Self.reachingGrantsQuery(userID: userID)) { row in
                (calendarID: try row.int64(0), role: Self.decodeRole(try row.text(1)),
                 state: Self.decodeState(try row.text(2)))
            }
            guard !reaching.isEmpty else { return [] }
            let calendarIDs = Array(Set(reaching.map(\.calendarID)))
            // Each statement sees the latest commits: a calendar deleted since the first one is simply not listed.
            let calendars = try await Self.loadCalendars(session, where: """
                id = ANY(\(calendarIDs)) AND owner_id <> \(userID)
                """, orderBy: " ORDER BY id")
            let presentations = try await session.query("""
                SELECT calendar_id, display_name, color FROM sharee_presentations
                WHERE user_id = \(userID) AND calendar_id = ANY(\(calendarIDs))
                """) { row in
                ShareePresentation(calendarID: try row.int64(0), userID: userID,
                                   displayName: try row.optionalText(1), color: try row.optionalText(2))
            }
            let byCalendar = Dictionary(grouping: reaching, by: \.calendarID)
            let presentationByCalendar = Dictionary(uniqueKeysWithValues: presentations.map { ($0.calendarID, $0) })
            return calendars.compactMap { calendar in
                SharedCalendar(calendar: calendar,
                               reaching: (byCalendar[calendar.id] ?? []).map { ($0.role, $0.state) },
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
        try await database.write { session in
            guard try await Self.keyShareCalendar(calendarID, session) != nil,
                  try await Self.keyShare(.user(userID), session) else { throw StoreError.notFound }
            guard displayName != nil || color != nil else {
                try await session.run("""
                    DELETE FROM sharee_presentations WHERE user_id = \(userID) AND calendar_id = \(calendarID)
                    """)
                return
            }
            try await session.run("""
                INSERT INTO sharee_presentations (user_id, calendar_id, display_name, color)
                VALUES (\(userID), \(calendarID), \(displayName)::text, \(color)::text)
                ON CONFLICT (user_id, calendar_id) DO UPDATE SET display_name = excluded.display_name,
                    color = excluded.color
                """)
        }
    }

    public func shareePresentation(calendarID: Int64, userID: Int64) async throws(StoreError) -> ShareePresentation? {
        try await database.read { session in
            try await session.queryFirst("""
                SELECT display_name, color FROM sharee_presentations
                WHERE user_id = \(userID) AND calendar_id = \(calendarID)
                """) { row in
                ShareePresentation(calendarID: calendarID, userID: userID, displayName: try row.optionalText(0),
                                   color: try row.optionalText(1))
            }
        }
    }

    // MARK: Helpers

    /// The calendar's home, with its row locked FOR KEY SHARE until the transaction ends; nil when the calendar does
    /// not exist. That is the lock the foreign key of the insert that follows would take anyway, taken before the
    /// checks: a concurrent delete of the calendar waits for this transaction instead of turning a checked insert
    /// into a foreign-key failure. Not `CalendarHomes`: its map may still name a deleted calendar.
    static func keyShareCalendar(_ calendarID: Int64, _ session: PostgresSession) async throws -> Int64? {
        try await session.queryFirst("SELECT owner_id FROM calendars WHERE id = \(calendarID) FOR KEY SHARE") {
            try $0.int64(0)
        }
    }

    /// Whether the grantee exists, its row locked FOR KEY SHARE as `keyShareCalendar` locks the calendar's.
    static func keyShare(_ grantee: Grantee, _ session: PostgresSession) async throws -> Bool {
        switch grantee {
        case .user(let id): try await session.exists("SELECT 1 FROM users WHERE id = \(id) FOR KEY SHARE")
        case .group(let id): try await session.exists("SELECT 1 FROM user_groups WHERE id = \(id) FOR KEY SHARE")
        }
    }

    /// The CHECK constraints admit only the raw values; anything else would give the least.
    static func decodeRole(_ text: String) -> CalendarRole { CalendarRole(rawValue: text) ?? .freeBusy }

    static func decodeState(_ text: String) -> ShareState { ShareState(rawValue: text) ?? .declined }
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
