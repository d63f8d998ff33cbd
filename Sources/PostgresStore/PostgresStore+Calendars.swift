import CalendarStore

extension PostgresStore {
    public func calendars(ownerID: Int64) async throws(StoreError) -> [CalendarRecord] {
        try await database.read { session in
            try await Self.loadCalendars(session, where: "owner_id = \(ownerID)", orderBy: " ORDER BY sort_order, slug")
        }
    }

    public func calendar(ownerID: Int64, slug: String) async throws(StoreError) -> CalendarRecord? {
        try await database.read { session in
            try await Self.loadCalendars(session, where: "owner_id = \(ownerID) AND slug = \(slug)").first
        }
    }

    public func calendar(id: Int64) async throws(StoreError) -> CalendarRecord? {
        try await database.read { session in try await Self.loadCalendars(session, where: "id = \(id)").first }
    }

    public func createCalendar(_ new: NewCalendar) async throws(StoreError) -> CalendarRecord {
        guard !new.slug.isEmpty else { throw .invalidArgument("empty calendar slug") }
        let created = try await database.write { session -> CalendarRecord in
            // The owner's row lock keeps the owner from being deleted meanwhile; the slug's uniqueness is the
            // (owner_id, slug) key, which a concurrent insert of the same slug waits on.
            guard try await session.exists("SELECT 1 FROM users WHERE id = \(new.ownerID) FOR KEY SHARE") else {
                throw StoreError.notFound
            }
            let id = try await session.queryFirst("""
                INSERT INTO calendars (owner_id, slug, display_name, description, color, sort_order, time_zone,
                                       supported_components, revision, created_at)
                VALUES (\(new.ownerID), \(new.slug), \(new.displayName), \(new.description), \(new.color),
                        \(Int64(new.order)), \(new.timeZone), \(ComponentList.encode(new.supportedComponents)), 0,
                        \(Self.now()))
                ON CONFLICT (owner_id, slug) DO NOTHING
                RETURNING id
                """) { try $0.int64(0) }
            guard let id else { throw StoreError.alreadyExists }
            try await Self.setDeadProperties(session, home: new.ownerID, calendarID: id, new.deadProperties)
            guard let created = try await Self.loadCalendars(session, where: "id = \(id)").first else {
                throw StoreError.backend("calendar vanished")
            }
            return created
        }
        homes.remember(created.id, home: created.ownerID)
        return created
    }

    public func updateCalendar(id: Int64, _ changes: CalendarChanges) async throws(StoreError) -> CalendarRecord {
        try await database.write { session in
            guard let home = try await Self.lockCalendar(session, id) else { throw StoreError.notFound }
            // Each field keeps its value when its change is nil (a NULL parameter).
            try await session.run("""
                UPDATE calendars SET
                    revision = revision + 1,
                    display_name = coalesce(\(changes.displayName)::text, display_name),
                    description = coalesce(\(changes.description)::text, description),
                    color = coalesce(\(changes.color)::text, color),
                    sort_order = coalesce(\(changes.order.map(Int64.init))::bigint, sort_order),
                    time_zone = coalesce(\(changes.timeZone)::text, time_zone),
                    supported_components = coalesce(\(changes.supportedComponents.map(ComponentList.encode))::text,
                                                    supported_components)
                WHERE id = \(id)
                """)
            for key in changes.removeDeadProperties {
                try await session.run("""
                    DELETE FROM calendar_properties
                    WHERE home_id = \(home) AND calendar_id = \(id) AND namespace = \(key.namespace)
                        AND name = \(key.name)
                    """)
            }
            try await Self.setDeadProperties(session, home: home, calendarID: id, changes.setDeadProperties)
            guard let updated = try await Self.loadCalendars(session, where: "id = \(id)").first else {
                throw StoreError.notFound
            }
            return updated
        }
    }

