import CalendarStore

/// Delegates in `delegations`; see `SchemaMigrations.version8`.
extension SQLiteStore {
    public func setDelegation(ownerID: Int64, delegateID: Int64, mode: Delegation.Mode?) async throws(StoreError) {
        guard ownerID != delegateID else { throw .invalidArgument("a user is not their own delegate") }
        try await pool.write { db in
            guard try Self.userExists(db, ownerID), try Self.userExists(db, delegateID) else { throw StoreError.notFound }
            if let mode {
                try db.run("""
                    INSERT INTO delegations (owner_id, delegate_id, mode) VALUES (\(ownerID), \(delegateID), \(mode.rawValue))
                    ON CONFLICT (owner_id, delegate_id) DO UPDATE SET mode = excluded.mode
                    """)
            } else {
                try db.run("DELETE FROM delegations WHERE owner_id = \(ownerID) AND delegate_id = \(delegateID)")
            }
        }
    }

    public func delegates(ownerID: Int64) async throws(StoreError) -> [Delegation] {
        try await pool.read { db in
            try db.query("""
                SELECT owner_id, delegate_id, mode FROM delegations WHERE owner_id = \(ownerID) ORDER BY delegate_id
                """, Self.decodeDelegation)
        }
    }

    public func delegations(delegateID: Int64) async throws(StoreError) -> [Delegation] {
        try await pool.read { db in
            try db.query("""
                SELECT owner_id, delegate_id, mode FROM delegations WHERE delegate_id = \(delegateID) ORDER BY owner_id
                """, Self.decodeDelegation)
        }
    }

    static func decodeDelegation(_ row: SQLiteRow) -> Delegation {
        Delegation(ownerID: row.int64(0), delegateID: row.int64(1), mode: Delegation.Mode(rawValue: row.text(2)) ?? .read)
    }
}
