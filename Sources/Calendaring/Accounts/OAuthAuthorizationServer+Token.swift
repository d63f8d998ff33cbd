import CalendarStore

extension OAuthAuthorizationServer {
    /// The token endpoint: exchanges a code (with its PKCE verifier) or a refresh token for a new access token and
    /// refresh token. A code or refresh token used a second time revokes the grant it belongs to, since one of the
    /// two users of it is an attacker.
    /// Spec: RFC 6749 §4.1.3, §6, §10.5; RFC 7636 §4.6; RFC 9700 §4.14.2.
    public func token(_ form: [String: String], credentials: OAuthClientCredentials?, now: Int64)
        async throws(OAuthError) -> OAuthTokenResponse {
        let client = try await authenticate(credentials)
        switch form["grant_type"] {
        case "authorization_code":
            return try await exchangeCode(form, client: client, now: now)
        case "refresh_token":
            return try await refresh(form, client: client, now: now)
        case nil:
            throw OAuthError(.invalidRequest, "The request names no grant_type.")
        case let other?:
            throw OAuthError(.unsupportedGrantType, "The grant type \(other) is not supported; use "
                                 + "authorization_code or refresh_token.")
        }
    }

    /// The client the credentials prove: a confidential client must give its secret, a public one only its id.
    public func authenticate(_ credentials: OAuthClientCredentials?) async throws(OAuthError) -> OAuthClient {
        guard let credentials else {
            throw OAuthError(.invalidClient, "The request does not say which client it comes from (client_id).")
        }
        let found: OAuthClient?
        do {
            found = try await store.oauthClient(clientID: credentials.clientID)
        } catch {
            throw .store(error)
        }
        guard let client = found else {
            throw OAuthError(.invalidClient, "No application is registered as \(credentials.clientID).")
        }
        if let secretHash = client.secretHash {
            guard let secret = credentials.secret, AccessTokenIssuer.hash(secret) == secretHash else {
                throw OAuthError(.invalidClient, "The client's secret is missing or wrong.")
            }
        } else if credentials.secret != nil {
            throw OAuthError(.invalidClient, "\(client.name) is a public client and has no secret.")
        }
        return client
    }

    private func exchangeCode(_ form: [String: String], client: OAuthClient, now: Int64) async throws(OAuthError)
        -> OAuthTokenResponse {
        guard let code = form["code"], let redirectURI = form["redirect_uri"], let verifier = form["code_verifier"] else {
            throw OAuthError(.invalidRequest, "An authorization_code request needs code, redirect_uri and code_verifier.")
        }
        guard PKCE.isValidVerifier(verifier) else {
            throw OAuthError(.invalidRequest, "The code_verifier is not 43 to 128 unreserved characters (RFC 7636 §4.1).")
        }
        let use: OneTimeCodeUse?
        do {
            use = try await store.redeemOneTimeCode(hash: AccessTokenIssuer.hash(code), purpose: Self.codePurpose, at: now)
        } catch {
            throw .store(error)
        }
        let record: OneTimeCode
        switch use {
        case nil:
            throw OAuthError(.invalidGrant, "The authorization code is unknown or expired.")
        case .alreadyUsed(let used)?:
            if let payload = CodePayload(json: used.payload) { await revokeGrant(id: payload.grantID) }
            throw OAuthError(.invalidGrant, "The authorization code was used before; the tokens it gave are revoked.")
        case .redeemed(let redeemed)?:
            record = redeemed
        }
        guard let payload = CodePayload(json: record.payload), payload.clientID == client.clientID,
              payload.redirectURI == redirectURI else {
            throw OAuthError(.invalidGrant, "The authorization code was not issued to this client and redirection URI.")
        }
        guard PKCE.challenge(for: verifier) == payload.codeChallenge else {
            await revokeGrant(id: payload.grantID)
            throw OAuthError(.invalidGrant, "The code_verifier does not match the code_challenge (RFC 7636 §4.6).")
        }
        let grant = try await liveGrant(id: payload.grantID)
        return try await issue(grant: grant, client: client, scopes: grant.scopes, now: now)
    }

