import CalDAV
import CalendarStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import WebDAV

/// Routes every request: `/health` and `/.well-known/caldav` are answered here, `/api/v1` goes to the JSON API door
/// (`APIDoor`), `/oauth/` to the OAuth 2.0 authorization server (`OAuthDoor`), OPTIONS without credentials goes to
/// the DAV layer as nobody (clients probe for DAV support before they log in), and everything else is
/// authenticated with HTTP Basic, its body collected under the size limit, and handed to `CalDAVService`.
///
/// A Hummingbird router is not used for the DAV space: DAV has open-ended methods (PROPFIND, REPORT, MKCALENDAR,
/// and extensions) on every path, which a method-per-route trie cannot express.
public struct AlmanacResponder: HTTPResponder {
    public typealias Context = AlmanacRequestContext

    public let service: CalDAVService
    public let authenticator: Authenticator
    public let configuration: ServerConfiguration
    private let bodyLimit: RequestBodyLimit
    private let log = RequestLogMiddleware()
    /// `service.handle`, or in tests a probe that records what the DAV layer would receive.
    private let handleDAV: @Sendable (DAVRequest) async -> DAVResponse
    /// `service.refusalBeforeBody`: asked, before a 100 Continue, whether the headers alone already decide.
    private let refusalBeforeBody: @Sendable (DAVRequest) async -> DAVResponse?
    /// The JSON API at /api/v1; nil in tests of the DAV adapter alone.
    private let api: APIDoor?
    /// The pages under /account/; nil in tests of the DAV adapter alone.
    private let accountPages: AccountPages?
    /// The OAuth 2.0 authorization server's endpoints under /oauth/.
    private let oauth: OAuthDoor

    /// The principal OPTIONS requests act as: nobody. OPTIONS reveals only what the server supports.
    public static let anonymous = DAVPrincipal.anonymous

    public init(service: CalDAVService, authenticator: Authenticator, configuration: ServerConfiguration) {
        self.init(service: service, authenticator: authenticator, configuration: configuration,
                  handleDAV: { await service.handle($0) }, refusalBeforeBody: { await service.refusalBeforeBody($0) })
    }

    init(service: CalDAVService, authenticator: Authenticator, configuration: ServerConfiguration,
         handleDAV: @escaping @Sendable (DAVRequest) async -> DAVResponse,
         refusalBeforeBody: @escaping @Sendable (DAVRequest) async -> DAVResponse?, api: APIDoor? = nil,
         accountPages: AccountPages? = nil) {
        self.service = service
        self.authenticator = authenticator
        self.configuration = configuration
        self.bodyLimit = RequestBodyLimit(maximumBytes: configuration.maxRequestBodySize)
        self.handleDAV = handleDAV
        self.refusalBeforeBody = refusalBeforeBody
        self.api = api
        self.accountPages = accountPages
        self.oauth = OAuthDoor(store: authenticator.store, authenticator: authenticator, baseURL: configuration.baseURL,
                               singleSignOn: configuration.singleSignOn.map {
                                   SingleSignOn(configuration: $0, store: authenticator.store, http: .shared)
                               })
    }

    public func respond(to request: Request, context: Context) async throws -> Response {
        try await log.handle(request, context: context) { request, context in
            try await route(request, context: context)
        }
    }

