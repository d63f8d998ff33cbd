import CalendarStore

extension SQLiteStore {
    public func calendars(ownerID: Int64) async throws(StoreError) -> [CalendarRecord] {
        try await pool.read { db in
            try Self.loadCalendars(db, where: "owner_id = \(ownerID)", orderBy: " ORDER BY sort_order, slug")
        }
    }

    public func calendar(ownerID: Int64, slug: String) async throws(StoreError) -> CalendarRecord? {
        try await pool.read { db in
            try Self.loadCalendars(db, where: "owner_id = \(ownerID) AND slug = \(slug)").first
        }
    }

    public func calendar(id: Int64) async throws(StoreError) -> CalendarRecord? {
        try await pool.read { db in try Self.loadCalendar(db, id: id) }
    }

    public func createCalendar(_ new: NewCalendar) async throws(StoreError) -> CalendarRecord {
        guard !new.slug.isEmpty else { throw .invalidArgument("empty calendar slug") }
        return try await pool.write { db in
            guard try db.queryFirst("SELECT 1 FROM users WHERE id = \(new.ownerID)", { _ in true }) != nil else {
                throw StoreError.notFound
            }
            guard try db.queryFirst("""
                SELECT 1 FROM calendars WHERE owner_id = \(new.ownerID) AND slug = \(new.slug)
                """, { _ in true }) == nil else {
                throw StoreError.alreadyExists
            }
            try db.run("""
                INSERT INTO calendars (owner_id, slug, display_name, description, color, sort_order, time_zone,
                                       supported_components, revision, created_at)
                VALUES (\(new.ownerID), \(new.slug), \(new.displayName), \(new.description), \(new.color),
                        \(new.order), \(new.timeZone), \(ComponentList.encode(new.supportedComponents)), 0,
                        \(Self.now()))
                """)
            let id = db.lastInsertRowID
            try Self.setDeadProperties(db, calendarID: id, new.deadProperties)
            guard let created = try Self.loadCalendar(db, id: id) else { throw StoreError.backend("calendar vanished") }
            return created
        }
    }

    public func updateCalendar(id: Int64, _ changes: CalendarChanges) async throws(StoreError) -> CalendarRecord {
        try await pool.write { db in
            guard try Self.bumpRevision(db, calendarID: id) != nil else { throw StoreError.notFound }
            // Each field keeps its value when its change is nil (a NULL parameter).
            try db.run("""
                UPDATE calendars SET
                    display_name = coalesce(\(changes.displayName), display_name),
                    description = coalesce(\(changes.description), description),
                    color = coalesce(\(changes.color), color),
                    sort_order = coalesce(\(changes.order), sort_order),
                    time_zone = coalesce(\(changes.timeZone), time_zone),
                    supported_components = coalesce(\(changes.supportedComponents.map(ComponentList.encode)),
                                                    supported_components)
                WHERE id = \(id)
                """)
            for key in changes.removeDeadProperties {
                try db.run("""
                    DELETE FROM calendar_properties
                    WHERE calendar_id = \(id) AND namespace = \(key.namespace) AND name = \(key.name)
                    """)
            }
            try Self.setDeadProperties(db, calendarID: id, changes.setDeadProperties)
            guard let updated = try Self.loadCalendar(db, id: id) else { throw StoreError.notFound }
            return updated
        }
    }

    public func deleteCalendar(id: Int64) async throws(StoreError) {
        // Foreign keys cascade to the objects, their instances, the dead properties and the change log, and to the
        // calendar's grants, its objects' grants and its sharees' presentations.
        try await pool.write { db in
            guard try db.run("DELETE FROM calendars WHERE id = \(id)") == 1 else { throw StoreError.notFound }
        }
    }

    public func usedBytes(ownerID: Int64) async throws(StoreError) -> Int64 {
        try await pool.read { db in
            try db.queryFirst("""
                SELECT coalesce(sum(size), 0) FROM objects
                WHERE calendar_id IN (SELECT id FROM calendars WHERE owner_id = \(ownerID))
                """) { $0.int64(0) } ?? 0
        }
    }

    // MARK: Helpers

    /// Gives the calendar's next change its revision; nil when the calendar does not exist.
    static func bumpRevision(_ db: SQLiteConnection, calendarID: Int64) throws -> Int64? {
        try db.queryFirst("UPDATE calendars SET revision = revision + 1 WHERE id = \(calendarID) RETURNING revision") {
            $0.int64(0)
        }
    }

    /// Replaces properties of the same (namespace, name) in place (their row, hence their position, is kept) and
    /// appends new ones.
    private static func setDeadProperties(_ db: SQLiteConnection, calendarID: Int64, _ properties: [DeadProperty])
        throws {
        for property in properties {
            try db.run("""
                INSERT INTO calendar_properties (calendar_id, namespace, name, xml)
                VALUES (\(calendarID), \(property.namespace), \(property.name), \(property.xml))
                ON CONFLICT (calendar_id, namespace, name) DO UPDATE SET xml = excluded.xml
                """)
        }
    }

    static func loadCalendar(_ db: SQLiteConnection, id: Int64) throws -> CalendarRecord? {
        try loadCalendars(db, where: "id = \(id)").first
    }

    /// Calendars matching `condition`, with their dead properties in insertion order.
    static func loadCalendars(_ db: SQLiteConnection, where condition: SQL, orderBy: SQL = "") throws
        -> [CalendarRecord] {
        var calendars = try db.query("""
            SELECT id, owner_id, slug, display_name, description, color, sort_order, time_zone, supported_components,
                   revision, created_at
            FROM calendars WHERE \(fragment: condition)\(fragment: orderBy)
            """) { row in
            CalendarRecord(id: row.int64(0), ownerID: row.int64(1), slug: row.text(2), displayName: row.text(3),
                           description: row.text(4), color: row.text(5), order: row.int(6), timeZone: row.text(7),
                           supportedComponents: ComponentList.decode(row.text(8)), deadProperties: [],
                           revision: row.int64(9), createdAt: row.int64(10))
        }
        guard !calendars.isEmpty else { return [] }
        let properties = try db.query("""
            SELECT calendar_id, namespace, name, xml FROM calendar_properties
            WHERE calendar_id IN (\(list: calendars.map(\.id))) ORDER BY id
            """) { row in (row.int64(0), DeadProperty(namespace: row.text(1), name: row.text(2), xml: row.text(3))) }
        let byCalendar = Dictionary(grouping: properties, by: \.0)
        for index in calendars.indices {
            calendars[index].deadProperties = byCalendar[calendars[index].id]?.map(\.1) ?? []
        }
        return calendars
    }
}
