import CalendarStore

extension PostgresStore {
    public func putObject(calendarID: Int64, name: String, data: [UInt8], index: ObjectIndex,
                          precondition: WritePrecondition) async throws(StoreError) -> PutResult {
        let put = try PreparedPut(name: name, data: data, index: index, precondition: precondition)
        return try await putBatcher.put(put, calendarID: calendarID, database: database)
    }

    public func putObjects(calendarID: Int64, _ writes: [ObjectWrite]) async throws(StoreError)
        -> [Result<PutResult, StoreError>] {
        // Validated and hashed here, outside the transaction; an invalid write fails alone, as with putObject.
        let prepared = PreparedPut.batch(writes)
        return try await database.write { session in
            guard let home = try await Self.lockCalendar(session, calendarID) else { throw StoreError.notFound }
            var results: [Result<PutResult, StoreError>] = []
            results.reserveCapacity(prepared.count)
            for preparation in prepared {
                switch preparation {
                case .failure(let invalid):
                    results.append(.failure(invalid))
                case .success(let put):
                    // A refusal is thrown before the put writes anything, so the others carry on in the same
                    // transaction; an engine error aborts the transaction and fails the whole batch.
                    do {
                        results.append(.success(try await Self.write(put, home: home, calendarID: calendarID, session)))
                    } catch let refusal as StoreError {
                        results.append(.failure(refusal))
                    }
                }
            }
            return results
        }
    }

    public func deleteObject(calendarID: Int64, name: String, ifMatch: ETag?) async throws(StoreError) {
        try await database.write { session in
            guard let home = try await Self.lockCalendar(session, calendarID) else { throw StoreError.notFound }
            try await Self.delete(home: home, calendarID: calendarID, name: name, ifMatch: ifMatch, session)
        }
    }

    public func moveObject(fromCalendarID: Int64, name: String, toCalendarID: Int64, newName: String, overwrite: Bool,
                           ifMatch: ETag?) async throws(StoreError) -> PutResult {
        try await database.write { session in
            let homes = try await Self.lockCalendars(session, [fromCalendarID, toCalendarID])
            guard let sourceHome = homes[fromCalendarID],
                  let found = try await session.queryFirst(ObjectRow.select + """
                       WHERE home_id = \(sourceHome) AND calendar_id = \(fromCalendarID) AND name = \(name)
                      """, ObjectRow.decode) else { throw StoreError.notFound }
            let (sourceID, source) = found
            if let ifMatch, ifMatch != source.etag { throw StoreError.etagMismatch(current: source.etag) }
            try source.index.validate(name: newName)
            guard fromCalendarID != toCalendarID || name != newName else {
                throw StoreError.invalidArgument("source and destination are the same")
            }
            guard let targetHome = homes[toCalendarID] else { throw StoreError.notFound }
            let replaced = try await session.queryFirst("""
                SELECT id FROM objects WHERE home_id = \(targetHome) AND calendar_id = \(toCalendarID)
                    AND name = \(newName)
                """) { try $0.int64(0) }
            if replaced != nil, !overwrite { throw StoreError.alreadyExists }
            // The moved object itself (same calendar) and the object it replaces do not hold the UID afterwards.
            if let holder = try await session.queryFirst("""
                SELECT name FROM objects WHERE home_id = \(targetHome) AND calendar_id = \(toCalendarID)
                    AND uid = \(source.index.uid) AND id <> \(sourceID) AND id <> \(replaced ?? -1)
                """, { try $0.text(0) }) {
                throw StoreError.uidConflict(existingName: holder)
            }
            if let replaced {
                try await session.run("DELETE FROM objects WHERE home_id = \(targetHome) AND id = \(replaced)")
            }
            // A move is a delete and an insert, never an update of the keys: the object may change home, which a
            // distributed engine keeps on another node. Its grants are carried over by hand.
            let grants = try await session.query("""
                SELECT user_id, role, granted_by, created_at FROM object_grants
                WHERE home_id = \(sourceHome) AND calendar_id = \(fromCalendarID) AND object_name = \(name)
                """) { row in
                (user: try row.int64(0), role: try row.text(1), grantedBy: try row.optionalInt64(2),
                 createdAt: try row.int64(3))
            }
            try await session.run("DELETE FROM objects WHERE home_id = \(sourceHome) AND id = \(sourceID)")
            let sourceRevision = try await Self.bumpRevision(session, calendarID: fromCalendarID)
            try await Self.log(session, home: sourceHome, calendarID: fromCalendarID, name: name,
                               revision: sourceRevision, exists: false)
            let revision = try await Self.bumpRevision(session, calendarID: toCalendarID)
            let now = Self.now()
            var moved = source
            moved.calendarID = toCalendarID
            moved.name = newName
            moved.revision = revision
            moved.modifiedAt = now
            try await Self.insert(moved, instanceBlob: InstanceBlob.encode(source.index.instances), home: targetHome,
                                  session)
            try await Self.log(session, home: targetHome, calendarID: toCalendarID, name: newName, revision: revision,
                               exists: true)
            // A grant to the target calendar's owner would mean nothing there (owners hold every right).
            for grant in grants where grant.user != targetHome {
                try await session.run("""
                    INSERT INTO object_grants (home_id, calendar_id, object_name, user_id, role, granted_by, created_at)
                    VALUES (\(targetHome), \(toCalendarID), \(newName), \(grant.user), \(grant.role),
                            \(grant.grantedBy)::bigint, \(grant.createdAt))
                    """)
            }
            return PutResult(object: moved, created: replaced == nil)
        }
    }

