import CalendarStore

/// Delegates in `delegations`; see `PostgresSchema.version1`.
extension PostgresStore {
    public func setDelegation(ownerID: Int64, delegateID: Int64, mode: Delegation.Mode?) async throws(StoreError) {
        guard ownerID != delegateID else { throw .invalidArgument("a user is not their own delegate") }
        try await database.write { session in
            // KEY SHARE, as the foreign keys would take: a concurrent deleteUser of either waits instead of failing
            // the insert after the checks passed.
            guard try await Self.keyShare(.user(ownerID), session),
                  try await Self.keyShare(.user(delegateID), session) else { throw StoreError.notFound }
            if let mode {
                try await session.run("""
                    INSERT INTO delegations (owner_id, delegate_id, mode)
                    VALUES (\(ownerID), \(delegateID), \(mode.rawValue))
                    ON CONFLICT (owner_id, delegate_id) DO UPDATE SET mode = excluded.mode
                    """)
            } else {
                try await session.run("""
                    DELETE FROM delegations WHERE owner_id = \(ownerID) AND delegate_id = \(delegateID)
                    """)
            }
        }
    }

    public func delegates(ownerID: Int64) async throws(StoreError) -> [Delegation] {
        try await database.read { session in
            try await session.query("""
                SELECT owner_id, delegate_id, mode FROM delegations WHERE owner_id = \(ownerID) ORDER BY delegate_id
                """, Self.decodeDelegation)
        }
    }

    public func delegations(delegateID: Int64) async throws(StoreError) -> [Delegation] {
        try await database.read { session in
            // `delegations_by_delegate` yields them in this order.
            try await session.query("""
                SELECT owner_id, delegate_id, mode FROM delegations WHERE delegate_id = \(delegateID) ORDER BY owner_id
                """, Self.decodeDelegation)
        }
    }

    /// The CHECK constraint admits only the raw values.
    static func decodeDelegation(_ row: ResultRow) throws -> Delegation {
        Delegation(ownerID: try row.int64(0), delegateID: try row.int64(1),
                   mode: Delegation.Mode(rawValue: try row.text(2)) ?? .read)
    }
}
