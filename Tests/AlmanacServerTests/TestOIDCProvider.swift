import Calendaring
import Foundation
import HTTPTypes
import Hummingbird
import JWTKit

/// A small OpenID Connect provider for tests, on loopback: discovery, an authorization endpoint that signs in one
/// fixed person at once, a token endpoint that checks the client's secret and PKCE verifier and returns an ES256 ID
/// token, and its key set. `claims` lets a test make the provider lie (another audience, an unverified address).
struct TestOIDCProvider: Sendable {
    static let clientID = "almanac-test"
    static let clientSecret = "provider-secret-1"

    struct Pending: Sendable {
        var redirectURI: String
        var nonce: String?
        var challenge: String
    }

    actor Codes {
        var pending: [String: Pending] = [:]
        func put(_ code: String, _ value: Pending) { pending[code] = value }
        func take(_ code: String) -> Pending? { pending.removeValue(forKey: code) }
    }

    struct Claims: JWTPayload {
        var iss: IssuerClaim
        var sub: SubjectClaim
        var aud: AudienceClaim
        var exp: ExpirationClaim
        var iat: IssuedAtClaim
        var nonce: String?
        var email: String
        var email_verified: Bool

        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    let key = ES256PrivateKey()
    let codes = Codes()
    var email = "alice@example.com"
    var emailVerified = true
    var audience = TestOIDCProvider.clientID

    var jwks: String {
        let parameters = key.publicKey.parameters!
        return #"{"keys":[{"kty":"EC","crv":"P-256","alg":"ES256","use":"sig","kid":"k1","x":"\#(parameters.x)","y":"\#(parameters.y)"}]}"#
    }

    func application() -> some ApplicationProtocol {
        let router = Router()
        let provider = self
        let issuer = Self.issuer, json = Self.json
        router.get("/.well-known/openid-configuration") { request, _ in
            let base = issuer(request)
            return json(#"{"issuer":"\#(base)","authorization_endpoint":"\#(base)/authorize","token_endpoint":"\#(base)/token","jwks_uri":"\#(base)/jwks"}"#)
        }
        router.get("/jwks") { _, _ in json(provider.jwks) }
        router.get("/authorize") { request, _ in
            let query = request.uri.queryParameters
            guard query["client_id"].map(String.init) == Self.clientID, let redirect = query["redirect_uri"],
                  let state = query["state"], let challenge = query["code_challenge"],
                  query["code_challenge_method"] == "S256" else {
                return Response(status: .badRequest)
            }
            let code = UUID().uuidString
            await provider.codes.put(code, Pending(redirectURI: String(redirect), nonce: query["nonce"].map(String.init),
                                                   challenge: String(challenge)))
            var components = URLComponents(string: String(redirect))!
            components.queryItems = [URLQueryItem(name: "code", value: code), URLQueryItem(name: "state", value: String(state))]
            return Response(status: .found, headers: [.location: components.string!])
        }
        router.post("/token") { request, _ in
            let basic = "Basic " + Data("\(Self.clientID):\(Self.clientSecret)".utf8).base64EncodedString()
            guard request.headers[.authorization] == basic else { return Response(status: .unauthorized) }
            let body = try await request.body.collect(upTo: 10_000)
            let form = try URLEncodedFormDecoder().decode([String: String].self, from: String(buffer: body))
            guard let code = form["code"], let pending = await provider.codes.take(code),
                  form["redirect_uri"] == pending.redirectURI, let verifier = form["code_verifier"],
                  PKCE.challenge(for: verifier) == pending.challenge else {
                return Response(status: .badRequest, headers: [.contentType: "application/json"],
                                body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"error":"invalid_grant"}"#)))
            }
            let keys = JWTKeyCollection()
            await keys.add(ecdsa: provider.key, kid: "k1")
            let now = Date()
            let token = try await keys.sign(Claims(iss: .init(value: issuer(request)), sub: "user-1",
                                                   aud: .init(value: [provider.audience]),
                                                   exp: .init(value: now.addingTimeInterval(300)), iat: .init(value: now),
                                                   nonce: pending.nonce, email: provider.email,
                                                   email_verified: provider.emailVerified), kid: "k1")
            return json(#"{"access_token":"x","token_type":"Bearer","id_token":"\#(token)"}"#)
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    @Sendable static func issuer(_ request: Request) -> String { "http://" + (request.head.authority ?? "127.0.0.1") }

    @Sendable static func json(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
