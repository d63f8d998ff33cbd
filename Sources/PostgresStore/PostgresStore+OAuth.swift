import CalendarStore
import Foundation

/// The OAuth 2.0 authorization server's records: clients in `oauth_clients`, the grants users gave them in
/// `oauth_grants`, and the grants' refresh tokens in `refresh_tokens`; see `PostgresSchema.version5`. A grant's
/// access tokens live with the personal ones in `access_tokens` (`PostgresStore+AccessTokens`).
extension PostgresStore {
    // MARK: Clients

    public func addOAuthClient(_ client: NewOAuthClient) async throws(StoreError) -> OAuthClient {
        try await database.write { session in
            let created = Self.now()
            // The unique key decides, so two nodes registering the same client id at once cannot both succeed.
            let id = try await session.queryFirst("""
                INSERT INTO oauth_clients (client_id, name, redirect_uris, secret_hash, created_at)
                VALUES (\(client.clientID), \(client.name), \(Self.encodeRedirectURIs(client.redirectURIs)),
                        \(client.secretHash)::text, \(created))
                ON CONFLICT (client_id) DO NOTHING RETURNING id
                """) { try $0.int64(0) }
            guard let id else { throw StoreError.alreadyExists }
            return OAuthClient(id: id, clientID: client.clientID, name: client.name, redirectURIs: client.redirectURIs,
                               secretHash: client.secretHash, createdAt: created)
        }
    }

    public func oauthClient(clientID: String) async throws(StoreError) -> OAuthClient? {
        try await database.read { session in
            try await session.queryFirst(Self.oauthClientQuery(where: "client_id = \(clientID)"),
                                         Self.decodeOAuthClient)
        }
    }

    public func oauthClients() async throws(StoreError) -> [OAuthClient] {
        try await database.read { session in
            try await session.query(Self.oauthClientQuery(where: "true ORDER BY client_id"), Self.decodeOAuthClient)
        }
    }

    public func deleteOAuthClient(clientID: String) async throws(StoreError) {
        // Foreign keys cascade to the client's grants and from them to their access and refresh tokens.
        try await database.write { session in
            guard try await session.run("""
                DELETE FROM oauth_clients WHERE client_id = \(clientID) RETURNING 1
                """) == 1 else { throw StoreError.notFound }
        }
    }

    // MARK: Grants

    public func createOAuthGrant(userID: Int64, clientID: String, scopes: [String]) async throws(StoreError)
        -> OAuthGrant {
        try await database.write { session in
            // KEY SHARE, as the foreign keys would take: a concurrent delete of the user or the client waits instead
            // of turning the insert into a foreign-key failure after the checks passed.
            guard try await Self.keyShare(.user(userID), session),
                  try await session.exists("SELECT 1 FROM oauth_clients WHERE client_id = \(clientID) FOR KEY SHARE")
            else { throw StoreError.notFound }
            let created = Self.now()
            let id = try await session.queryFirst("""
                INSERT INTO oauth_grants (user_id, client_id, scopes, created_at)
                VALUES (\(userID), \(clientID), \(Self.encodeScopes(scopes)), \(created)) RETURNING id
                """) { try $0.int64(0) }
            guard let id else { throw StoreError.backend("INSERT INTO oauth_grants returned no id") }
            return OAuthGrant(id: id, userID: userID, clientID: clientID, scopes: scopes, createdAt: created)
        }
    }

    public func oauthGrant(id: Int64) async throws(StoreError) -> OAuthGrant? {
        try await database.read { session in
            try await session.queryFirst(Self.oauthGrantQuery(where: "id = \(id)"), Self.decodeOAuthGrant)
        }
    }

    public func oauthGrants(userID: Int64) async throws(StoreError) -> [OAuthGrant] {
        try await database.read { session in
            try await session.query(Self.oauthGrantQuery(where: "user_id = \(userID) ORDER BY id"),
                                    Self.decodeOAuthGrant)
        }
    }

    public func deleteOAuthGrant(id: Int64) async throws(StoreError) {
        // Foreign keys cascade to the grant's access and refresh tokens.
        try await database.write { session in
            guard try await session.run("DELETE FROM oauth_grants WHERE id = \(id) RETURNING 1") == 1 else {
                throw StoreError.notFound
            }
        }
    }

    // MARK: Refresh tokens