    // MARK: Helpers

    /// One put, checked and written as the contract says, in the caller's transaction, which holds the calendar's
    /// lock (`lockCalendar`). Every refusal is thrown before anything is written. Three statements: the read of
    /// the object of this name and of any holder of this UID, the revision, and one statement (data-modifying WITH
    /// clauses) writing the row, its instances and its change-log entry: each round trip to the server is paid while
    /// the calendar's lock is held.
    static func write(_ put: PreparedPut, home: Int64, calendarID: Int64, _ session: PostgresSession) async throws
        -> PutResult {
        let index = put.index
        let found = try await session.query("""
            SELECT id, name, etag, created_at, schedule_tag FROM objects
            WHERE home_id = \(home) AND calendar_id = \(calendarID) AND (name = \(put.name) OR uid = \(index.uid))
            """) { row in
            (id: try row.int64(0), name: try row.text(1), etag: ETag(value: try row.text(2)),
             createdAt: try row.int64(3), scheduleTag: try row.optionalText(4))
        }
        let existing = found.first { $0.name == put.name }
        try put.precondition.check(currentETag: existing?.etag, currentScheduleTag: existing?.scheduleTag)
        // Another name among the rows can only be there for holding the UID.
        if let holder = found.first(where: { $0.name != put.name }) {
            throw StoreError.uidConflict(existingName: holder.name)
        }
        guard let (_, revision) = try await bump(session, calendarID, for: put) else { throw StoreError.notFound }
        let now = Self.now()
        let record = CalendarObjectRecord(calendarID: calendarID, name: put.name, etag: put.etag, data: put.data,
                                          index: index, revision: revision, modifiedAt: now,
                                          createdAt: existing?.createdAt ?? now)
        let text = index.text
        let logged: SQL = """
            INSERT INTO changes (home_id, calendar_id, name, revision, deleted)
            VALUES (\(home), \(calendarID), \(put.name), \(revision), false)
            ON CONFLICT (home_id, calendar_id, name) DO UPDATE SET revision = excluded.revision, deleted = false
            """
        let instances: SQL = """
            INSERT INTO instances (home_id, calendar_id, object_id, start_time, end_time)
            SELECT \(home), \(calendarID), written.id, starts, ends
            FROM written, unnest(\(index.instances.map(\.start))::bigint[], \(index.instances.map(\.end))::bigint[])
                AS i (starts, ends)
            """
        if let existing {
            // The sub-statements share one snapshot: the DELETE removes the old instances, not the new ones.
            try await session.run("""
                WITH written AS (
                    UPDATE objects SET uid = \(index.uid), component_type = \(index.componentType),
                        etag = \(put.etag.value), data = \(put.data.bytea), size = \(Int64(put.data.count)),
                        first_start = \(index.firstStart)::bigint, last_end = \(index.lastEnd)::bigint,
                        horizon = \(index.horizon)::bigint, instances = \(put.instanceBlob.bytea),
                        expanded_until = \(index.expandedUntil)::bigint, is_exact = \(index.isExact),
                        summary = \(text.summary), description = \(text.description), location = \(text.location),
                        attendees = \(text.attendees), schedule_tag = \(index.scheduleTag)::text,
                        revision = \(revision), modified_at = \(now)
                    WHERE home_id = \(home) AND id = \(existing.id)
                    RETURNING id
                ),
                dropped AS (DELETE FROM instances WHERE home_id = \(home) AND object_id = \(existing.id)),
                added AS (\(fragment: instances)),
                logged AS (\(fragment: logged))
                SELECT 1
                """)
        } else {
            try await session.run("""
                WITH written AS (
                    INSERT INTO objects (home_id, calendar_id, name, uid, component_type, etag, data, size,
                                         first_start, last_end, horizon, instances, expanded_until, is_exact, summary,
                                         description, location, attendees, schedule_tag, revision, created_at,
                                         modified_at)
                    VALUES (\(home), \(calendarID), \(put.name), \(index.uid), \(index.componentType),
                            \(put.etag.value), \(put.data.bytea), \(Int64(put.data.count)),
                            \(index.firstStart)::bigint, \(index.lastEnd)::bigint, \(index.horizon)::bigint,
                            \(put.instanceBlob.bytea), \(index.expandedUntil)::bigint, \(index.isExact),
                            \(text.summary), \(text.description), \(text.location), \(text.attendees),
                            \(index.scheduleTag)::text, \(revision), \(now), \(now))
                    RETURNING id
                ),
                added AS (\(fragment: instances)),
                logged AS (\(fragment: logged))
                SELECT 1
                """)
        }
        return PutResult(object: record, created: existing == nil)
    }

