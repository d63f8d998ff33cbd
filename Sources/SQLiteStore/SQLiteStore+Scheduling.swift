import CalendarStore

extension SQLiteStore {
    public func user(email: String) async throws(StoreError) -> User? {
        guard !email.isEmpty else { return nil }
        return try await pool.read { db in try db.queryFirst(Self.userByEmailQuery(email), Self.decodeUser) }
    }

    public func objects(ownerID: Int64, uid: String) async throws(StoreError) -> [CalendarObjectRecord] {
        try await pool.read { db in
            try db.query(Self.objectsQuery(ownerID: ownerID, uid: uid), ObjectRow.decodeRecord)
        }
    }

    /// `users_by_email` is declared with the same collation, so this is an index search; the index orders equal
    /// addresses by id, so the smallest id comes first without a sort.
    static func userByEmailQuery(_ email: String) -> SQL {
        userQuery + " WHERE email = \(email) COLLATE NOCASE ORDER BY id LIMIT 1"
    }

    /// The owner's calendars from (owner_id, slug), then each one's object from (calendar_id, uid): the cost follows
    /// the owner's calendars, not their objects.
    static func objectsQuery(ownerID: Int64, uid: String) -> SQL {
        ObjectRow.select + """
             WHERE calendar_id IN (SELECT id FROM calendars WHERE owner_id = \(ownerID)) AND uid = \(uid)
            ORDER BY calendar_id, name
            """
    }

    public func apply(_ changes: [StoreChange]) async throws(StoreError) -> [StoreChangeResult] {
        guard !changes.isEmpty else { return [] }
        // Validation and hashing run here, off the writer. An invalid change is reported at its position in the
        // writing loop, so the error names the first failing change in order, as every store does.
        let prepared = changes.map { change in Result { () throws(StoreError) in try PreparedChange(change) } }
        let now = Self.now()
        // One write job: the changes share one savepoint of a group commit, so a refusal undoes all of them and the
        // call returns only once they are durable.
        return try await pool.write { db in
            try prepared.enumerated().map { position, preparation throws -> StoreChangeResult in
                do {
                    return try Self.apply(preparation.get(), now: now, db)
                } catch let refusal as StoreError {
                    throw StoreError.changeFailed(index: position, reason: refusal)
                }
                // Engine errors propagate unwrapped and become `backend`: they are not the change's fault.
            }
        }
    }

    private static func apply(_ change: PreparedChange, now: Int64, _ db: SQLiteConnection) throws
        -> StoreChangeResult {
        switch change {
        case .put(let calendarID, let put):
            guard try calendarExists(db, calendarID) else { throw StoreError.notFound }
            return .put(try write(put, calendarID: calendarID, db))
        case .delete(let calendarID, let name, let ifMatch):
            try delete(calendarID: calendarID, name: name, ifMatch: ifMatch, db)
            return .deleted
        case .enqueue(let message):
            return .enqueued(try enqueue(message, now: now, db))
        }
    }
}
