import CalendarStore

extension SQLiteStore {
    public func objectsToReindex(expandedBefore: Int64, limit: Int) async throws(StoreError) -> [ReindexCandidate] {
        try await pool.read { db in
            // `objects_by_expansion` holds (expanded_until, calendar_id, name) for rows that have a value: the scan
            // reads the answer in order and stops at `limit`.
            try db.query("""
                SELECT calendar_id, name, etag, data, expanded_until FROM objects
                WHERE expanded_until < \(expandedBefore)
                ORDER BY expanded_until, calendar_id, name LIMIT \(max(0, limit))
                """) { row in
                ReindexCandidate(calendarID: row.int64(0), name: row.text(1), etag: ETag(value: row.text(2)),
                                 data: row.blob(3), expandedUntil: row.int64(4))
            }
        }
    }

    public func updateIndex(calendarID: Int64, name: String, etag: ETag, index: ObjectIndex) async throws(StoreError)
        -> Bool {
        try index.validate(name: name)
        let instances = InstanceBlob.encode(index.instances)
        return try await pool.write { db in
            guard let objectID = try db.queryFirst("""
                SELECT id FROM objects WHERE calendar_id = \(calendarID) AND name = \(name) AND etag = \(etag.value)
                """, { $0.int64(0) }) else { return false }
            let text = index.text
            // The content did not change: no revision, no change-log row, same bytes and ETag. The Schedule-Tag is
            // not part of what re-indexing computes, so the stored one is kept whatever `index.scheduleTag` says.
            try db.run("""
                UPDATE objects SET uid = \(index.uid), component_type = \(index.componentType),
                    first_start = \(index.firstStart), last_end = \(index.lastEnd), horizon = \(index.horizon),
                    instances = \(instances), expanded_until = \(index.expandedUntil), is_exact = \(index.isExact),
                    summary = \(text.summary), description = \(text.description), location = \(text.location),
                    attendees = \(text.attendees), text_indexed = 1
                WHERE id = \(objectID)
                """)
            try IndexRows.replaceInstances(db, objectID: objectID, calendarID: calendarID, index.instances,
                                           hadRows: true)
            return true
        }
    }
}
