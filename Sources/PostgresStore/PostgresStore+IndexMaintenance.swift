import CalendarStore

extension PostgresStore {
    public func objectsToReindex(expandedBefore: Int64, limit: Int) async throws(StoreError) -> [ReindexCandidate] {
        // `objects_by_expansion` holds (expanded_until, calendar_id, name) for rows that have a value: the scan
        // reads the answer in order and stops at `limit`.
        try await database.read { session in
            try await session.query("""
                SELECT calendar_id, name, etag, data, expanded_until FROM objects
                WHERE expanded_until < \(expandedBefore)
                ORDER BY expanded_until, calendar_id, name LIMIT \(Int64(max(0, limit)))
                """) { row in
                ReindexCandidate(calendarID: try row.int64(0), name: try row.text(1), etag: ETag(value: try row.text(2)),
                                 data: try row.bytes(3), expandedUntil: try row.int64(4))
            }
        }
    }

    public func updateIndex(calendarID: Int64, name: String, etag: ETag, index: ObjectIndex) async throws(StoreError)
        -> Bool {
        try index.validate(name: name)
        let instances = InstanceBlob.encode(index.instances)
        return try await database.write { session in
            guard let home = try await Self.lockCalendar(session, calendarID),
                  let objectID = try await session.queryFirst("""
                      SELECT id FROM objects
                      WHERE home_id = \(home) AND calendar_id = \(calendarID) AND name = \(name) AND etag = \(etag.value)
                      FOR UPDATE
                      """, { try $0.int64(0) }) else { return false }
            let text = index.text
            // The content did not change: no revision, no change-log row, same bytes and ETag. The Schedule-Tag is
            // not part of what re-indexing computes, so the stored one is kept whatever `index.scheduleTag` says.
            try await session.run("""
                UPDATE objects SET uid = \(index.uid), component_type = \(index.componentType),
                    first_start = \(index.firstStart)::bigint, last_end = \(index.lastEnd)::bigint,
                    horizon = \(index.horizon)::bigint, instances = \(instances.bytea),
                    expanded_until = \(index.expandedUntil)::bigint, is_exact = \(index.isExact),
                    summary = \(text.summary), description = \(text.description), location = \(text.location),
                    attendees = \(text.attendees)
                WHERE home_id = \(home) AND id = \(objectID)
                """)
            try await Self.replaceInstances(session, home: home, calendarID: calendarID, objectID: objectID,
                                            index.instances, hadRows: true)
            return true
        }
    }
}
