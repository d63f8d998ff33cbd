import CalendarStore
import Calendaring
import Foundation
import HTTPTypes
import Hummingbird

/// Almanac's OAuth 2.0 authorization server on the wire: the consent page at `/oauth/authorize`, the token,
/// revocation and introspection endpoints, and the metadata document. The protocol itself is
/// `OAuthAuthorizationServer`'s; this door parses forms, signs the person in on the consent page (with the same
/// login throttle as every door) and writes the answers.
/// Spec: RFC 6749 §3.1 (authorization endpoint), §3.2 and §5 (token endpoint, JSON answers, no caching), RFC 7009,
/// RFC 7662, RFC 8414.
struct OAuthDoor: Sendable {
    static let metadataPath = "/.well-known/oauth-authorization-server"
    /// Forms here are a few hundred bytes; anything near this is not a client of ours.
    static let maximumFormBytes = 16 * 1_024

    let store: any CalendarStore
    let authenticator: Authenticator
    /// The configured public URL's origin; nil to take it from each request's Host.
    let configuredIssuer: String?
    /// Sign-in through an external OpenID Connect provider, when one is configured.
    let singleSignOn: SingleSignOn?

    init(store: any CalendarStore, authenticator: Authenticator, baseURL: URL?, singleSignOn: SingleSignOn? = nil) {
        self.store = store
        self.authenticator = authenticator
        self.configuredIssuer = baseURL.flatMap(Self.origin)
        self.singleSignOn = singleSignOn
    }

    static func handles(_ path: String) -> Bool {
        path.hasPrefix("/oauth/") || path == metadataPath
    }

    func respond(to request: Request, address: String?) async -> Response {
        let server = OAuthAuthorizationServer(store: store, issuer: issuer(for: request))
        let now = Int64(Date().timeIntervalSince1970)
        switch (request.method, request.uri.path) {
        case (.get, Self.metadataPath), (.head, Self.metadataPath):
            return Self.json(OAuthServerMetadata(issuer: server.issuer), status: .ok, cacheable: true)
        case (.get, "/oauth/authorize"):
            return await showConsent(query: request.uri.query ?? "", server: server)
        case (.post, "/oauth/authorize"):
            return await decide(request, server: server, address: address, now: now)
        case (.get, "/oauth/sso/start"):
            return await startSingleSignOn(query: request.uri.query ?? "", server: server, now: now)
        case (.get, "/oauth/sso/callback"):
            return await finishSingleSignOn(query: request.uri.query ?? "", server: server, now: now)
        case (.post, "/oauth/token"):
            return await endpoint(request) { form, credentials throws(OAuthError) in
                Self.json(try await server.token(form, credentials: credentials, now: now), status: .ok)
            }
        case (.post, "/oauth/revoke"):
            return await endpoint(request) { form, credentials throws(OAuthError) in
                try await server.revoke(form, credentials: credentials, now: now)
                return Response(status: .ok, headers: [.cacheControl: "no-store", .contentLength: "0"])
            }
        case (.post, "/oauth/introspect"):
            return await endpoint(request) { form, credentials throws(OAuthError) in
                Self.json(try await server.introspect(form, credentials: credentials, now: now), status: .ok)
            }
        case (_, "/oauth/authorize"), (_, "/oauth/token"), (_, "/oauth/sso/start"), (_, "/oauth/sso/callback"), (_, "/oauth/revoke"), (_, "/oauth/introspect"),
             (_, Self.metadataPath):
            return ServerResponse.text(.methodNotAllowed, "\(request.method) is not allowed here.")
        default:
            return ServerResponse.text(.notFound, "No OAuth endpoint at \(request.uri.path); see \(Self.metadataPath).")
        }
    }

    // MARK: The consent page

    private func showConsent(query: String, server: OAuthAuthorizationServer) async -> Response {
        guard let parameters = Self.form(query) else {
            return Self.errorPage("The authorization request's parameters are malformed or repeated.")
        }
        do {
            let authorization = try await server.authorizationRequest(parameters)
            return OAuthConsentPage(request: authorization, singleSignOnName: singleSignOn?.configuration.displayName)
                .page.response()
        } catch {
            return refusal(error, server: server)
        }
    }

