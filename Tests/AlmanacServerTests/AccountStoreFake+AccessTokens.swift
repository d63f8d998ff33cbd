import CalendarStore
import Foundation

/// Access tokens (personal and grant-issued), kept like the fake's app passwords, with the contract's refusals
/// (unknown user or grant, taken hash) so the server's token handling meets them in its tests.
extension AccountStoreFake {
    func addAccessToken(_ token: NewAccessToken) async throws(StoreError) -> AccessToken {
        try withState { (s: inout State) throws(StoreError) -> AccessToken in
            guard s.users[token.userID] != nil else { throw .notFound }
            // A grant-issued token belongs to the grant's user.
            if let grantID = token.grantID, s.oauthGrants[grantID]?.userID != token.userID { throw .notFound }
            if s.accessTokens.values.contains(where: { $0.tokenHash == token.tokenHash }) { throw .alreadyExists }
            let record = AccessToken(id: s.nextID, userID: token.userID, label: token.label,
                                     tokenHash: token.tokenHash, scopes: token.scopes,
                                     createdAt: Int64(Date().timeIntervalSince1970), expiresAt: token.expiresAt,
                                     lastUsedAt: nil, grantID: token.grantID)
            s.nextID += 1
            s.accessTokens[record.id] = record
            return record
        }
    }

    func accessToken(hash: String) async throws(StoreError) -> AccessToken? {
        try withState { s in s.accessTokens.values.first { $0.tokenHash == hash } }
    }

    func accessTokens(userID: Int64) async throws(StoreError) -> [AccessToken] {
        try withState { s in s.accessTokens.values.filter { $0.userID == userID }.sorted { $0.id < $1.id } }
    }

    func revokeAccessToken(userID: Int64, id: Int64) async throws(StoreError) {
        try withState { (s: inout State) throws(StoreError) in
            guard s.accessTokens[id]?.userID == userID else { throw .notFound }
            s.accessTokens[id] = nil
        }
    }

    func recordAccessTokenUse(id: Int64, at: Int64) async throws(StoreError) {
        try withState { s in s.accessTokens[id]?.lastUsedAt = at }
    }
}
