import CalendarAPI
import CalendarStore
import Calendaring
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import OpenAPIHummingbird
import OpenAPIRuntime

/// The JSON API door at `/api/v1`: its OpenAPI document, and every operation the document describes, routed by the
/// generated server code onto `CalendarAPIService` behind the same sign-in, login throttling and body limit as
/// CalDAV. The caller is bound to the request's task for the handlers (`APICaller.current`); anything the router
/// itself refuses (no such path or method) is answered as problem details too. Exactly two operations run without
/// signing in (`isOpen`): self sign-up and redeeming an e-mail verification code, limited per client address and to
/// a small body instead.
struct APIDoor: Sendable {
    static let prefix = "/api/v1"
    static let documentPath = prefix + "/openapi.yaml"

    let responder: RouterResponder<AlmanacRequestContext>
    let authenticator: Authenticator
    let bodyLimit: RequestBodyLimit
    let rateLimiter: APIRateLimiter
    /// Requests of the open operations, per client address.
    let openRateLimiter: APIRateLimiter
    let idempotency: IdempotentRequests
    /// The OpenAPI document, read once at start; nil when the binary was installed without its resources.
    let document: [UInt8]?

    init(service: CalendarAPIService, authenticator: Authenticator, bodyLimit: RequestBodyLimit,
         requestsPerMinute: Int, logger: Logger) throws {
        let router = Router(context: AlmanacRequestContext.self)
        // Compact JSON with stable key order; slashes unescaped (URLs and zone names stay readable).
        try service.registerHandlers(on: router, serverURL: URL(string: Self.prefix)!,
                                     configuration: Configuration(jsonEncodingOptions: [.sortedKeys, .withoutEscapingSlashes]),
                                     middlewares: [ProblemMiddleware(logger: logger), HeaderValueMiddleware(), NullRejectingMiddleware()])
        self.responder = router.buildResponder()
        self.authenticator = authenticator
        self.bodyLimit = bodyLimit
        self.rateLimiter = APIRateLimiter(perMinute: requestsPerMinute)
        self.openRateLimiter = APIRateLimiter(perMinute: requestsPerMinute == 0 ? 0
                                                  : min(requestsPerMinute, Self.openRequestsPerMinute))
        self.idempotency = IdempotentRequests(store: authenticator.store)
        self.document = Self.loadDocument()
    }

    /// Requests a minute one client address may make to the open operations (unless the API is unlimited): enough
    /// for a person retrying a form, too few to mint accounts or guess codes in bulk.
    static let openRequestsPerMinute = 30
    /// The largest body the open operations read (a name, an address, a password, a code).
    static let openBodyLimit = 16_384

    static func handles(_ path: String) -> Bool {
        path == prefix || path.hasPrefix(prefix + "/")
    }

    /// Whether the request is one of the operations anyone may call: `POST /accounts` and `POST /accounts/verify`.
    static func isOpen(method: HTTPRequest.Method, path: String) -> Bool {
        method == .post && (path == prefix + "/accounts" || path == prefix + "/accounts/verify")
    }

    func respond(to request: Request, context: AlmanacRequestContext, address: String?) async -> Response {
        if request.uri.path == Self.documentPath && (request.method == .get || request.method == .head) {
            return documentResponse(isHead: request.method == .head)
        }
        if Self.isOpen(method: request.method, path: request.uri.path) {
            return await respondWithoutSignIn(to: request, context: context, address: address)
        }
        let outcome: Authenticator.Outcome
        do {
            outcome = try await authenticator.authenticate(authorization: request.headers[.authorization],
                                                           address: address)
        } catch {
            return Self.problem(error.apiProblem)
        }
        switch outcome {
        case .rejected:
            return Self.problem(APIError(status: 401, kind: "unauthorized",
                                         detail: "Sign in with HTTP Basic (a user name and a password or app password) "
                                             + "or a bearer token (a personal access token).",
                                         headers: ["WWW-Authenticate": "Basic realm=\"\(ServerResponse.realm)\", charset=\"UTF-8\", "
                                                      + "Bearer realm=\"\(ServerResponse.realm)\""]))
        case .throttled(let retryAfter):
            let seconds = max(1, Int(retryAfter.components.seconds) + (retryAfter.components.attoseconds > 0 ? 1 : 0))
            return Self.problem(APIError(status: 429, kind: "too-many-login-failures",
                                         detail: "Too many failed sign-ins; try again in \(seconds) seconds.",
                                         headers: ["Retry-After": String(seconds)]))
        case .authenticated(let principal), .token(let principal, _, _):
            context.authenticatedUser.value = principal.userName
            var scopes: Set<AccessTokenScope>?
            var limits = ["user \(principal.userID)"]
            if case .token(_, _, let tokenID) = outcome { limits.append("token \(tokenID)") }
            if let wait = await rateLimiter.admit(limits) {
                return Self.problem(APIError(status: 429, kind: "rate-limited",
                                             detail: "Too many requests; try again in \(wait) seconds.",
                                             headers: ["Retry-After": String(wait)]))
            }
            if case .token(_, let granted, _) = outcome {
                if let refusal = TokenScopeRule.apiRefusal(method: request.method, path: request.uri.path,
                                                           scopes: granted) {
                    return Self.problem(APIError(status: 403, kind: "insufficient-scope", detail: refusal))
                }
                scopes = granted
            }
            var request = request
            let body: [UInt8]
            do {
                body = try await bodyLimit.collect(request)
                request.body = RequestBody(buffer: ByteBuffer(bytes: body))
            } catch {
                return Self.problem(APIError(status: 413, kind: "too-large",
                                             detail: "The body is larger than the limit of \(bodyLimit.maximumBytes) bytes."))
            }
            let caller = APICaller(userID: principal.userID, userName: principal.userName, scopes: scopes)
            guard IdempotentRequests.applies(to: request), let key = request.headers[IdempotentRequests.header] else {
                return await run(request, caller: caller, context: context)
            }
            do {
                return try await idempotency.respond(key: key, userID: principal.userID, request: request, body: body) {
                    await run(request, caller: caller, context: context)
                }
            } catch {
                return Self.problem(error.apiProblem)
            }
        }
    }