    private func decide(_ request: Request, server: OAuthAuthorizationServer, address: String?, now: Int64) async
        -> Response {
        guard let form = await Self.formBody(request) else {
            return Self.errorPage("The form is malformed, repeats a field, or is too large.")
        }
        let authorization: OAuthAuthorizationRequest
        do {
            authorization = try await server.authorizationRequest(form)
        } catch {
            return refusal(error, server: server)
        }
        guard form["decision"] == "allow" else {
            return Self.redirect(server.deny(authorization))
        }
        if let ticket = form["sso_ticket"] {
            guard let singleSignOn else { return Self.errorPage("Single sign-on is not configured.") }
            do {
                let user = try await singleSignOn.redeem(ticket: ticket, for: authorization, now: now)
                return Self.redirect(try await server.approve(authorization, user: user, now: now))
            } catch let error as SingleSignOnError {
                return Self.errorPage(error.sentence)
            } catch let error as OAuthError {
                return refusal(error, server: server)
            } catch {
                return Self.errorPage("The sign-in failed.")
            }
        }
        let userName = form["user_name"] ?? ""
        var page = OAuthConsentPage(request: authorization, userName: userName,
                                    singleSignOnName: singleSignOn?.configuration.displayName)
        let header = "Basic " + Data("\(userName):\(form["password"] ?? "")".utf8).base64EncodedString()
        let outcome: Authenticator.Outcome
        do {
            outcome = try await authenticator.authenticate(authorization: header, address: address)
        } catch {
            page.error = "The server's store is unavailable; try again shortly."
            return page.page.response(status: .serviceUnavailable)
        }
        switch outcome {
        case .authenticated(let principal):
            let user: User?
            do {
                user = try await store.user(id: principal.userID)
            } catch {
                page.error = "The server's store is unavailable; try again shortly."
                return page.page.response(status: .serviceUnavailable)
            }
            guard let user else {
                page.error = "The user name or password is wrong."
                return page.page.response(status: .unauthorized)
            }
            do {
                return Self.redirect(try await server.approve(authorization, user: user, now: now))
            } catch {
                return refusal(error, server: server)
            }
        case .throttled(let wait):
            page.error = "Too many failed sign-ins; try again in \(max(1, wait.components.seconds)) seconds."
            return page.page.response(status: .tooManyRequests)
        case .rejected, .token:
            page.error = "The user name or password is wrong."
            return page.page.response(status: .unauthorized)
        }
    }

    // MARK: Single sign-on

