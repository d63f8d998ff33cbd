import CalendarStore

/// Idempotency keys, kept like the fake's access tokens, with the contract's answers (a live record held, an expired
/// one replaced, unknown user and missing claim `notFound`) so the server's Idempotency-Key handling meets them in its
/// tests.
extension AccountStoreFake {
    func claimIdempotencyKey(userID: Int64, key: String, requestHash: String, at: Int64, expiredBefore: Int64)
        async throws(StoreError) -> IdempotencyClaim {
        try withState { (s: inout State) throws(StoreError) -> IdempotencyClaim in
            guard s.users[userID] != nil else { throw .notFound }
            if let held = s.idempotencyRecords[userID]?[key], held.createdAt >= expiredBefore { return .existing(held) }
            s.idempotencyRecords[userID, default: [:]][key] = IdempotencyRecord(
                userID: userID, key: key, requestHash: requestHash, response: nil, createdAt: at)
            return .claimed
        }
    }

    func completeIdempotencyKey(userID: Int64, key: String, response: IdempotencyRecord.StoredResponse)
        async throws(StoreError) {
        try withState { (s: inout State) throws(StoreError) in
            guard s.idempotencyRecords[userID]?[key] != nil else { throw .notFound }
            s.idempotencyRecords[userID]?[key]?.response = response
        }
    }

    func releaseIdempotencyKey(userID: Int64, key: String) async throws(StoreError) {
        try withState { s in s.idempotencyRecords[userID]?[key] = nil }
    }

    func pruneIdempotencyKeys(before: Int64) async throws(StoreError) -> Int {
        try withState { (s: inout State) throws(StoreError) -> Int in
            var pruned = 0
            for (userID, records) in s.idempotencyRecords {
                let kept = records.filter { $0.value.createdAt >= before }
                pruned += records.count - kept.count
                s.idempotencyRecords[userID] = kept.isEmpty ? nil : kept
            }
            return pruned
        }
    }
}
