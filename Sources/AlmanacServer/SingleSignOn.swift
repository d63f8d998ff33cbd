import AsyncHTTPClient
import CalendarStore
import Calendaring
import Foundation
import JWTKit
import NIOCore

/// Signing in through an external OpenID Connect provider, on the way to Almanac's own consent page: the browser
/// goes to the provider with a state, a nonce and a PKCE challenge; it comes back with a code, which is exchanged
/// (with the verifier) for an ID token; the token's signature is checked with the provider's published keys and its
/// issuer, audience, expiry and nonce with the request's; and the person is the local account with the token's
/// verified e-mail address. The round trip's secrets live in one-time codes, so any node can finish what another
/// began.
/// Spec: OpenID Connect Core 1.0 §3.1 (authorization code flow), §3.1.3.7 (ID token validation), RFC 7636 (PKCE).
struct SingleSignOn: Sendable {
    static let statePurpose = "sso-state"
    static let ticketPurpose = "sso-ticket"
    /// A round trip, and the consent after it, must finish within ten minutes.
    static let lifetime: Int64 = 600

    let configuration: SingleSignOnConfiguration
    let store: any CalendarStore
    let http: HTTPClient

    /// What the state carries across the provider: the authorization request to resume, the nonce and the verifier.
    struct State: Codable {
        var authorization: [String: String]
        var nonce: String
        var verifier: String
    }

    /// Where to send the browser to sign in, for the (already checked) authorization request's parameters.
    func start(authorization: [String: String], callback: String, now: Int64) async throws(SingleSignOnError) -> String {
        let discovery = try await discover()
        let state = SecretGenerator.hexSecret()
        let saved = State(authorization: authorization, nonce: SecretGenerator.hexSecret(),
                          verifier: SecretGenerator.hexSecret())
        guard let payload = try? JSONEncoder().encode(saved) else { throw SingleSignOnError("The sign-in could not start.") }
        do {
            _ = try await store.addOneTimeCode(NewOneTimeCode(codeHash: AccessTokenIssuer.hash(state), userID: nil,
                                                              purpose: Self.statePurpose,
                                                              payload: String(decoding: payload, as: UTF8.self),
                                                              expiresAt: now + Self.lifetime))
        } catch {
            throw SingleSignOnError("The server's store is unavailable; try again shortly.")
        }
        var components = URLComponents(string: discovery.authorizationEndpoint)
        var items = components?.queryItems ?? []
        items += [
            URLQueryItem(name: "response_type", value: "code"), URLQueryItem(name: "client_id", value: configuration.clientID),
            URLQueryItem(name: "redirect_uri", value: callback), URLQueryItem(name: "scope", value: "openid email profile"),
            URLQueryItem(name: "state", value: state), URLQueryItem(name: "nonce", value: saved.nonce),
            URLQueryItem(name: "code_challenge", value: PKCE.challenge(for: saved.verifier)),
            URLQueryItem(name: "code_challenge_method", value: "S256"),
        ]
        components?.queryItems = items
        guard let location = components?.string else {
            throw SingleSignOnError("The provider's authorization endpoint is not a URL.")
        }
        return location
    }