    /// An open operation: credentials, if any, are not looked at (the operation acts for nobody), the client address
    /// is limited instead of a user, and the body is read up to `openBodyLimit`.
    private func respondWithoutSignIn(to request: Request, context: AlmanacRequestContext, address: String?) async
        -> Response {
        if let wait = await openRateLimiter.admit(["address \(address ?? "unknown")"]) {
            return Self.problem(APIError(status: 429, kind: "rate-limited",
                                         detail: "Too many requests; try again in \(wait) seconds.",
                                         headers: ["Retry-After": String(wait)]))
        }
        let limit = RequestBodyLimit(maximumBytes: min(bodyLimit.maximumBytes, Self.openBodyLimit))
        var request = request
        do {
            request.body = RequestBody(buffer: ByteBuffer(bytes: try await limit.collect(request)))
        } catch {
            return Self.problem(APIError(status: 413, kind: "too-large",
                                         detail: "The body is larger than the limit of \(limit.maximumBytes) bytes."))
        }
        return await run(request, caller: nil, context: context)
    }

    /// The operation the request names, run for `caller` (nobody for an open operation); whatever it throws
    /// answered as problem details.
    private func run(_ request: Request, caller: APICaller?, context: AlmanacRequestContext) async -> Response {
        do {
            let response = try await APICaller.$current.withValue(caller) {
                try await responder.respond(to: request, context: context)
            }
            // The router's own answer when no route matches is a bare 404; every operation's has a content type.
            if response.status == .notFound && response.headers[.contentType] == nil {
                return noOperation(request)
            }
            return response
        } catch let error as HTTPError where error.status == .notFound {
            return noOperation(request)
        } catch let error as HTTPError {
            return Self.problem(APIError(status: Int(error.status.code), kind: "invalid-request",
                                         detail: error.body ?? "The request was refused."))
        } catch {
            context.logger.error("API request failed", metadata: ["error": .string(String(describing: error))])
            return Self.problem(APIError(status: 500, kind: "server-error",
                                         detail: "The server failed; request id \(context.requestID)."))
        }
    }

    private func noOperation(_ request: Request) -> Response {
        Self.problem(APIError(status: 404, kind: "not-found",
                              detail: "No operation \(request.method) \(request.uri.path); the OpenAPI document at "
                                  + "\(Self.documentPath) lists them."))
    }

    private func documentResponse(isHead: Bool) -> Response {
        guard let document else {
            return Self.problem(APIError(status: 404, kind: "not-found",
                                         detail: "The OpenAPI document was not installed beside the almanac binary."))
        }
        var headers: HTTPFields = [.contentType: "application/yaml; charset=utf-8", .cacheControl: "no-cache"]
        headers[.contentLength] = String(document.count)
        return Response(status: .ok, headers: headers,
                        body: isHead ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: document)))
    }

    static func problem(_ problem: APIError) -> Response {
        var headers: HTTPFields = [.contentType: "application/problem+json", .cacheControl: "no-store"]
        for (name, value) in problem.headers {
            if let name = HTTPField.Name(name) { headers[name] = value }
        }
        return Response(status: .init(code: problem.status), headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: ProblemRendering.json(problem))))
    }

    /// The document from the resource bundle SwiftPM puts beside the binary, looked up without `Bundle.module`
    /// (which stops the process when the bundle is missing).
    private static func loadDocument() -> [UInt8]? {
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        let candidates = [
            Bundle.main.bundleURL, executable.deletingLastPathComponent(),
        ].map { $0.appendingPathComponent("Almanac_AlmanacServer.resources/openapi.yaml") }
        for url in candidates {
            if let data = try? Data(contentsOf: url) { return Array(data) }
        }
        return nil
    }
}

extension StoreError {
    /// The store failing while signing in: 503, as for CalDAV.
    var apiProblem: APIError {
        APIError(status: 503, kind: "store-unavailable", detail: "The calendar store is unavailable; try again shortly.",
                 headers: ["Retry-After": "5"])
    }
}
