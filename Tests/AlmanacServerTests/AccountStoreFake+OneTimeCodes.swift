import CalendarStore
import Foundation

/// One-time codes, with the contract's answers (redeemed once, then `alreadyUsed`; another purpose or an expired
/// code nil), and the pruning of expired credentials.
extension AccountStoreFake {
    func addOneTimeCode(_ code: NewOneTimeCode) async throws(StoreError) -> OneTimeCode {
        try withState { (s: inout State) throws(StoreError) -> OneTimeCode in
            if let userID = code.userID, s.users[userID] == nil { throw .notFound }
            if s.oneTimeCodes.values.contains(where: { $0.codeHash == code.codeHash }) { throw .alreadyExists }
            let record = OneTimeCode(id: s.nextID, codeHash: code.codeHash, userID: code.userID, purpose: code.purpose,
                                     payload: code.payload, createdAt: Int64(Date().timeIntervalSince1970),
                                     expiresAt: code.expiresAt, usedAt: nil)
            s.nextID += 1
            s.oneTimeCodes[record.id] = record
            return record
        }
    }

    func redeemOneTimeCode(hash: String, purpose: String, at: Int64) async throws(StoreError) -> OneTimeCodeUse? {
        try withState { s in
            guard var code = s.oneTimeCodes.values.first(where: { $0.codeHash == hash }),
                  code.purpose == purpose, code.expiresAt >= at else { return nil }
            guard code.usedAt == nil else { return .alreadyUsed(code) }
            code.usedAt = at
            s.oneTimeCodes[code.id] = code
            return .redeemed(code)
        }
    }

    func pruneExpiredCredentials(before: Int64) async throws(StoreError) -> Int {
        try withState { s in
            let counts = s.oneTimeCodes.count + s.refreshTokens.count + s.accessTokens.count
            s.oneTimeCodes = s.oneTimeCodes.filter { $0.value.expiresAt >= before }
            s.refreshTokens = s.refreshTokens.filter { $0.value.expiresAt >= before }
            // Personal tokens (no grant) are never pruned.
            s.accessTokens = s.accessTokens.filter { $0.value.grantID == nil || ($0.value.expiresAt ?? .max) >= before }
            return counts - s.oneTimeCodes.count - s.refreshTokens.count - s.accessTokens.count
        }
    }
}
