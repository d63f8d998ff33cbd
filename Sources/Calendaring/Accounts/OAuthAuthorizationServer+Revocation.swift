import CalendarStore

extension OAuthAuthorizationServer {
    /// Revokes a token the client holds, and with it the whole grant: an access token's refresh token and a refresh
    /// token's access tokens go too (RFC 7009 §2.1 allows both). Unknown tokens, and tokens of other clients, are
    /// answered as revoked without effect, so the endpoint reveals nothing; a refresh token presented by a client it
    /// was not issued to has leaked and its grant is revoked as well.
    /// Spec: RFC 7009 §2.1, §2.2.
    public func revoke(_ form: [String: String], credentials: OAuthClientCredentials?, now: Int64)
        async throws(OAuthError) {
        let client = try await authenticate(credentials)
        guard let token = form["token"] else {
            throw OAuthError(.invalidRequest, "The request names no token.")
        }
        if AccessTokenIssuer.looksLikeToken(token) {
            let record: AccessToken?
            do {
                record = try await store.accessToken(hash: AccessTokenIssuer.hash(token))
            } catch {
                throw .store(error)
            }
            guard let grantID = record?.grantID, let grant = try? await store.oauthGrant(id: grantID),
                  grant.clientID == client.clientID else { return }
            await revokeGrant(id: grantID)
        } else if SecretGenerator.isHexSecret(token, prefix: Self.refreshPrefix) {
            // Finding a refresh token uses it up; the grant goes anyway.
            switch try? await store.useRefreshToken(hash: AccessTokenIssuer.hash(token), at: now) {
            case .rotated(_, let grant)?, .replayed(_, let grant)?:
                await revokeGrant(id: grant.id)
            case nil:
                return
            }
        }
    }

    /// What a resource server may know about a token: for a confidential client only (a public one could probe
    /// tokens it found). Access tokens of every kind are described; anything else is inactive.
    /// Spec: RFC 7662 §2.1 (the caller is authenticated), §2.2.
    public func introspect(_ form: [String: String], credentials: OAuthClientCredentials?, now: Int64)
        async throws(OAuthError) -> OAuthIntrospection {
        let client = try await authenticate(credentials)
        guard client.secretHash != nil else {
            throw OAuthError(.unauthorizedClient, "Only a confidential client (one with a secret) may introspect tokens.")
        }
        guard let token = form["token"] else {
            throw OAuthError(.invalidRequest, "The request names no token.")
        }
        guard AccessTokenIssuer.looksLikeToken(token) else { return .inactive }
        do {
            guard let record = try await store.accessToken(hash: AccessTokenIssuer.hash(token)),
                  record.expiresAt.map({ $0 > now }) ?? true,
                  let user = try await store.user(id: record.userID), user.status == .active else { return .inactive }
            var clientID: String?
            if let grantID = record.grantID {
                guard let grant = try await store.oauthGrant(id: grantID) else { return .inactive }
                clientID = grant.clientID
            }
            return OAuthIntrospection(active: true, scope: record.scopes.joined(separator: " "), clientID: clientID,
                                      username: user.name, tokenType: "Bearer", exp: record.expiresAt,
                                      iat: record.createdAt, sub: String(user.id))
        } catch {
            throw .store(error)
        }
    }
}