    /// Inserts the object row and its instances.
    static func insert(_ record: CalendarObjectRecord, instanceBlob: [UInt8], home: Int64,
                               _ session: PostgresSession) async throws {
        let index = record.index
        let text = index.text
        guard let objectID = try await session.queryFirst("""
            INSERT INTO objects (home_id, calendar_id, name, uid, component_type, etag, data, size, first_start,
                                 last_end, horizon, instances, expanded_until, is_exact, summary, description,
                                 location, attendees, schedule_tag, revision, created_at, modified_at)
            VALUES (\(home), \(record.calendarID), \(record.name), \(index.uid), \(index.componentType),
                    \(record.etag.value), \(record.data.bytea), \(Int64(record.data.count)),
                    \(index.firstStart)::bigint, \(index.lastEnd)::bigint, \(index.horizon)::bigint,
                    \(instanceBlob.bytea), \(index.expandedUntil)::bigint, \(index.isExact), \(text.summary),
                    \(text.description), \(text.location), \(text.attendees), \(index.scheduleTag)::text,
                    \(record.revision), \(record.createdAt), \(record.modifiedAt))
            RETURNING id
            """, { try $0.int64(0) }) else { throw StoreError.backend("INSERT INTO objects returned no id") }
        try await replaceInstances(session, home: home, calendarID: record.calendarID, objectID: objectID,
                                   index.instances, hadRows: false)
    }

