import CalendarStore

extension PostgresStore {
    public func object(calendarID: Int64, name: String) async throws(StoreError) -> CalendarObjectRecord? {
        try await database.read { session in
            guard let home = try await self.homes.home(of: calendarID, session) else { return nil }
            return try await session.queryFirst(ObjectRow.select + """
                 WHERE home_id = \(home) AND calendar_id = \(calendarID) AND name = \(name)
                """, ObjectRow.decodeRecord)
        }
    }

    public func objects(calendarID: Int64, names: [String]) async throws(StoreError) -> [CalendarObjectRecord] {
        try await rows(calendarID: calendarID, named: names, select: ObjectRow.select, decode: ObjectRow.decodeRecord,
                       name: \.name)
    }

    public func objects(calendarID: Int64) async throws(StoreError) -> [CalendarObjectRecord] {
        try await database.read { session in
            guard let home = try await self.homes.home(of: calendarID, session) else { return [] }
            return try await session.query(ObjectRow.select + """
                 WHERE home_id = \(home) AND calendar_id = \(calendarID) ORDER BY name
                """, ObjectRow.decodeRecord)
        }
    }

    public func objectSummaries(calendarID: Int64) async throws(StoreError) -> [CalendarObjectSummary] {
        try await database.read { session in
            guard let home = try await self.homes.home(of: calendarID, session) else { return [] }
            return try await session.query(SummaryRow.select + """
                 WHERE home_id = \(home) AND calendar_id = \(calendarID) ORDER BY name
                """, SummaryRow.decode)
        }
    }

    public func objectSummaries(calendarID: Int64, names: [String]) async throws(StoreError) -> [CalendarObjectSummary] {
        try await rows(calendarID: calendarID, named: names, select: SummaryRow.select, decode: SummaryRow.decode,
                       name: \.name)
    }

    /// The rows of the named objects that exist, in the order of `names`: one statement with the names as an array
    /// parameter, whatever their number.
    private func rows<Row: Sendable>(calendarID: Int64, named names: [String], select: SQL,
                                     decode: @escaping @Sendable (ResultRow) throws -> Row,
                                     name: KeyPath<Row, String>) async throws(StoreError) -> [Row] {
        guard !names.isEmpty else { return [] }
        let found = try await database.read { session -> [Row] in
            guard let home = try await self.homes.home(of: calendarID, session) else { return [] }
            return try await session.query(select + """
                 WHERE home_id = \(home) AND calendar_id = \(calendarID) AND name = ANY(\(names))
                """, decode)
        }
        let byName = Dictionary(found.map { ($0[keyPath: name], $0) }, uniquingKeysWith: { first, _ in first })
        return names.compactMap { byName[$0] }
    }

    public func object(calendarID: Int64, uid: String) async throws(StoreError) -> CalendarObjectRecord? {
        try await database.read { session in
            guard let home = try await self.homes.home(of: calendarID, session) else { return nil }
            return try await session.queryFirst(ObjectRow.select + """
                 WHERE home_id = \(home) AND calendar_id = \(calendarID) AND uid = \(uid)
                """, ObjectRow.decodeRecord)
        }
    }

    public func objects(ownerID: Int64, uid: String) async throws(StoreError) -> [CalendarObjectRecord] {
        // `objects_by_uid` on (home_id, uid): one home, whatever its number of calendars and objects.
        try await database.read { session in
            try await session.query(ObjectRow.select + """
                 WHERE home_id = \(ownerID) AND uid = \(uid) ORDER BY calendar_id, name
                """, ObjectRow.decodeRecord)
        }
    }

    public func objects(calendarID: Int64, matching query: ObjectQuery, after: String?, limit: Int?)
        async throws(StoreError) -> [CalendarObjectRecord] {
        try await database.read { session in
            guard let calendar = try await session.queryFirst("""
                SELECT owner_id, max_instance_length FROM calendars WHERE id = \(calendarID)
                """, { (home: try $0.int64(0), maxLength: try $0.int64(1)) }) else { return [] }
            let sql = CandidateQuery.sql(home: calendar.home, calendarID: calendarID, query: query, after: after,
                                         limit: limit, maxInstanceLength: calendar.maxLength)
            return try await session.query(sql, ObjectRow.decodeRecord)
        }
    }

    public func objects(calendarID: Int64, after: String?, limit: Int) async throws(StoreError)
        -> [CalendarObjectRecord] {
        try await database.read { session in
            guard let home = try await self.homes.home(of: calendarID, session) else { return [] }
            return try await session.query(ObjectRow.select + """
                 WHERE home_id = \(home) AND calendar_id = \(calendarID) AND name > \(after ?? "")
                ORDER BY name LIMIT \(Int64(max(0, limit)))
                """, ObjectRow.decodeRecord)
        }
    }

    public func objectSummaries(calendarID: Int64, after: String?, limit: Int) async throws(StoreError)
        -> [CalendarObjectSummary] {
        try await database.read { session in
            guard let home = try await self.homes.home(of: calendarID, session) else { return [] }
            return try await session.query(SummaryRow.select + """
                 WHERE home_id = \(home) AND calendar_id = \(calendarID) AND name > \(after ?? "")
                ORDER BY name LIMIT \(Int64(max(0, limit)))
                """, SummaryRow.decode)
        }
    }

    // MARK: Sync

    public func changes(calendarID: Int64, since revision: Int64?, limit: Int?) async throws(StoreError) -> ChangeSet {
        if let limit, limit < 1 { throw .invalidArgument("sync limit must be positive") }
        return try await database.read { session in
            // The revision is read before the log: a write committing in between adds log rows past `current`,
            // which this answer may list and the next sync lists again; none is ever skipped, because revisions
            // commit in the order they are given (`lockCalendar`).
            guard let calendar = try await session.queryFirst("""
                SELECT owner_id, revision FROM calendars WHERE id = \(calendarID)
                """, { (home: try $0.int64(0), revision: try $0.int64(1)) }) else { throw StoreError.notFound }
            let current = calendar.revision
            if let revision, revision < 0 || revision > current { throw StoreError.invalidSyncToken }
            // One row past the limit tells whether the list was cut.
            let fetch: SQL = limit.map { " LIMIT \(Int64($0 + 1))" } ?? ""
            let condition: SQL = revision.map { "revision > \($0) AND revision <= \(current)" }
                ?? "NOT deleted AND revision <= \(current)"
            let rows = try await session.query("""
                SELECT name, deleted, revision FROM changes
                WHERE home_id = \(calendar.home) AND calendar_id = \(calendarID) AND \(fragment: condition)
                ORDER BY revision\(fragment: fetch)
                """) { row in
                (change: ChangeSet.Change(name: try row.text(0), exists: !(try row.bool(1))), revision: try row.int64(2))
            }
            let reported = limit.map { Array(rows.prefix($0)) } ?? rows
            let truncated = reported.count < rows.count
            return ChangeSet(revision: truncated ? reported.last!.revision : current, changes: reported.map(\.change),
                             truncated: truncated)
        }
    }
}