    /// The provider sent the browser back: the local account it vouches for, the authorization request to resume,
    /// and a ticket the consent form carries instead of a password.
    func finish(_ query: [String: String], callback: String, now: Int64) async throws(SingleSignOnError)
        -> (user: User, authorization: [String: String], ticket: String) {
        if let error = query["error"] {
            throw SingleSignOnError("The provider refused the sign-in: \(query["error_description"] ?? error).")
        }
        guard let code = query["code"], let stateSecret = query["state"] else {
            throw SingleSignOnError("The provider's answer has no code or state.")
        }
        let use: OneTimeCodeUse?
        do {
            use = try await store.redeemOneTimeCode(hash: AccessTokenIssuer.hash(stateSecret), purpose: Self.statePurpose,
                                                    at: now)
        } catch {
            throw SingleSignOnError("The server's store is unavailable; try again shortly.")
        }
        guard case .redeemed(let record)? = use,
              let state = try? JSONDecoder().decode(State.self, from: Data(record.payload.utf8)) else {
            throw SingleSignOnError("This sign-in expired or was already used; start again from the application.")
        }
        let discovery = try await discover()
        let idToken = try await exchange(code: code, verifier: state.verifier, callback: callback, at: discovery)
        let claims = try await verify(idToken, discovery: discovery, nonce: state.nonce)
        guard claims.emailVerified?.value == true, let email = claims.email, !email.isEmpty else {
            throw SingleSignOnError("The provider did not vouch for an e-mail address, so no account can be matched.")
        }
        let ticket = SecretGenerator.hexSecret()
        do {
            guard let user = try await store.user(email: email), user.status == .active else {
                throw SingleSignOnError("No account here has the address \(email); ask the administrator.")
            }
            let payload = (try? JSONEncoder().encode(state.authorization)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
            _ = try await store.addOneTimeCode(NewOneTimeCode(codeHash: AccessTokenIssuer.hash(ticket), userID: user.id,
                                                              purpose: Self.ticketPurpose, payload: payload,
                                                              expiresAt: now + Self.lifetime))
            return (user, state.authorization, ticket)
        } catch let error as SingleSignOnError {
            throw error
        } catch {
            throw SingleSignOnError("The server's store is unavailable; try again shortly.")
        }
    }

    /// The user a consent ticket names, used up, if it was made for this authorization request.
    func redeem(ticket: String, for authorization: OAuthAuthorizationRequest, now: Int64) async throws(SingleSignOnError)
        -> User {
        do {
            guard case .redeemed(let record)? = try await store.redeemOneTimeCode(
                      hash: AccessTokenIssuer.hash(ticket), purpose: Self.ticketPurpose, at: now),
                  let userID = record.userID,
                  let saved = try? JSONDecoder().decode([String: String].self, from: Data(record.payload.utf8)),
                  saved["client_id"] == authorization.client.clientID,
                  saved["code_challenge"] == authorization.codeChallenge,
                  saved["redirect_uri"] ?? authorization.redirect.uri == authorization.redirect.uri,
                  let user = try await store.user(id: userID), user.status == .active else {
                throw SingleSignOnError("This sign-in expired or was already used; start again from the application.")
            }
            return user
        } catch let error as SingleSignOnError {
            throw error
        } catch {
            throw SingleSignOnError("The server's store is unavailable; try again shortly.")
        }
    }

    // MARK: Talking to the provider

    private func discover() async throws(SingleSignOnError) -> OIDCDiscovery {
        let discovery: OIDCDiscovery = try await fetchJSON(configuration.issuer + "/.well-known/openid-configuration")
        guard discovery.issuer == configuration.issuer else {
            throw SingleSignOnError("The provider's discovery document names another issuer (\(discovery.issuer)).")
        }
        return discovery
    }

    private struct TokenAnswer: Decodable {
        var idToken: String?
        enum CodingKeys: String, CodingKey { case idToken = "id_token" }
    }

    private func exchange(code: String, verifier: String, callback: String, at discovery: OIDCDiscovery)
        async throws(SingleSignOnError) -> String {
        var request = HTTPClientRequest(url: discovery.tokenEndpoint)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        let credentials = FormEncoding.encode(configuration.clientID) + ":" + FormEncoding.encode(configuration.clientSecret)
        request.headers.add(name: "Authorization", value: "Basic " + Data(credentials.utf8).base64EncodedString())
        let form = [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", callback),
                    ("code_verifier", verifier)]
        request.body = .bytes(ByteBuffer(string: FormEncoding.encode(form)))
        let answer: TokenAnswer = try await send(request, what: "token endpoint")
        guard let idToken = answer.idToken else { throw SingleSignOnError("The provider returned no ID token.") }
        return idToken
    }

    private func verify(_ idToken: String, discovery: OIDCDiscovery, nonce: String) async throws(SingleSignOnError)
        -> OIDCIDToken {
        var request = HTTPClientRequest(url: discovery.jwksURI)
        request.headers.add(name: "Accept", value: "application/json")
        let jwks = try await sendRaw(request, what: "keys")
        do {
            let keys = try await JWTKeyCollection().add(jwksJSON: jwks)
            let claims = try await keys.verify(idToken, as: OIDCIDToken.self, expectedAudience: configuration.clientID)
            guard claims.issuer.value == configuration.issuer else {
                throw SingleSignOnError("The ID token comes from another issuer (\(claims.issuer.value)).")
            }
            guard claims.nonce == nonce else {
                throw SingleSignOnError("The ID token does not belong to this sign-in (its nonce differs).")
            }
            return claims
        } catch let error as SingleSignOnError {
            throw error
        } catch {
            throw SingleSignOnError("The provider's ID token did not verify: \(error).")
        }
    }

    private func fetchJSON<T: Decodable>(_ url: String) async throws(SingleSignOnError) -> T {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Accept", value: "application/json")
        return try await send(request, what: "discovery document")
    }

    private func send<T: Decodable>(_ request: HTTPClientRequest, what: String) async throws(SingleSignOnError) -> T {
        let text = try await sendRaw(request, what: what)
        guard let value = try? JSONDecoder().decode(T.self, from: Data(text.utf8)) else {
            throw SingleSignOnError("The provider's \(what) is not the JSON expected.")
        }
        return value
    }

    private func sendRaw(_ request: HTTPClientRequest, what: String) async throws(SingleSignOnError) -> String {
        do {
            let response = try await http.execute(request, timeout: .seconds(10))
            let body = try await response.body.collect(upTo: 1 << 20)
            guard response.status == .ok else {
                throw SingleSignOnError("The provider's \(what) answered \(response.status.code): \(String(buffer: body).prefix(200))")
            }
            return String(buffer: body)
        } catch let error as SingleSignOnError {
            throw error
        } catch {
            throw SingleSignOnError("The provider's \(what) could not be reached: \(error).")
        }
    }
}