    public func deleteCalendar(id: Int64) async throws(StoreError) {
        // Foreign keys cascade to the objects, their instances, the dead properties and the change log, the
        // calendar's grants, its objects' grants and its sharees' presentations.
        try await database.write { session in
            guard try await session.run("DELETE FROM calendars WHERE id = \(id) RETURNING 1") == 1 else {
                throw StoreError.notFound
            }
        }
    }

    public func usedBytes(ownerID: Int64) async throws(StoreError) -> Int64 {
        try await database.read { session in
            try await session.queryFirst("""
                SELECT coalesce(sum(size), 0)::bigint FROM objects WHERE home_id = \(ownerID)
                """) { try $0.int64(0) } ?? 0
        }
    }

    // MARK: Helpers

    /// Locks the calendar's row for the rest of the transaction and returns its home; nil when it does not exist.
    /// Every write to a calendar's content takes this lock first: writers of one calendar queue here, so each
    /// precondition and UID check sees the writes committed before it, and revisions commit in the order given.
    static func lockCalendar(_ session: PostgresSession, _ calendarID: Int64) async throws -> Int64? {
        try await session.queryFirst("SELECT owner_id FROM calendars WHERE id = \(calendarID) FOR NO KEY UPDATE") {
            try $0.int64(0)
        }
    }

    /// Gives the calendar's next change its revision; the caller holds the calendar's lock.
    static func bumpRevision(_ session: PostgresSession, calendarID: Int64) async throws -> Int64 {
        guard let revision = try await session.queryFirst("""
            UPDATE calendars SET revision = revision + 1 WHERE id = \(calendarID) RETURNING revision
            """, { try $0.int64(0) }) else { throw StoreError.notFound }
        return revision
    }

    /// Replaces properties of the same (namespace, name) in place (their row, hence their position, is kept) and
    /// appends new ones.
    private static func setDeadProperties(_ session: PostgresSession, home: Int64, calendarID: Int64,
                                          _ properties: [DeadProperty]) async throws {
        for property in properties {
            try await session.run("""
                INSERT INTO calendar_properties (home_id, calendar_id, namespace, name, xml)
                VALUES (\(home), \(calendarID), \(property.namespace), \(property.name), \(property.xml))
                ON CONFLICT (home_id, calendar_id, namespace, name) DO UPDATE SET xml = excluded.xml
                """)
        }
    }

    /// Calendars matching `condition` (on `calendars`, columns unqualified), with their dead properties in
    /// insertion order: one statement, the properties as three parallel arrays (every request reads its calendar).
    static func loadCalendars(_ session: PostgresSession, where condition: SQL, orderBy: SQL = "") async throws
        -> [CalendarRecord] {
        try await session.query("""
            SELECT id, owner_id, slug, display_name, description, color, sort_order, time_zone, supported_components,
                   revision, created_at,
                   ARRAY(SELECT p.namespace FROM calendar_properties AS p
                         WHERE p.home_id = calendars.owner_id AND p.calendar_id = calendars.id ORDER BY p.position),
                   ARRAY(SELECT p.name FROM calendar_properties AS p
                         WHERE p.home_id = calendars.owner_id AND p.calendar_id = calendars.id ORDER BY p.position),
                   ARRAY(SELECT p.xml FROM calendar_properties AS p
                         WHERE p.home_id = calendars.owner_id AND p.calendar_id = calendars.id ORDER BY p.position)
            FROM calendars WHERE \(fragment: condition)\(fragment: orderBy)
            """) { row in
            let namespaces = try row.strings(11), names = try row.strings(12), xml = try row.strings(13)
            let properties = zip(namespaces, zip(names, xml)).map {
                DeadProperty(namespace: $0.0, name: $0.1.0, xml: $0.1.1)
            }
            return CalendarRecord(id: try row.int64(0), ownerID: try row.int64(1), slug: try row.text(2),
                                  displayName: try row.text(3), description: try row.text(4), color: try row.text(5),
                                  order: try row.int(6), timeZone: try row.text(7),
                                  supportedComponents: ComponentList.decode(try row.text(8)),
                                  deadProperties: properties, revision: try row.int64(9), createdAt: try row.int64(10))
        }
    }
}
