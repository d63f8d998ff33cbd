import CalendarStore

extension PostgresStore {
    public func apply(_ changes: [StoreChange]) async throws(StoreError) -> [StoreChangeResult] {
        guard !changes.isEmpty else { return [] }
        // Validation and hashing run here, outside the transaction. An invalid change is reported at its position
        // in the writing loop, so the error names the first failing change in order, as every store does.
        let prepared = changes.map { change in Result { () throws(StoreError) in try PreparedChange(change) } }
        let calendarIDs = changes.compactMap { change -> Int64? in
            switch change {
            case .put(let calendarID, _), .delete(let calendarID, _, _): calendarID
            case .enqueue: nil
            }
        }
        let now = Self.now()
        return try await database.write { session in
            // Every calendar the changes touch is locked up front, in id order: two meetings written at once from
            // two nodes queue instead of deadlocking.
            let homes = try await Self.lockCalendars(session, calendarIDs)
            var results: [StoreChangeResult] = []
            for (position, preparation) in prepared.enumerated() {
                do {
                    results.append(try await Self.apply(preparation.get(), homes: homes, now: now, session))
                } catch let refusal as StoreError {
                    throw StoreError.changeFailed(index: position, reason: refusal)
                }
                // Engine errors propagate unwrapped: they are not the change's fault.
            }
            return results
        }
    }

    private static func apply(_ change: PreparedChange, homes: [Int64: Int64], now: Int64,
                              _ session: PostgresSession) async throws -> StoreChangeResult {
        switch change {
        case .put(let calendarID, let put):
            guard let home = homes[calendarID] else { throw StoreError.notFound }
            return .put(try await write(put, home: home, calendarID: calendarID, session))
        case .delete(let calendarID, let name, let ifMatch):
            guard let home = homes[calendarID] else { throw StoreError.notFound }
            try await delete(home: home, calendarID: calendarID, name: name, ifMatch: ifMatch, session)
            return .deleted
        case .enqueue(let message):
            return .enqueued(try await enqueue(message, now: now, session))
        }
    }
}
