import CalendarStore

extension SQLiteStore {
    public func object(calendarID: Int64, name: String) async throws(StoreError) -> CalendarObjectRecord? {
        try await pool.read { db in
            try db.queryFirst(ObjectRow.select + " WHERE calendar_id = \(calendarID) AND name = \(name)",
                              ObjectRow.decodeRecord)
        }
    }

    public func objects(calendarID: Int64, names: [String]) async throws(StoreError) -> [CalendarObjectRecord] {
        try await rows(calendarID: calendarID, named: names, select: ObjectRow.select, decode: ObjectRow.decodeRecord,
                       name: \.name)
    }

    public func objects(calendarID: Int64) async throws(StoreError) -> [CalendarObjectRecord] {
        try await pool.read { db in
            try db.query(ObjectRow.select + " WHERE calendar_id = \(calendarID) ORDER BY name", ObjectRow.decodeRecord)
        }
    }

    public func objectSummaries(calendarID: Int64) async throws(StoreError) -> [CalendarObjectSummary] {
        try await pool.read { db in
            try db.query(SummaryRow.select + " WHERE calendar_id = \(calendarID) ORDER BY name", SummaryRow.decode)
        }
    }

    public func objectSummaries(calendarID: Int64, names: [String]) async throws(StoreError) -> [CalendarObjectSummary] {
        try await rows(calendarID: calendarID, named: names, select: SummaryRow.select, decode: SummaryRow.decode,
                       name: \.name)
    }

    /// The rows of the named objects that exist, in the order of `names`.
    private func rows<Row: Sendable>(calendarID: Int64, named names: [String], select: SQL,
                                     decode: @escaping @Sendable (SQLiteRow) -> Row,
                                     name: KeyPath<Row, String> & Sendable) async throws(StoreError) -> [Row] {
        guard !names.isEmpty else { return [] }
        let found = try await pool.read { db in
            // Chunks keep each statement well under SQLite's limit on bind parameters.
            try stride(from: 0, to: names.count, by: 500).flatMap { offset in
                let chunk = Array(names[offset..<min(offset + 500, names.count)])
                return try db.query(select + " WHERE calendar_id = \(calendarID) AND name IN (\(list: chunk))", decode)
            }
        }
        let byName = Dictionary(found.map { ($0[keyPath: name], $0) }, uniquingKeysWith: { first, _ in first })
        return names.compactMap { byName[$0] }
    }

    public func object(calendarID: Int64, uid: String) async throws(StoreError) -> CalendarObjectRecord? {
        try await pool.read { db in
            try db.queryFirst(ObjectRow.select + " WHERE calendar_id = \(calendarID) AND uid = \(uid)",
                              ObjectRow.decodeRecord)
        }
    }

    public func objects(calendarID: Int64, matching query: ObjectQuery, after: String?, limit: Int?)
        async throws(StoreError) -> [CalendarObjectRecord] {
        try await pool.read { db in
            guard let maxLength = try db.queryFirst("""
                SELECT max_instance_length FROM calendars WHERE id = \(calendarID)
                """, { $0.int64(0) }) else { return [] }
            let sql = CandidateQuery.sql(calendarID: calendarID, query: query, after: after, limit: limit,
                                         maxInstanceLength: maxLength)
            return CandidateQuery.inNameOrder(try db.query(sql, ObjectRow.decodeRecord))
        }
    }

    // MARK: Sync

    public func changes(calendarID: Int64, since revision: Int64?, limit: Int?) async throws(StoreError) -> ChangeSet {
        if let limit, limit < 1 { throw .invalidArgument("sync limit must be positive") }
        return try await pool.read { db in
            guard let current = try db.queryFirst("SELECT revision FROM calendars WHERE id = \(calendarID)", {
                $0.int64(0)
            }) else { throw StoreError.notFound }
            if let revision, revision < 0 || revision > current { throw StoreError.invalidSyncToken }
            // One row past the limit tells whether the list was cut; LIMIT -1 means no limit.
            let fetch = limit.map { $0 + 1 } ?? -1
            let condition: SQL = revision.map { "revision > \($0)" } ?? "deleted = 0"
            let rows = try db.query("""
                SELECT name, deleted, revision FROM changes
                WHERE calendar_id = \(calendarID) AND \(fragment: condition)
                ORDER BY revision LIMIT \(fetch)
                """) { row in (change: ChangeSet.Change(name: row.text(0), exists: !row.bool(1)), revision: row.int64(2)) }
            let reported = limit.map { Array(rows.prefix($0)) } ?? rows
            let truncated = reported.count < rows.count
            return ChangeSet(revision: truncated ? reported.last!.revision : current, changes: reported.map(\.change),
                             truncated: truncated)
        }
    }
}
