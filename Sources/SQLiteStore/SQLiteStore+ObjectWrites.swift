import CalendarStore

extension SQLiteStore {
    public func putObject(calendarID: Int64, name: String, data: [UInt8], index: ObjectIndex,
                          precondition: WritePrecondition) async throws(StoreError) -> PutResult {
        let put = try PreparedPut(name: name, data: data, index: index, precondition: precondition)
        return try await pool.write { db in
            guard try Self.calendarExists(db, calendarID) else { throw StoreError.notFound }
            return try Self.write(put, calendarID: calendarID, db)
        }
    }

    public func putObjects(calendarID: Int64, _ writes: [ObjectWrite]) async throws(StoreError)
        -> [Result<PutResult, StoreError>] {
        // Validated and hashed here, so the writer only runs SQL; an invalid write fails alone, as with putObject.
        let prepared = PreparedPut.batch(writes)
        return try await pool.write { db in
            guard try Self.calendarExists(db, calendarID) else { throw StoreError.notFound }
            return try prepared.map { preparation throws -> Result<PutResult, StoreError> in
                let put: PreparedPut
                switch preparation {
                case .success(let prepared): put = prepared
                case .failure(let invalid): return .failure(invalid)
                }
                do {
                    return .success(try db.savepoint { try Self.write(put, calendarID: calendarID, db) })
                } catch let refusal as StoreError {
                    return .failure(refusal)
                }
                // Engine errors propagate: the whole batch is undone and the call throws `backend`.
            }
        }
    }

    /// One put, checked and written as the contract says, in the caller's transaction. The caller checked that
    /// the calendar exists.
    static func write(_ put: PreparedPut, calendarID: Int64, _ db: SQLiteConnection) throws -> PutResult {
        let existing = try db.queryFirst("""
            SELECT id, etag, created_at, schedule_tag FROM objects
            WHERE calendar_id = \(calendarID) AND name = \(put.name)
            """) { row in
            (id: row.int64(0), etag: ETag(value: row.text(1)), createdAt: row.int64(2), scheduleTag: row.optionalText(3))
        }
        try put.precondition.check(currentETag: existing?.etag, currentScheduleTag: existing?.scheduleTag)
        let index = put.index
        if let holder = try uidHolder(db, calendarID: calendarID, uid: index.uid, except: existing?.id) {
            throw StoreError.uidConflict(existingName: holder)
        }
        guard let revision = try bumpRevision(db, calendarID: calendarID) else { throw StoreError.notFound }
        let now = Self.now()
        let text = index.text
        let objectID: Int64
        if let existing {
            objectID = existing.id
            try db.run("""
                UPDATE objects SET uid = \(index.uid), component_type = \(index.componentType), etag = \(put.etag.value),
                    data = \(put.data), size = \(put.data.count), first_start = \(index.firstStart),
                    last_end = \(index.lastEnd), horizon = \(index.horizon), instances = \(put.instanceBlob),
                    expanded_until = \(index.expandedUntil), is_exact = \(index.isExact), summary = \(text.summary),
                    description = \(text.description), location = \(text.location), attendees = \(text.attendees),
                    text_indexed = 1, schedule_tag = \(index.scheduleTag), revision = \(revision), modified_at = \(now)
                WHERE id = \(objectID)
                """)
        } else {
            try db.run("""
                INSERT INTO objects (calendar_id, name, uid, component_type, etag, data, size, first_start, last_end,
                                     horizon, instances, expanded_until, is_exact, summary, description, location,
                                     attendees, text_indexed, schedule_tag, revision, created_at, modified_at)
                VALUES (\(calendarID), \(put.name), \(index.uid), \(index.componentType), \(put.etag.value), \(put.data),
                        \(put.data.count), \(index.firstStart), \(index.lastEnd), \(index.horizon), \(put.instanceBlob),
                        \(index.expandedUntil), \(index.isExact), \(text.summary), \(text.description), \(text.location),
                        \(text.attendees), 1, \(index.scheduleTag), \(revision), \(now), \(now))
                """)
            objectID = db.lastInsertRowID
        }
        try IndexRows.replaceInstances(db, objectID: objectID, calendarID: calendarID, index.instances,
                                       hadRows: existing != nil)
        try log(db, calendarID: calendarID, name: put.name, revision: revision, exists: true)
        let record = CalendarObjectRecord(calendarID: calendarID, name: put.name, etag: put.etag, data: put.data,
                                          index: index, revision: revision, modifiedAt: now,
                                          createdAt: existing?.createdAt ?? now)
        return PutResult(object: record, created: existing == nil)
    }

    public func deleteObject(calendarID: Int64, name: String, ifMatch: ETag?) async throws(StoreError) {
        try await pool.write { db in try Self.delete(calendarID: calendarID, name: name, ifMatch: ifMatch, db) }
    }

    /// One delete, checked and written as the contract says, in the caller's transaction.
    static func delete(calendarID: Int64, name: String, ifMatch: ETag?, _ db: SQLiteConnection) throws {
        guard let existing = try db.queryFirst("""
            SELECT id, etag FROM objects WHERE calendar_id = \(calendarID) AND name = \(name)
            """, { row in (id: row.int64(0), etag: ETag(value: row.text(1))) }) else { throw StoreError.notFound }
        if let ifMatch, ifMatch != existing.etag { throw StoreError.etagMismatch(current: existing.etag) }
        try remove(db, objectID: existing.id, calendarID: calendarID, name: name)
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
            try IndexRows.widenMaxInstanceLength(db, calendarID: toCalendarID, source.index.instances)
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

    static func calendarExists(_ db: SQLiteConnection, _ calendarID: Int64) throws -> Bool {
        try db.queryFirst("SELECT 1 FROM calendars WHERE id = \(calendarID)", { _ in true }) != nil
    }

    /// The name of another object of the calendar holding `uid`, if any.
    private static func uidHolder(_ db: SQLiteConnection, calendarID: Int64, uid: String, except objectID: Int64?)
        throws -> String? {
        try db.queryFirst("""
            SELECT name FROM objects WHERE calendar_id = \(calendarID) AND uid = \(uid) AND id <> \(objectID ?? -1)
            """) { $0.text(0) }
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