    private func route(_ request: Request, context: Context) async throws -> Response {
        let path = request.uri.path
        if path == "/health" && (request.method == .get || request.method == .head) {
            return await health(context: context, isHead: request.method == .head)
        }
        if path == "/.well-known/caldav" || path == "/.well-known/caldav/" {
            // Spec: RFC 6764 §5 (the well-known URI redirects to the context path).
            return Response(status: .movedPermanently, headers: [.location: configuration.basePath + "/"])
        }
        if let api, APIDoor.handles(path) {
            return await api.respond(to: request, context: context, address: clientAddress(request, context: context))
        }
        if let accountPages, AccountPages.handles(path) {
            return await accountPages.respond(to: request, context: context,
                                              address: clientAddress(request, context: context))
        }
        if OAuthDoor.handles(path) {
            return await oauth.respond(to: request, address: clientAddress(request, context: context))
        }
        let davPath: DAVPath
        do {
            davPath = try DAVPath(rawPath: path, basePath: configuration.basePath)
        } catch .outsideBasePath {
            return ServerResponse.text(.notFound, "Nothing here: the calendar server lives under \(configuration.basePath)/.")
        } catch {
            return ServerResponse.text(.badRequest, "The request path is not a valid URL path.")
        }
        // Clients probe with OPTIONS before they log in; with credentials it is checked like any request, so the
        // DAV layer can answer for the resource itself (its Allow).
        if request.method == .options && request.headers[.authorization] == nil {
            return await dav(request, path: davPath, body: [], principal: Self.anonymous, context: context)
        }

        let outcome: Authenticator.Outcome
        do {
            outcome = try await authenticator.authenticate(authorization: request.headers[.authorization],
                                                           address: clientAddress(request, context: context))
        } catch {
            return storeFailure(error, context: context)
        }
        switch outcome {
        case .rejected:
            return ServerResponse.unauthorized()
        case .throttled(let retryAfter):
            return ServerResponse.tooManyLoginFailures(retryAfter: retryAfter)
        case .authenticated(let principal), .token(let principal, _, _):
            context.authenticatedUser.value = principal.userName
            if case .token(_, let scopes, _) = outcome,
               let refusal = TokenScopeRule.davRefusal(method: request.method, scopes: scopes) {
                return ServerResponse.text(.forbidden, refusal)
            }
            // Refused from the headers alone: a client waiting on Expect: 100-continue never sends the body.
            if bodyLimit.declaredLengthExceedsLimit(request) {
                return ServerResponse.bodyTooLarge(limit: bodyLimit.maximumBytes)
            }
            if request.headers[.expect] != nil {
                // The client holds the body back until told: refuse now what the headers already decide (403, 409,
                // 412 ...), else ask for the body.
                let headersOnly = DAVRequest(request: request, path: davPath, body: [], principal: principal)
                if let refusal = await refusalBeforeBody(headersOnly) {
                    context.logNote.value = refusal.logNote
                    return refusal.httpResponse(forHead: false)
                }
                await context.continueSignal.bodyWillBeRead()
            }
            let body: [UInt8]
            do {
                body = try await bodyLimit.collect(request)
            } catch is RequestBodyLimit.TooLarge {
                return ServerResponse.bodyTooLarge(limit: bodyLimit.maximumBytes)
            }
            return await dav(request, path: davPath, body: body, principal: principal, context: context)
        }
    }

    private func dav(_ request: Request, path: DAVPath, body: [UInt8], principal: DAVPrincipal,
                     context: Context) async -> Response {
        let response = await handleDAV(DAVRequest(request: request, path: path, body: body, principal: principal))
        context.logNote.value = response.logNote
        return response.httpResponse(forHead: request.method == .head)
    }

    /// `{"status":"ok"}` after a cheap store read proves the store answers; 503 when it does not.
    private func health(context: Context, isHead: Bool) async -> Response {
        do {
            _ = try await service.store.user(id: 0)
        } catch {
            return storeFailure(error, context: context)
        }
        let body = #"{"status":"ok"}"#
        var headers: HTTPFields = [.contentType: "application/json", .cacheControl: "no-store"]
        if isHead {
            headers[.contentLength] = String(body.utf8.count)
            return Response(status: .ok, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    private func storeFailure(_ error: StoreError, context: Context) -> Response {
        context.logger.error("Store failure", metadata: ["error": .string(String(describing: error))])
        return ServerResponse.storeUnavailable(requestID: context.requestID)
    }

    /// The address login throttling counts: the connection's peer, or behind a trusted proxy the address it
    /// appended last to `X-Forwarded-For` (earlier entries are client-controlled).
    private func clientAddress(_ request: Request, context: Context) -> String? {
        if configuration.trustForwardedFor, let forwarded = request.headers[values: .xForwardedFor].last,
           let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty {
            return last
        }
        return context.peerAddress
    }
}

extension HTTPField.Name {
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
}