    public func addRefreshToken(grantID: Int64, tokenHash: String, expiresAt: Int64) async throws(StoreError)
        -> RefreshToken {
        try await database.write { session in
            // KEY SHARE, as the foreign key would take: a concurrent revocation of the grant waits.
            guard try await session.exists("SELECT 1 FROM oauth_grants WHERE id = \(grantID) FOR KEY SHARE") else {
                throw StoreError.notFound
            }
            let created = Self.now()
            // The unique key decides, so two nodes adding the same hash at once cannot both succeed.
            let id = try await session.queryFirst("""
                INSERT INTO refresh_tokens (grant_id, token_hash, created_at, expires_at)
                VALUES (\(grantID), \(tokenHash), \(created), \(expiresAt))
                ON CONFLICT (token_hash) DO NOTHING RETURNING id
                """) { try $0.int64(0) }
            guard let id else { throw StoreError.alreadyExists }
            return RefreshToken(id: id, grantID: grantID, tokenHash: tokenHash, createdAt: created,
                                expiresAt: expiresAt, replacedAt: nil)
        }
    }

    public func useRefreshToken(hash: String, at: Int64) async throws(StoreError) -> RefreshTokenUse? {
        try await database.write { session in
            // One conditional UPDATE: of several nodes using the token at once, the first takes the row lock and
            // sets replaced_at; the others wait for it, find replaced_at set when they re-check the row, and change
            // nothing.
            let rotated = try await session.queryFirst("""
                UPDATE refresh_tokens SET replaced_at = \(at)
                WHERE token_hash = \(hash) AND replaced_at IS NULL AND expires_at >= \(at)
                RETURNING \(fragment: Self.refreshTokenColumns)
                """, Self.decodeRefreshToken)
            var token = rotated
            if token == nil {
                // Not rotated now: absent, expired, or replaced before (each statement reads the latest committed
                // rows, so a concurrent rotation is seen here).
                token = try await session.queryFirst(
                    "SELECT " + Self.refreshTokenColumns + " FROM refresh_tokens WHERE token_hash = \(hash)",
                    Self.decodeRefreshToken)
            }
            guard let token, token.expiresAt >= at,
                  let grant = try await session.queryFirst(Self.oauthGrantQuery(where: "id = \(token.grantID)"),
                                                           Self.decodeOAuthGrant) else { return nil }
            return rotated == nil ? .replayed(token, grant: grant) : .rotated(token, grant: grant)
        }
    }

    // MARK: Helpers

    /// Whether the grant exists and is the user's (a grant-issued access token belongs to the grant's user), its
    /// row locked FOR KEY SHARE as the foreign key would lock it.
    static func keyShareGrant(_ grantID: Int64, of userID: Int64, _ session: PostgresSession) async throws -> Bool {
        try await session.exists("""
            SELECT 1 FROM oauth_grants WHERE id = \(grantID) AND user_id = \(userID) FOR KEY SHARE
            """)
    }

    static func oauthClientQuery(where condition: SQL) -> SQL {
        "SELECT id, client_id, name, redirect_uris, secret_hash, created_at FROM oauth_clients WHERE " + condition
    }

    static func decodeOAuthClient(_ row: ResultRow) throws -> OAuthClient {
        guard let uris = decodeRedirectURIs(try row.text(3)) else {
            throw StoreError.backend("oauth_clients: unreadable redirect_uris")
        }
        return OAuthClient(id: try row.int64(0), clientID: try row.text(1), name: try row.text(2), redirectURIs: uris,
                           secretHash: try row.optionalText(4), createdAt: try row.int64(5))
    }

    static func oauthGrantQuery(where condition: SQL) -> SQL {
        "SELECT id, user_id, client_id, scopes, created_at FROM oauth_grants WHERE " + condition
    }

    static func decodeOAuthGrant(_ row: ResultRow) throws -> OAuthGrant {
        OAuthGrant(id: try row.int64(0), userID: try row.int64(1), clientID: try row.text(2),
                   scopes: decodeScopes(try row.text(3)), createdAt: try row.int64(4))
    }

    /// The columns `decodeRefreshToken` reads, in its order (also for `RETURNING`).
    static let refreshTokenColumns: SQL = "id, grant_id, token_hash, created_at, expires_at, replaced_at"

    static func decodeRefreshToken(_ row: ResultRow) throws -> RefreshToken {
        RefreshToken(id: try row.int64(0), grantID: try row.int64(1), tokenHash: try row.text(2),
                     createdAt: try row.int64(3), expiresAt: try row.int64(4), replacedAt: try row.optionalInt64(5))
    }

    /// The URIs as a JSON array of strings, in their order, as SQLite stores them.
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
