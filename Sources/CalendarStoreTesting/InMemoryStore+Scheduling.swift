import CalendarStore

extension InMemoryStore {
    // MARK: Scheduling (RFC 6638)

    public func user(email: String) -> User? {
        guard !email.isEmpty else { return nil }
        let wanted = Self.asciiFolded(email)
        // Ties between users sharing an address go to the smallest id, as in every store.
        return userTable.values.filter { Self.asciiFolded($0.email) == wanted }.min { $0.id < $1.id }
    }

    public func objects(ownerID: Int64, uid: String) -> [CalendarObjectRecord] {
        calendarTable.values.filter { $0.record.ownerID == ownerID }
            .sorted { $0.record.id < $1.record.id }
            .flatMap { stored in stored.objects.values.filter { $0.index.uid == uid }.sorted { $0.name < $1.name } }
    }

    public func apply(_ changes: [StoreChange]) throws(StoreError) -> [StoreChangeResult] {
        // The actor runs this without suspending, so nobody sees the state between two changes; on a refusal the
        // tables go back to this copy (copy-on-write: the copy costs nothing until the first change).
        let saved = (calendarTable, outgoingTable, attemptTable)
        let time = now()
        var results: [StoreChangeResult] = []
        for (position, change) in changes.enumerated() {
            do {
                results.append(try apply(change, now: time))
            } catch {
                (calendarTable, outgoingTable, attemptTable) = saved
                throw .changeFailed(index: position, reason: error)
            }
        }
        return results
    }

    private func apply(_ change: StoreChange, now time: Int64) throws(StoreError) -> StoreChangeResult {
        switch change {
        case .put(let calendarID, let write):
            return .put(try putObject(calendarID: calendarID, name: write.name, data: write.data, index: write.index,
                                      precondition: write.precondition))
        case .delete(let calendarID, let name, let ifMatch):
            try deleteObject(calendarID: calendarID, name: name, ifMatch: ifMatch)
            return .deleted
        case .enqueue(let message):
            return .enqueued(try enqueue(message, now: time))
        }
    }

    /// ASCII letters folded, other characters kept: the comparison of SQLite's NOCASE collation, so every store
    /// matches the same addresses.
    static func asciiFolded(_ text: String) -> [UInt8] {
        text.utf8.map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }
    }
}
