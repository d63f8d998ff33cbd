import CalendarStore

extension SQLiteStore {
    public func putObject(calendarID: Int64, name: String, data: [UInt8], index: ObjectIndex,
                          precondition: WritePrecondition) async throws(StoreError) -> PutResult {
        try index.validate(name: name)
        return try await pool.write { db in
            guard try Self.calendarExists(db, calendarID) else { throw StoreError.notFound }
            let existing = try db.queryFirst("""
                SELECT id, etag, created_at FROM objects WHERE calendar_id = \(calendarID) AND name = \(name)
                """) { row in (id: row.int64(0), etag: ETag(value: row.text(1)), createdAt: row.int64(2)) }
            try precondition.check(currentETag: existing?.etag)
            if let holder = try Self.uidHolder(db, calendarID: calendarID, uid: index.uid, except: existing?.id) {
                throw StoreError.uidConflict(existingName: holder)
            }
            guard let revision = try Self.bumpRevision(db, calendarID: calendarID) else { throw StoreError.notFound }
            let now = Self.now()
            let etag = ETag(of: data)
            let instances = InstanceBlob.encode(index.instances)
            let objectID: Int64
            if let existing {
                objectID = existing.id
                try db.run("""
                    UPDATE objects SET uid = \(index.uid), component_type = \(index.componentType), etag = \(etag.value),
                        data = \(data), size = \(data.count), first_start = \(index.firstStart),
                        last_end = \(index.lastEnd), horizon = \(index.horizon), instances = \(instances),
                        revision = \(revision), modified_at = \(now)
                    WHERE id = \(objectID)
                    """)
                try db.run("DELETE FROM instances WHERE object_id = \(objectID)")
            } else {
                try db.run("""
                    INSERT INTO objects (calendar_id, name, uid, component_type, etag, data, size, first_start,
                                         last_end, horizon, instances, revision, created_at, modified_at)
                    VALUES (\(calendarID), \(name), \(index.uid), \(index.componentType), \(etag.value), \(data),
                            \(data.count), \(index.firstStart), \(index.lastEnd), \(index.horizon), \(instances),
                            \(revision), \(now), \(now))
                    """)
                objectID = db.lastInsertRowID
            }
            try Self.indexInstances(db, objectID: objectID, calendarID: calendarID, index.instances)
            try Self.log(db, calendarID: calendarID, name: name, revision: revision, exists: true)
            let record = CalendarObjectRecord(calendarID: calendarID, name: name, etag: etag, data: data, index: index,
                                              revision: revision, modifiedAt: now,
                                              createdAt: existing?.createdAt ?? now)
            return PutResult(object: record, created: existing == nil)
        }
    }

    public func deleteObject(calendarID: Int64, name: String, ifMatch: ETag?) async throws(StoreError) {
        try await pool.write { db in
            guard let existing = try db.queryFirst("""
                SELECT id, etag FROM objects WHERE calendar_id = \(calendarID) AND name = \(name)
                """, { row in (id: row.int64(0), etag: ETag(value: row.text(1))) }) else { throw StoreError.notFound }
            if let ifMatch, ifMatch != existing.etag { throw StoreError.etagMismatch(current: existing.etag) }
            try Self.remove(db, objectID: existing.id, calendarID: calendarID, name: name)
        }
    }