    private func refresh(_ form: [String: String], client: OAuthClient, now: Int64) async throws(OAuthError)
        -> OAuthTokenResponse {
        guard let token = form["refresh_token"] else {
            throw OAuthError(.invalidRequest, "A refresh_token request needs the refresh_token.")
        }
        guard SecretGenerator.isHexSecret(token, prefix: Self.refreshPrefix) else {
            throw OAuthError(.invalidGrant, "The refresh token is unknown, expired or revoked.")
        }
        let use: RefreshTokenUse?
        do {
            use = try await store.useRefreshToken(hash: AccessTokenIssuer.hash(token), at: now)
        } catch {
            throw .store(error)
        }
        switch use {
        case nil:
            throw OAuthError(.invalidGrant, "The refresh token is unknown, expired or revoked.")
        case .replayed(_, let grant)?:
            await revokeGrant(id: grant.id)
            throw OAuthError(.invalidGrant, "The refresh token was used before; the grant is revoked.")
        case .rotated(_, let grant)?:
            guard grant.clientID == client.clientID else {
                // Another client holds this client's refresh token: it leaked.
                await revokeGrant(id: grant.id)
                throw OAuthError(.invalidGrant, "The refresh token was not issued to this client.")
            }
            var scopes = grant.scopes
            if let asked = form["scope"] {
                let narrowed = try Self.scopes(asked, redirect: nil).map(\.rawValue)
                guard narrowed.allSatisfy(grant.scopes.contains) else {
                    throw OAuthError(.invalidScope, "A refresh may only narrow the scopes granted ("
                                         + grant.scopes.joined(separator: " ") + ").")
                }
                scopes = narrowed
            }
            return try await issue(grant: grant, client: client, scopes: scopes, now: now)
        }
    }

    /// A new access token and refresh token under `grant`, for a user who may still sign in.
    private func issue(grant: OAuthGrant, client: OAuthClient, scopes: [String], now: Int64) async throws(OAuthError)
        -> OAuthTokenResponse {
        let refresh = SecretGenerator.hexSecret(prefix: Self.refreshPrefix)
        let user: User?
        do {
            user = try await store.user(id: grant.userID)
        } catch {
            throw .store(error)
        }
        guard let user, user.status == .active else {
            throw OAuthError(.invalidGrant, "The account that granted access cannot sign in.")
        }
        do {
            _ = try await store.addRefreshToken(grantID: grant.id, tokenHash: AccessTokenIssuer.hash(refresh),
                                                expiresAt: now + Self.refreshTokenLifetime)
        } catch {
            throw .store(error)
        }
        let access: String
        do {
            access = try await tokens.save(NewAccessToken(userID: user.id, label: "OAuth: \(client.name)",
                                                          tokenHash: "", scopes: scopes,
                                                          expiresAt: now + Self.accessTokenLifetime,
                                                          grantID: grant.id)).secret
        } catch {
            throw OAuthError(.temporarilyUnavailable, "The server's store is unavailable; try again shortly.")
        }
        return OAuthTokenResponse(accessToken: access, tokenType: "Bearer", expiresIn: Self.accessTokenLifetime,
                                  refreshToken: refresh, scope: scopes.joined(separator: " "))
    }

    private func liveGrant(id: Int64) async throws(OAuthError) -> OAuthGrant {
        let grant: OAuthGrant?
        do {
            grant = try await store.oauthGrant(id: id)
        } catch {
            throw .store(error)
        }
        guard let grant else { throw OAuthError(.invalidGrant, "The user revoked this authorization.") }
        return grant
    }

    /// Ends a grant and every token it issued; a grant already gone is fine.
    func revokeGrant(id: Int64) async {
        try? await store.deleteOAuthGrant(id: id)
    }
}