    private func startSingleSignOn(query: String, server: OAuthAuthorizationServer, now: Int64) async -> Response {
        guard let singleSignOn else { return Self.errorPage("Single sign-on is not configured on this server.") }
        guard let parameters = Self.form(query) else {
            return Self.errorPage("The authorization request's parameters are malformed or repeated.")
        }
        do {
            let authorization = try await server.authorizationRequest(parameters)
            let checked = Dictionary(authorization.parameters.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
            return Self.redirect(try await singleSignOn.start(authorization: checked,
                                                              callback: server.issuer + "/oauth/sso/callback", now: now))
        } catch let error as OAuthError {
            return refusal(error, server: server)
        } catch let error as SingleSignOnError {
            return Self.errorPage(error.sentence)
        } catch {
            return Self.errorPage("The sign-in could not start.")
        }
    }

    private func finishSingleSignOn(query: String, server: OAuthAuthorizationServer, now: Int64) async -> Response {
        guard let singleSignOn else { return Self.errorPage("Single sign-on is not configured on this server.") }
        guard let parameters = Self.form(query) else {
            return Self.errorPage("The provider's answer is malformed.")
        }
        do {
            let finished = try await singleSignOn.finish(parameters, callback: server.issuer + "/oauth/sso/callback",
                                                         now: now)
            let authorization = try await server.authorizationRequest(finished.authorization)
            return OAuthConsentPage(request: authorization, ticket: (finished.ticket, finished.user.name)).page.response()
        } catch let error as OAuthError {
            return refusal(error, server: server)
        } catch let error as SingleSignOnError {
            return Self.errorPage(error.sentence)
        } catch {
            return Self.errorPage("The sign-in failed.")
        }
    }

    /// An error goes back to the client when its redirection URI is trusted, else it is shown to the person.
    private func refusal(_ error: OAuthError, server: OAuthAuthorizationServer) -> Response {
        if let redirect = error.redirect {
            return Self.redirect(redirect.location(for: error, issuer: server.issuer))
        }
        return Self.errorPage(error.description)
    }

    private static func errorPage(_ sentence: String) -> Response {
        HTMLPage(title: "This sign-in link does not work",
                 body: "<p class=\"error\" role=\"alert\">\(HTMLPage.escape(sentence))</p>\n"
                     + "<p>Go back to the application and try again, or tell its developer.</p>")
            .response(status: .badRequest)
    }

    private static func redirect(_ location: String) -> Response {
        // 303: the browser follows with a GET whatever method brought it here.
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store", .contentLength: "0"])
    }

    // MARK: Token, revocation and introspection

    private func endpoint(_ request: Request,
                          _ body: ([String: String], OAuthClientCredentials?) async throws(OAuthError) -> Response)
        async -> Response {
        guard request.headers[.contentType].map({ $0.lowercased().hasPrefix("application/x-www-form-urlencoded") }) == true else {
            return Self.oauthError(OAuthError(.invalidRequest, "Send the parameters as application/x-www-form-urlencoded."))
        }
        guard let form = await Self.formBody(request) else {
            return Self.oauthError(OAuthError(.invalidRequest, "The form is malformed, repeats a parameter, or is too large."))
        }
        let credentials: OAuthClientCredentials?
        do {
            credentials = try Self.clientCredentials(request, form: form)
        } catch {
            return Self.oauthError(error)
        }
        do {
            return try await body(form, credentials)
        } catch {
            return Self.oauthError(error, challenge: credentials?.viaHeader == true)
        }
    }

    /// The client's credentials, from the Basic header (each half form-encoded, RFC 6749 §2.3.1) or the form.
    static func clientCredentials(_ request: Request, form: [String: String]) throws(OAuthError)
        -> OAuthClientCredentials? {
        if let header = request.headers[.authorization] {
            guard let basic = BasicCredentials(authorization: header),
                  let id = basic.userName.removingPercentEncoding, let secret = basic.password.removingPercentEncoding else {
                throw OAuthError(.invalidClient, "The Authorization header is not a client's Basic credentials.")
            }
            guard form["client_secret"] == nil else {
                throw OAuthError(.invalidRequest, "Give the client's credentials one way only (RFC 6749 §2.3).")
            }
            if let formID = form["client_id"], formID != id {
                throw OAuthError(.invalidRequest, "The client_id differs from the Authorization header's.")
            }
            return OAuthClientCredentials(clientID: id, secret: secret, viaHeader: true)
        }
        guard let id = form["client_id"] else { return nil }
        return OAuthClientCredentials(clientID: id, secret: form["client_secret"], viaHeader: false)
    }

    private static func oauthError(_ error: OAuthError, challenge: Bool = false) -> Response {
        let status: HTTPResponse.Status
        switch error.code {
        case .invalidClient: status = .unauthorized
        case .temporarilyUnavailable: status = .serviceUnavailable
        case .serverError: status = .internalServerError
        default: status = .badRequest
        }
        var response = json(["error": error.code.rawValue, "error_description": error.description], status: status)
        if status == .unauthorized && challenge {
            response.headers[.wwwAuthenticate] = "Basic realm=\"\(ServerResponse.realm)\""
        }
        return response
    }

    private static func json(_ value: some Encodable, status: HTTPResponse.Status, cacheable: Bool = false) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let bytes = (try? encoder.encode(value)).map(Array.init) ?? Array("{}".utf8)
        var headers: HTTPFields = [.contentType: "application/json", .contentLength: String(bytes.count)]
        headers[.cacheControl] = cacheable ? "max-age=3600" : "no-store"
        if !cacheable { headers[HTTPField.Name("Pragma")!] = "no-cache" }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    // MARK: Forms and the issuer

    /// A form's fields; nil when it is malformed or repeats a field (RFC 6749 §3.1: parameters are sent once).
    static func form(_ encoded: String) -> [String: String]? {
        if encoded.isEmpty { return [:] }
        return try? URLEncodedFormDecoder().decode([String: String].self, from: encoded)
    }

    private static func formBody(_ request: Request) async -> [String: String]? {
        guard let buffer = try? await request.body.collect(upTo: maximumFormBytes) else { return nil }
        return form(String(buffer: buffer))
    }

    private func issuer(for request: Request) -> String {
        if let configuredIssuer { return configuredIssuer }
        return "http://" + (request.head.authority ?? "127.0.0.1")
    }

    private static func origin(_ url: URL) -> String? {
        guard let scheme = url.scheme, let host = url.host() else { return nil }
        return "\(scheme)://\(host)" + (url.port.map { ":\($0)" } ?? "")
    }
}