    public func moveObject(fromCalendarID: Int64, name: String, toCalendarID: Int64, newName: String, overwrite: Bool,
                           ifMatch: ETag?) async throws(StoreError) -> PutResult {
        try await pool.write { db in
            guard let found = try db.queryFirst(
                ObjectRow.select + " WHERE calendar_id = \(fromCalendarID) AND name = \(name)", ObjectRow.decode)
            else { throw StoreError.notFound }
            let (sourceID, source) = found
            if let ifMatch, ifMatch != source.etag { throw StoreError.etagMismatch(current: source.etag) }
            try source.index.validate(name: newName)
            guard fromCalendarID != toCalendarID || name != newName else {
                throw StoreError.invalidArgument("source and destination are the same")
            }
            guard try Self.calendarExists(db, toCalendarID) else { throw StoreError.notFound }
            let replacedID = try db.queryFirst("""
                SELECT id FROM objects WHERE calendar_id = \(toCalendarID) AND name = \(newName)
                """) { $0.int64(0) }
            if replacedID != nil, !overwrite { throw StoreError.alreadyExists }
            // The moved object itself (same calendar) and the object it replaces do not hold the UID afterwards.
            if let holder = try db.queryFirst("""
                SELECT name FROM objects WHERE calendar_id = \(toCalendarID) AND uid = \(source.index.uid)
                    AND id <> \(sourceID) AND id <> \(replacedID ?? -1)
                """, { $0.text(0) }) {
                throw StoreError.uidConflict(existingName: holder)
            }
            if let replacedID { try db.run("DELETE FROM objects WHERE id = \(replacedID)") }
            guard let sourceRevision = try Self.bumpRevision(db, calendarID: fromCalendarID),
                  let revision = try Self.bumpRevision(db, calendarID: toCalendarID) else { throw StoreError.notFound }
            try Self.log(db, calendarID: fromCalendarID, name: name, revision: sourceRevision, exists: false)
            let now = Self.now()
            try db.run("""
                UPDATE objects SET calendar_id = \(toCalendarID), name = \(newName), revision = \(revision),
                    modified_at = \(now)
                WHERE id = \(sourceID)
                """)
            try db.run("UPDATE instances SET calendar_id = \(toCalendarID) WHERE object_id = \(sourceID)")
            try Self.widenMaxInstanceLength(db, calendarID: toCalendarID, source.index.instances)
            try Self.log(db, calendarID: toCalendarID, name: newName, revision: revision, exists: true)
            var moved = source
            moved.calendarID = toCalendarID
            moved.name = newName
            moved.revision = revision
            moved.modifiedAt = now
            return PutResult(object: moved, created: replacedID == nil)
        }
    }

    // MARK: Helpers

    private static func calendarExists(_ db: SQLiteConnection, _ calendarID: Int64) throws -> Bool {
        try db.queryFirst("SELECT 1 FROM calendars WHERE id = \(calendarID)", { _ in true }) != nil
    }

    /// The name of another object of the calendar holding `uid`, if any.
    private static func uidHolder(_ db: SQLiteConnection, calendarID: Int64, uid: String, except objectID: Int64?)
        throws -> String? {
        try db.queryFirst("""
            SELECT name FROM objects WHERE calendar_id = \(calendarID) AND uid = \(uid) AND id <> \(objectID ?? -1)
            """) { $0.text(0) }
    }

    private static func indexInstances(_ db: SQLiteConnection, objectID: Int64, calendarID: Int64,
                                       _ instances: [InstanceInterval]) throws {
        for instance in instances {
            try db.run("""
                INSERT INTO instances (object_id, calendar_id, start_time, end_time)
                VALUES (\(objectID), \(calendarID), \(instance.start), \(instance.end))
                """)
        }
        try widenMaxInstanceLength(db, calendarID: calendarID, instances)
    }

    /// Keeps the calendar's longest instance length, the lookback of its time-range queries, an upper bound.
    /// It never shrinks: a stale larger bound only widens the lookback, it never loses a candidate.
    private static func widenMaxInstanceLength(_ db: SQLiteConnection, calendarID: Int64,
                                               _ instances: [InstanceInterval]) throws {
        let longest = instances.map { $0.end.subtractingReportingOverflow($0.start) }
            .map { $0.overflow ? Int64.max : $0.partialValue }.max() ?? 0
        guard longest > 0 else { return }
        try db.run("""
            UPDATE calendars SET max_instance_length = max(max_instance_length, \(longest)) WHERE id = \(calendarID)
            """)
    }

    private static func remove(_ db: SQLiteConnection, objectID: Int64, calendarID: Int64, name: String) throws {
        try db.run("DELETE FROM objects WHERE id = \(objectID)")
        guard let revision = try bumpRevision(db, calendarID: calendarID) else { throw StoreError.notFound }
        try log(db, calendarID: calendarID, name: name, revision: revision, exists: false)
    }

    /// Records the name's newest change; the log keeps one row per name.
    private static func log(_ db: SQLiteConnection, calendarID: Int64, name: String, revision: Int64, exists: Bool)
        throws {
        try db.run("""
            INSERT INTO changes (calendar_id, name, revision, deleted) VALUES (\(calendarID), \(name), \(revision), \(!exists))
            ON CONFLICT (calendar_id, name) DO UPDATE SET revision = excluded.revision, deleted = excluded.deleted
            """)
    }
}
