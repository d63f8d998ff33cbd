import CalendarStore
import Foundation

/// The OAuth 2.0 authorization server's records: clients in `oauth_clients`, the grants users gave them in
/// `oauth_grants`, and the grants' refresh tokens in `refresh_tokens`; see `SchemaMigrations.version12`. A grant's
/// access tokens live with the personal ones in `access_tokens` (`SQLiteStore+AccessTokens`).
extension SQLiteStore {
    // MARK: Clients

    public func addOAuthClient(_ client: NewOAuthClient) async throws(StoreError) -> OAuthClient {
        try await pool.write { db in
            // The single writer makes the check and the insert one step.
            guard try db.queryFirst("SELECT 1 FROM oauth_clients WHERE client_id = \(client.clientID)",
                                    { _ in true }) == nil else { throw StoreError.alreadyExists }
            let created = Self.now()
            try db.run("""
                INSERT INTO oauth_clients (client_id, name, redirect_uris, secret_hash, created_at)
                VALUES (\(client.clientID), \(client.name), \(Self.encodeRedirectURIs(client.redirectURIs)),
                        \(client.secretHash), \(created))
                """)
            return OAuthClient(id: db.lastInsertRowID, clientID: client.clientID, name: client.name,
                               redirectURIs: client.redirectURIs, secretHash: client.secretHash, createdAt: created)
        }
    }

    public func oauthClient(clientID: String) async throws(StoreError) -> OAuthClient? {
        try await pool.read { db in
            try db.queryFirst(Self.oauthClientQuery + " WHERE client_id = \(clientID)", Self.decodeOAuthClient)?.get()
        }
    }

    public func oauthClients() async throws(StoreError) -> [OAuthClient] {
        try await pool.read { db in
            try db.query(Self.oauthClientQuery + " ORDER BY client_id", Self.decodeOAuthClient).map { try $0.get() }
        }
    }

    public func deleteOAuthClient(clientID: String) async throws(StoreError) {
        // Foreign keys cascade to the client's grants and from them to their access and refresh tokens.
        try await pool.write { db in
            guard try db.run("DELETE FROM oauth_clients WHERE client_id = \(clientID)") == 1 else {
                throw StoreError.notFound
            }
        }
    }

    // MARK: Grants

    public func createOAuthGrant(userID: Int64, clientID: String, scopes: [String]) async throws(StoreError)
        -> OAuthGrant {
        try await pool.write { db in
            guard try db.queryFirst("SELECT 1 FROM users WHERE id = \(userID)", { _ in true }) != nil,
                  try db.queryFirst("SELECT 1 FROM oauth_clients WHERE client_id = \(clientID)", { _ in true }) != nil
            else { throw StoreError.notFound }
            let created = Self.now()
            try db.run("""
                INSERT INTO oauth_grants (user_id, client_id, scopes, created_at)
                VALUES (\(userID), \(clientID), \(Self.encodeScopes(scopes)), \(created))
                """)
            return OAuthGrant(id: db.lastInsertRowID, userID: userID, clientID: clientID, scopes: scopes,
                              createdAt: created)
        }
    }

    public func oauthGrant(id: Int64) async throws(StoreError) -> OAuthGrant? {
        try await pool.read { db in
            try db.queryFirst(Self.oauthGrantQuery + " WHERE id = \(id)", Self.decodeOAuthGrant)
        }
    }

    public func oauthGrants(userID: Int64) async throws(StoreError) -> [OAuthGrant] {
        try await pool.read { db in
            try db.query(Self.oauthGrantQuery + " WHERE user_id = \(userID) ORDER BY id", Self.decodeOAuthGrant)
        }
    }

    public func deleteOAuthGrant(id: Int64) async throws(StoreError) {
        // Foreign keys cascade to the grant's access and refresh tokens.
        try await pool.write { db in
            guard try db.run("DELETE FROM oauth_grants WHERE id = \(id)") == 1 else { throw StoreError.notFound }
        }
    }

    // MARK: Refresh tokens

