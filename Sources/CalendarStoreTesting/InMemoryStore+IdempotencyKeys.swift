import CalendarStore

extension InMemoryStore {
    public func claimIdempotencyKey(userID: Int64, key: String, requestHash: String, at: Int64, expiredBefore: Int64)
        throws(StoreError) -> IdempotencyClaim {
        guard userTable[userID] != nil else { throw .notFound }
        if let held = idempotencyTable[userID]?[key], held.createdAt >= expiredBefore { return .existing(held) }
        idempotencyTable[userID, default: [:]][key] = IdempotencyRecord(
            userID: userID, key: key, requestHash: requestHash, response: nil, createdAt: at)
        return .claimed
    }

    public func completeIdempotencyKey(userID: Int64, key: String, response: IdempotencyRecord.StoredResponse)
        throws(StoreError) {
        guard idempotencyTable[userID]?[key] != nil else { throw .notFound }
        idempotencyTable[userID]?[key]?.response = response
    }

    public func releaseIdempotencyKey(userID: Int64, key: String) {
        idempotencyTable[userID]?[key] = nil
    }

    public func pruneIdempotencyKeys(before: Int64) -> Int {
        var pruned = 0
        for (userID, records) in idempotencyTable {
            let kept = records.filter { $0.value.createdAt >= before }
            pruned += records.count - kept.count
            idempotencyTable[userID] = kept.isEmpty ? nil : kept
        }
        return pruned
    }
}
