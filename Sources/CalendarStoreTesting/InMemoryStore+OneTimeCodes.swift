import CalendarStore

extension InMemoryStore {
    // MARK: One-time codes

    public func addOneTimeCode(_ code: NewOneTimeCode) throws(StoreError) -> OneTimeCode {
        if let userID = code.userID, userTable[userID] == nil { throw .notFound }
        guard !oneTimeCodeTable.values.contains(where: { $0.codeHash == code.codeHash }) else { throw .alreadyExists }
        let stored = OneTimeCode(id: nextID(), codeHash: code.codeHash, userID: code.userID, purpose: code.purpose,
                                 payload: code.payload, createdAt: now(), expiresAt: code.expiresAt, usedAt: nil)
        oneTimeCodeTable[stored.id] = stored
        return stored
    }

    public func redeemOneTimeCode(hash: String, purpose: String, at: Int64) -> OneTimeCodeUse? {
        guard var code = oneTimeCodeTable.values.first(where: { $0.codeHash == hash }),
              code.purpose == purpose, code.expiresAt >= at else { return nil }
        guard code.usedAt == nil else { return .alreadyUsed(code) }
        code.usedAt = at
        oneTimeCodeTable[code.id] = code
        return .redeemed(code)
    }

    public func pruneExpiredCredentials(before: Int64) -> Int {
        let counts = (oneTimeCodeTable.count, refreshTokenTable.count, accessTokenTable.count)
        oneTimeCodeTable = oneTimeCodeTable.filter { $0.value.expiresAt >= before }
        refreshTokenTable = refreshTokenTable.filter { $0.value.expiresAt >= before }
        // Personal tokens (no grant) are never pruned.
        accessTokenTable = accessTokenTable.filter { $0.value.grantID == nil || ($0.value.expiresAt ?? .max) >= before }
        return counts.0 - oneTimeCodeTable.count + counts.1 - refreshTokenTable.count
            + counts.2 - accessTokenTable.count
    }
}