    public func addRefreshToken(grantID: Int64, tokenHash: String, expiresAt: Int64) async throws(StoreError)
        -> RefreshToken {
        try await pool.write { db in
            guard try db.queryFirst("SELECT 1 FROM oauth_grants WHERE id = \(grantID)", { _ in true }) != nil else {
                throw StoreError.notFound
            }
            // The single writer makes the check and the insert one step.
            guard try db.queryFirst("SELECT 1 FROM refresh_tokens WHERE token_hash = \(tokenHash)", { _ in true })
                == nil else { throw StoreError.alreadyExists }
            let created = Self.now()
            try db.run("""
                INSERT INTO refresh_tokens (grant_id, token_hash, created_at, expires_at)
                VALUES (\(grantID), \(tokenHash), \(created), \(expiresAt))
                """)
            return RefreshToken(id: db.lastInsertRowID, grantID: grantID, tokenHash: tokenHash, createdAt: created,
                                expiresAt: expiresAt, replacedAt: nil)
        }
    }

    public func useRefreshToken(hash: String, at: Int64) async throws(StoreError) -> RefreshTokenUse? {
        // A write even when nothing changes: the single writer orders it after any other use of the token, so
        // exactly one caller finds it live.
        try await pool.write { db in
            guard var token = try db.queryFirst(Self.refreshTokenQuery + " WHERE token_hash = \(hash)",
                                                Self.decodeRefreshToken),
                  token.expiresAt >= at,
                  let grant = try db.queryFirst(Self.oauthGrantQuery + " WHERE id = \(token.grantID)",
                                                Self.decodeOAuthGrant) else { return nil }
            guard token.replacedAt == nil else { return .replayed(token, grant: grant) }
            try db.run("UPDATE refresh_tokens SET replaced_at = \(at) WHERE id = \(token.id)")
            token.replacedAt = at
            return .rotated(token, grant: grant)
        }
    }

    // MARK: Helpers

    /// Whether the grant exists and is the user's: a grant-issued access token belongs to the grant's user.
    static func isGrant(_ db: SQLiteConnection, _ grantID: Int64, of userID: Int64) throws -> Bool {
        try db.queryFirst("SELECT 1 FROM oauth_grants WHERE id = \(grantID) AND user_id = \(userID)",
                          { _ in true }) != nil
    }

    static let oauthClientQuery: SQL =
        "SELECT id, client_id, name, redirect_uris, secret_hash, created_at FROM oauth_clients"

    static func decodeOAuthClient(_ row: SQLiteRow) -> Result<OAuthClient, StoreError> {
        guard let uris = decodeRedirectURIs(row.text(3)) else {
            return .failure(.backend("oauth_clients: unreadable redirect_uris"))
        }
        return .success(OAuthClient(id: row.int64(0), clientID: row.text(1), name: row.text(2), redirectURIs: uris,
                                    secretHash: row.optionalText(4), createdAt: row.int64(5)))
    }

    static let oauthGrantQuery: SQL = "SELECT id, user_id, client_id, scopes, created_at FROM oauth_grants"

    static func decodeOAuthGrant(_ row: SQLiteRow) -> OAuthGrant {
        OAuthGrant(id: row.int64(0), userID: row.int64(1), clientID: row.text(2), scopes: decodeScopes(row.text(3)),
                   createdAt: row.int64(4))
    }

    static let refreshTokenQuery: SQL =
        "SELECT id, grant_id, token_hash, created_at, expires_at, replaced_at FROM refresh_tokens"

    static func decodeRefreshToken(_ row: SQLiteRow) -> RefreshToken {
        RefreshToken(id: row.int64(0), grantID: row.int64(1), tokenHash: row.text(2), createdAt: row.int64(3),
                     expiresAt: row.int64(4), replacedAt: row.optionalInt64(5))
    }

    /// The URIs as a JSON array of strings, in their order: exact for any string, unlike a separator.
    static func encodeRedirectURIs(_ uris: [String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        // Encoding an array of strings cannot fail.
        return String(decoding: (try? encoder.encode(uris)) ?? Data("[]".utf8), as: UTF8.self)
    }

    static func decodeRedirectURIs(_ text: String) -> [String]? {
        try? JSONDecoder().decode([String].self, from: Data(text.utf8))
    }
}