    /// Replaces the object's instance rows with `instances` (one statement, the instants as two array parameters),
    /// and keeps the calendar's longest instance length an upper bound: it never shrinks, since a stale larger
    /// bound only widens the lookback of time-range queries, never loses a candidate.
    static func replaceInstances(_ session: PostgresSession, home: Int64, calendarID: Int64, objectID: Int64,
                                 _ instances: [InstanceInterval], hadRows: Bool) async throws {
        if hadRows {
            try await session.run("DELETE FROM instances WHERE home_id = \(home) AND object_id = \(objectID)")
        }
        guard !instances.isEmpty else { return }
        try await session.run("""
            INSERT INTO instances (home_id, calendar_id, object_id, start_time, end_time)
            SELECT \(home), \(calendarID), \(objectID), starts, ends
            FROM unnest(\(instances.map(\.start))::bigint[], \(instances.map(\.end))::bigint[]) AS i (starts, ends)
            """)
        let longest = longestInstance(instances)
        guard longest > 0 else { return }
        try await session.run("""
            UPDATE calendars SET max_instance_length = \(longest)
            WHERE id = \(calendarID) AND max_instance_length < \(longest)
            """)
    }

    /// Gives the calendar's next change its revision and widens its lookback bound for `put`'s instances; the
    /// calendar's home and the revision, nil when the calendar does not exist.
    static func bump(_ session: PostgresSession, _ calendarID: Int64, for put: PreparedPut) async throws
        -> (home: Int64, revision: Int64)? {
        try await session.queryFirst("""
            UPDATE calendars SET revision = revision + 1,
                max_instance_length = greatest(max_instance_length, \(longestInstance(put.index.instances)))
            WHERE id = \(calendarID) RETURNING owner_id, revision
            """) { (home: try $0.int64(0), revision: try $0.int64(1)) }
    }

    /// The length of the longest instance (Int64.max when one overflows), 0 when there is none.
    static func longestInstance(_ instances: [InstanceInterval]) -> Int64 {
        instances.map { $0.end.subtractingReportingOverflow($0.start) }
            .map { $0.overflow ? Int64.max : $0.partialValue }.max() ?? 0
    }

    /// One delete, checked and written as the contract says, in the caller's transaction (holding the lock).
    static func delete(home: Int64, calendarID: Int64, name: String, ifMatch: ETag?, _ session: PostgresSession)
        async throws {
        guard let existing = try await session.queryFirst("""
            SELECT id, etag FROM objects WHERE home_id = \(home) AND calendar_id = \(calendarID) AND name = \(name)
            """, { row in (id: try row.int64(0), etag: ETag(value: try row.text(1))) }) else {
            throw StoreError.notFound
        }
        if let ifMatch, ifMatch != existing.etag { throw StoreError.etagMismatch(current: existing.etag) }
        // Cascades to the instances and the object's grants.
        try await session.run("DELETE FROM objects WHERE home_id = \(home) AND id = \(existing.id)")
        let revision = try await bumpRevision(session, calendarID: calendarID)
        try await log(session, home: home, calendarID: calendarID, name: name, revision: revision, exists: false)
    }

    /// Records the name's newest change; the log keeps one row per name.
    static func log(_ session: PostgresSession, home: Int64, calendarID: Int64, name: String, revision: Int64,
                    exists: Bool) async throws {
        try await session.run("""
            INSERT INTO changes (home_id, calendar_id, name, revision, deleted)
            VALUES (\(home), \(calendarID), \(name), \(revision), \(!exists))
            ON CONFLICT (home_id, calendar_id, name) DO UPDATE SET revision = excluded.revision,
                deleted = excluded.deleted
            """)
    }

    /// Locks the rows of the calendars that exist among `ids`, in id order (so two transactions locking the same
    /// calendars never wait on each other in a cycle); returns each one's home.
    static func lockCalendars(_ session: PostgresSession, _ ids: [Int64]) async throws -> [Int64: Int64] {
        let rows = try await session.query("""
            SELECT id, owner_id FROM calendars WHERE id = ANY(\(Array(Set(ids)).sorted())) ORDER BY id FOR NO KEY UPDATE
            """) { (id: try $0.int64(0), home: try $0.int64(1)) }
        return Dictionary(rows.map { ($0.id, $0.home) }, uniquingKeysWith: { first, _ in first })
    }
}
